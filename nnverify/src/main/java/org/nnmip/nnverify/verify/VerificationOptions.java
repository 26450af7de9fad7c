package org.nnmip.nnverify.verify;

import org.nnmip.nnverify.encode.BoundTightening;
import org.nnmip.nnverify.encode.TighteningStep;

/**
 * @param timeLimitSeconds  wall-clock limit over the whole property
 * @param strategy          how sub-problems are decided
 * @param threads           branch-and-bound threads per MIP (and LP/MIP bound-tightening threads)
 * @param seed              seed of the falsifier's random samples
 * @param splitInputLimit   AUTO splits when the network has at most this many inputs
 * @param splitMipUnstable  SPLIT hands a box to the MIP once it has at most this many unstable ReLUs
 * @param falsifierSeconds  budget of the sampling/PGD phase before any bounding (0 = skip it)
 * @param tightening        bound tightening before each MIP (default: interval and symbolic)
 * @param memoryLimitMb     stop with reason memory_limit when the heap in use passes this many MiB (0 = none)
 */
public record VerificationOptions(double timeLimitSeconds, Strategy strategy, int threads, long seed, int splitInputLimit,
                                  int splitMipUnstable, double falsifierSeconds, BoundTightening.Options tightening,
                                  long memoryLimitMb) {
    public VerificationOptions {
        if (!(timeLimitSeconds > 0)) throw new IllegalArgumentException("time limit must be positive, got " + timeLimitSeconds);
        if (strategy == null) throw new IllegalArgumentException("strategy is null");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (splitInputLimit < 0 || splitMipUnstable < 0) throw new IllegalArgumentException("split limits must be non-negative");
        if (!(falsifierSeconds >= 0)) throw new IllegalArgumentException("falsifier budget must be non-negative, got " + falsifierSeconds);
        if (tightening == null) throw new IllegalArgumentException("tightening is null");
        if (memoryLimitMb < 0) throw new IllegalArgumentException("memory limit must be non-negative (0 = none), got " + memoryLimitMb);
    }

    public static VerificationOptions defaults() {
        return new VerificationOptions(Double.POSITIVE_INFINITY, Strategy.AUTO, 1, 0L, 16, 30, 2.0, BoundTightening.Options.upTo(TighteningStep.SYMBOLIC), 0L);
    }

    /** True when LP (or MIP) tightening runs before each MIP. */
    public boolean lpTightening() { return tightening.last().compareTo(TighteningStep.LP) >= 0; }

    public VerificationOptions withTimeLimitSeconds(double v) { return new VerificationOptions(v, strategy, threads, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, tightening, memoryLimitMb); }
    public VerificationOptions withStrategy(Strategy v) { return new VerificationOptions(timeLimitSeconds, v, threads, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, tightening, memoryLimitMb); }
    public VerificationOptions withThreads(int v) { return new VerificationOptions(timeLimitSeconds, strategy, v, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, tightening, memoryLimitMb); }
    public VerificationOptions withSeed(long v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, v, splitInputLimit, splitMipUnstable, falsifierSeconds, tightening, memoryLimitMb); }
    public VerificationOptions withFalsifierSeconds(double v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, seed, splitInputLimit, splitMipUnstable, v, tightening, memoryLimitMb); }
    /** LP tightening on (up to LP) or off (up to symbolic). */
    public VerificationOptions withLpTightening(boolean v) { return withTightening(BoundTightening.Options.upTo(v ? TighteningStep.LP : TighteningStep.SYMBOLIC)); }
    public VerificationOptions withTightening(BoundTightening.Options v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, v, memoryLimitMb); }
    public VerificationOptions withMemoryLimitMb(long v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, tightening, v); }
    public VerificationOptions withSplitMipUnstable(int v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, seed, splitInputLimit, v, falsifierSeconds, tightening, memoryLimitMb); }
}
