package org.nnmip.nnverify.resilience;

import org.nnmip.mip.MipParameters;

/**
 * Settings of the maximum-resilience MIPs, including the encoding heuristics of Cheng, Nührenberg &amp; Ruess (2017,
 * "Maximum resilience of artificial neural networks", Sec. 4), each switchable so its effect can be measured.
 *
 * @param norm             perturbation norm: {@code sum |eps_i|} or {@code max |eps_i|}
 * @param k                how many other classes must score at least the class after perturbation ({@code >= 1})
 * @param bigM             how the big-M constants are obtained
 * @param constantM        the constant of {@link BigM#CONSTANT}; raised to the largest interval bound when smaller,
 *                         so the encoding stays exact
 * @param lookBack         look-back bound tightening over this many layers of ReLUs (0 = off)
 * @param tightening       what look-back tightening solves per neuron
 * @param tighteningSeconds wall-clock budget of look-back tightening (bounds found so far are kept)
 * @param priorities       layer-ordered branching priorities (earlier layers first)
 * @param threeStepInit    the three-step initialisation (an input with confidence alpha, Phi on that input, then the
 *                         full MIP from that point with the cut {@code sum eps <= Phi_ini})
 * @param mip              engine parameters of the main solve (its time limit bounds the whole call)
 * @param arctanPieces     pieces of the sound piecewise-linear enclosure of each arctan neuron (a binary each);
 *                         with arctan layers the MIP is a relaxation and its bound a proven lower bound on Phi
 * @param threads          classes of Xi solved at the same time (each class's MIP uses {@code mip}'s threads)
 * @param heuristicFraction share of the time limit (1 s without one) for the sampling heuristic that seeds each MIP
 *                         with a witness pair found by forward evaluation (0 = off)
 * @param seed             seed of the sampling heuristic (class {@code m} of Xi uses {@code seed + m})
 */
public record ResilienceOptions(Norm norm, int k, BigM bigM, double constantM, int lookBack, Tightening tightening,
                                double tighteningSeconds, boolean priorities, boolean threeStepInit, MipParameters mip,
                                int arctanPieces, int threads, double heuristicFraction, long seed) {
    public enum Norm { L1, LINF }

    /** Where the big-M constants come from. */
    public enum BigM {
        /** One constant for every neuron and no dataflow analysis: every ReLU gets a binary. */
        CONSTANT,
        /** Interval (dataflow) bounds, as in the paper. */
        INTERVAL,
        /** Interval bounds intersected with symbolic back-substitution (tighter). */
        SYMBOLIC
    }

    /** Per-neuron problem of look-back tightening. */
    public enum Tightening {
        /** The LP relaxation of the window. */
        LP,
        /** The MIP of the window with a node budget; its proven dual bound is used. */
        MIP
    }

    public ResilienceOptions {
        if (norm == null || bigM == null || tightening == null || mip == null) throw new IllegalArgumentException("resilience options: null setting");
        if (k < 1) throw new IllegalArgumentException("resilience: k must be >= 1, got " + k);
        if (!(constantM > 0) || !Double.isFinite(constantM)) throw new IllegalArgumentException("resilience: constant big-M must be positive and finite, got " + constantM);
        if (lookBack < 0) throw new IllegalArgumentException("resilience: look-back must be >= 0, got " + lookBack);
        if (arctanPieces < 1) throw new IllegalArgumentException("resilience: arctan pieces must be >= 1, got " + arctanPieces);
        if (threads < 1) throw new IllegalArgumentException("resilience: threads must be >= 1, got " + threads);
        if (!(heuristicFraction >= 0 && heuristicFraction < 1)) throw new IllegalArgumentException("resilience: heuristic fraction must be in [0, 1), got " + heuristicFraction);
        if (!(tighteningSeconds >= 0)) throw new IllegalArgumentException("resilience: tightening budget must be >= 0, got " + tighteningSeconds);
    }

    /**
     * L1, k = 1, symbolic big-M, no look-back, priorities on, no three-step start, one thread, tight gaps, 8 arctan
     * pieces, 5% of the limit for the sampling heuristic, seed 0.
     */
    public static ResilienceOptions defaults() {
        return new ResilienceOptions(Norm.L1, 1, BigM.SYMBOLIC, 1e4, 0, Tightening.LP, 10.0, true, false,
                MipParameters.defaults().withThreads(1).withRelativeGap(1e-9).withAbsoluteGap(1e-9), 8, 1, 0.05, 0L);
    }

    public ResilienceOptions withNorm(Norm v) { return new ResilienceOptions(v, k, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withK(int v) { return new ResilienceOptions(norm, v, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withBigM(BigM v) { return new ResilienceOptions(norm, k, v, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withConstantM(double v) { return new ResilienceOptions(norm, k, bigM, v, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withLookBack(int v) { return new ResilienceOptions(norm, k, bigM, constantM, v, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withTightening(Tightening v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, v, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withTighteningSeconds(double v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, v, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withPriorities(boolean v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, tighteningSeconds, v, threeStepInit, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withThreeStepInit(boolean v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, v, mip, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withArctanPieces(int v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, v, threads, heuristicFraction, seed); }
    public ResilienceOptions withThreads(int v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, v, heuristicFraction, seed); }
    public ResilienceOptions withMip(MipParameters v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, v, arctanPieces, threads, heuristicFraction, seed); }
    public ResilienceOptions withHeuristicFraction(double v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, v, seed); }
    public ResilienceOptions withSeed(long v) { return new ResilienceOptions(norm, k, bigM, constantM, lookBack, tightening, tighteningSeconds, priorities, threeStepInit, mip, arctanPieces, threads, heuristicFraction, v); }
}
