package org.nnmip.nnverify.verify;

/**
 * @param timeLimitSeconds  wall-clock limit over the whole property
 * @param strategy          how sub-problems are decided
 * @param threads           branch-and-bound threads per MIP
 * @param seed              seed of the falsifier's random samples
 * @param splitInputLimit   AUTO splits when the network has at most this many inputs
 * @param splitMipUnstable  SPLIT hands a box to the MIP once it has at most this many unstable ReLUs
 * @param falsifierSeconds  budget of the sampling/PGD phase before any bounding (0 = skip it)
 * @param lpTightening      tighten unstable ReLU bounds by LP before each MIP
 */
public record VerificationOptions(double timeLimitSeconds, Strategy strategy, int threads, long seed, int splitInputLimit,
                                  int splitMipUnstable, double falsifierSeconds, boolean lpTightening) {
    public VerificationOptions {
        if (!(timeLimitSeconds > 0)) throw new IllegalArgumentException("time limit must be positive, got " + timeLimitSeconds);
        if (strategy == null) throw new IllegalArgumentException("strategy is null");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (splitInputLimit < 0 || splitMipUnstable < 0) throw new IllegalArgumentException("split limits must be non-negative");
        if (!(falsifierSeconds >= 0)) throw new IllegalArgumentException("falsifier budget must be non-negative, got " + falsifierSeconds);
    }

    public static VerificationOptions defaults() {
        return new VerificationOptions(Double.POSITIVE_INFINITY, Strategy.AUTO, 1, 0L, 16, 30, 2.0, false);
    }

    public VerificationOptions withTimeLimitSeconds(double v) { return new VerificationOptions(v, strategy, threads, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, lpTightening); }
    public VerificationOptions withStrategy(Strategy v) { return new VerificationOptions(timeLimitSeconds, v, threads, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, lpTightening); }
    public VerificationOptions withThreads(int v) { return new VerificationOptions(timeLimitSeconds, strategy, v, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, lpTightening); }
    public VerificationOptions withSeed(long v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, v, splitInputLimit, splitMipUnstable, falsifierSeconds, lpTightening); }
    public VerificationOptions withFalsifierSeconds(double v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, seed, splitInputLimit, splitMipUnstable, v, lpTightening); }
    public VerificationOptions withLpTightening(boolean v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, seed, splitInputLimit, splitMipUnstable, falsifierSeconds, v); }
    public VerificationOptions withSplitMipUnstable(int v) { return new VerificationOptions(timeLimitSeconds, strategy, threads, seed, splitInputLimit, v, falsifierSeconds, lpTightening); }
}
