package org.nnmip.nnverify.lipschitz;

import java.util.Locale;
import org.nnmip.mip.MipParameters;

/** The methods by name, with the settings they share (for the command line and comparisons). */
public enum LipschitzMethod {
    LIPMIP, LIPLP, FASTLIP, NAIVE, RANDOMLB, CLEVER, SEQLIP;

    /**
     * @param mip        branch-and-bound parameters for LipMIP (gap, time limit, threads)
     * @param samples    points for RandomLB; CLEVER uses {@code samples / 20} batches of 20 points (at least 3)
     * @param seed       seed of the sampling methods
     */
    public record Settings(MipParameters mip, int samples, long seed) {
        public Settings {
            if (mip == null) throw new IllegalArgumentException("lipschitz settings: MIP parameters are null");
            if (samples < 1) throw new IllegalArgumentException("lipschitz settings: samples must be >= 1, got " + samples);
        }

        public static Settings defaults() {
            return new Settings(LipMip.defaultParameters(), 2000, 1L);
        }
    }

    public LipschitzResult compute(LipschitzProblem p, Settings s) {
        return switch (this) {
            case LIPMIP -> LipMip.solve(p, s.mip());
            case LIPLP -> LipLp.solve(p, s.mip().timeLimitSeconds());
            case FASTLIP -> FastLip.compute(p);
            case NAIVE -> NaiveBound.compute(p);
            case RANDOMLB -> RandomLowerBound.compute(p, s.samples(), s.seed());
            case CLEVER -> Clever.compute(p, Math.max(3, s.samples() / 20), 20, s.seed());
            case SEQLIP -> SeqLip.compute(p);
        };
    }

    /** Vector outputs with a linear output norm ({@link VectorLipschitzProblem}). */
    public LipschitzResult compute(VectorLipschitzProblem p, Settings s, BackwardEncoding encoding) {
        return switch (this) {
            case LIPMIP -> LipMip.solve(p, s.mip(), encoding);
            case LIPLP -> LipLp.solve(p, s.mip().timeLimitSeconds(), encoding);
            case FASTLIP -> FastLip.compute(p);
            case NAIVE -> NaiveBound.compute(p);
            case RANDOMLB -> RandomLowerBound.compute(p, s.samples(), s.seed());
            case CLEVER -> Clever.compute(p, Math.max(3, s.samples() / 20), 20, s.seed());
            case SEQLIP -> SeqLip.compute(p);
        };
    }

    public LipschitzResult compute(LipschitzProblem p, Settings s, BackwardEncoding encoding) {
        return switch (this) {
            case LIPMIP -> LipMip.solve(p, s.mip(), encoding);
            case LIPLP -> LipLp.solve(p, s.mip().timeLimitSeconds(), encoding);
            default -> compute(p, s);
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LipschitzMethod parse(String s) {
        for (LipschitzMethod m : values()) if (m.cliName().equals(s == null ? "" : s.toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("method: expected one of lipmip, liplp, fastlip, naive, randomlb, clever, seqlip, got '" + s + "'");
    }
}
