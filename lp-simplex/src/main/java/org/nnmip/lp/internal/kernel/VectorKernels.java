package org.nnmip.lp.internal.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD twin of {@link ScalarKernels} on {@code jdk.incubator.vector} (the preferred double species, scalar tail
 * loops). Loaded reflectively by {@link KernelSelector} so that the class is never touched when the incubator
 * module is absent.
 *
 * <p>Agreement with the scalar twin: {@link #axpy}, {@link #maxAbs}, {@link #chooseRowSteepestEdge} and
 * {@link #updateSteepestEdgeWeights} perform the very same IEEE operations per element, in the same order (no
 * FMA contraction), so their results are bit-identical, including NaN/infinity propagation and the
 * smallest-index tie-break. {@link #dot} sums in a different order (lane-wise partial sums, then a lane
 * reduction), so it may differ by reassociation only: {@code |dot_vec - dot_scalar| <= 2 n eps sum |a_i b_i|},
 * which the tests check as {@code 1e-12 * sum |a_i b_i|} for n <= 300.
 */
public final class VectorKernels implements Kernels {
    public static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Same shape as {@link #D}, hence the same lane count: used to carry candidate indices in CHUZR. */
    private static final VectorSpecies<Long> L = VectorSpecies.of(long.class, D.vectorShape());
    private static final int W = D.length();

    private VectorKernels() {
    }

    @Override
    public double dot(double[] a, double[] b, int n) {
        // Four independent accumulators hide the add latency (the loop is otherwise latency bound).
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        DoubleVector acc2 = DoubleVector.zero(D);
        DoubleVector acc3 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = n - 4 * W; i <= bound; i += 4 * W) {
            acc0 = acc0.add(DoubleVector.fromArray(D, a, i).mul(DoubleVector.fromArray(D, b, i)));
            acc1 = acc1.add(DoubleVector.fromArray(D, a, i + W).mul(DoubleVector.fromArray(D, b, i + W)));
            acc2 = acc2.add(DoubleVector.fromArray(D, a, i + 2 * W).mul(DoubleVector.fromArray(D, b, i + 2 * W)));
            acc3 = acc3.add(DoubleVector.fromArray(D, a, i + 3 * W).mul(DoubleVector.fromArray(D, b, i + 3 * W)));
        }
        for (int bound = n - W; i <= bound; i += W) {
            acc0 = acc0.add(DoubleVector.fromArray(D, a, i).mul(DoubleVector.fromArray(D, b, i)));
        }
        double s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        if (alpha == 0.0) return; // as the scalar twin: 0 * inf must not poison y
        DoubleVector va = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = n - W; i <= bound; i += W) {
            // mul then add, never fma: keeps the scalar twin's rounding.
            DoubleVector.fromArray(D, y, i).add(DoubleVector.fromArray(D, x, i).mul(va)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] += alpha * x[i];
    }

    @Override
    public double maxAbs(double[] a, int n) {
        // Lane-wise MAX has Math.max semantics (NaN wins, +0 > -0), so the order of the maxima does not matter
        // and the result is bit-identical to the scalar loop. Four accumulators break the latency chain of the
        // (multi-instruction) Java max.
        DoubleVector m0 = DoubleVector.zero(D);
        DoubleVector m1 = DoubleVector.zero(D);
        DoubleVector m2 = DoubleVector.zero(D);
        DoubleVector m3 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = n - 4 * W; i <= bound; i += 4 * W) {
            m0 = m0.max(DoubleVector.fromArray(D, a, i).abs());
            m1 = m1.max(DoubleVector.fromArray(D, a, i + W).abs());
            m2 = m2.max(DoubleVector.fromArray(D, a, i + 2 * W).abs());
            m3 = m3.max(DoubleVector.fromArray(D, a, i + 3 * W).abs());
        }
        for (int bound = n - W; i <= bound; i += W) {
            m0 = m0.max(DoubleVector.fromArray(D, a, i).abs());
        }
        double r = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) r = Math.max(r, Math.abs(a[i]));
        return r;
    }

    /**
     * One pass that keeps, per lane, the best score and the first index reaching it (strict improvement only),
     * then picks the best score over the lanes and, among lanes holding it, the smallest index. That is exactly
     * the scalar "first index with the maximal score" rule. Scores are computed with the scalar twin's formula;
     * ineligible lanes (infeasibility not above tol, score not above 0 or NaN) never win a comparison.
     */
    @Override
    public int chooseRowSteepestEdge(double[] x, double[] lower, double[] upper, double[] weights, int n,
                                     double tol) {
        int i = 0;
        int best = -1;
        double bestScore = 0;
        if (n >= W) {
            DoubleVector bestVec = DoubleVector.zero(D);
            LongVector bestIdx = LongVector.broadcast(L, -1L);
            LongVector idx = LongVector.zero(L).addIndex(1);
            LongVector step = LongVector.broadcast(L, W);
            DoubleVector vtol = DoubleVector.broadcast(D, tol);
            for (int bound = n - W; i <= bound; i += W) {
                DoubleVector xv = DoubleVector.fromArray(D, x, i);
                DoubleVector infeas = DoubleVector.fromArray(D, lower, i).sub(xv)
                        .max(xv.sub(DoubleVector.fromArray(D, upper, i)));
                DoubleVector score = infeas.mul(infeas).div(DoubleVector.fromArray(D, weights, i));
                VectorMask<Double> better = infeas.compare(VectorOperators.GT, vtol)
                        .and(score.compare(VectorOperators.GT, bestVec));
                if (better.anyTrue()) {
                    bestVec = bestVec.blend(score, better);
                    bestIdx = bestIdx.blend(idx, better.cast(L));
                }
                idx = idx.add(step);
            }
            double top = bestVec.reduceLanes(VectorOperators.MAX);
            if (top > 0) {
                VectorMask<Long> atTop = bestVec.compare(VectorOperators.EQ, top).cast(L);
                best = (int) bestIdx.reduceLanes(VectorOperators.MIN, atTop);
                bestScore = top;
            }
        }
        for (; i < n; i++) {
            double infeas = Math.max(lower[i] - x[i], x[i] - upper[i]);
            if (infeas > tol) {
                double score = infeas * infeas / weights[i];
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
        }
        return best;
    }

    @Override
    public void updateSteepestEdgeWeights(double[] weights, double[] alpha, double[] tau, int r, int n) {
        double alphaR = alpha[r];
        double wr = weights[r];
        DoubleVector vAlphaR = DoubleVector.broadcast(D, alphaR);
        DoubleVector vWr = DoubleVector.broadcast(D, wr);
        DoubleVector vMin = DoubleVector.broadcast(D, ScalarKernels.MIN_WEIGHT);
        int i = 0;
        for (int bound = n - W; i <= bound; i += W) {
            DoubleVector ratio = DoubleVector.fromArray(D, alpha, i).div(vAlphaR);
            // Zero ratios leave the weight untouched (also when tau or w is infinite), as in the scalar twin.
            VectorMask<Double> touched = ratio.compare(VectorOperators.NE, 0.0);
            if (!touched.anyTrue()) continue;
            DoubleVector w = DoubleVector.fromArray(D, weights, i);
            // Same evaluation order as the scalar: (w - (2*ratio)*tau) + (ratio*ratio)*wr.
            DoubleVector updated = w.sub(ratio.mul(2.0).mul(DoubleVector.fromArray(D, tau, i)))
                    .add(ratio.mul(ratio).mul(vWr))
                    .max(vMin);
            w.blend(updated, touched).intoArray(weights, i);
        }
        for (; i < n; i++) {
            double ratio = alpha[i] / alphaR;
            if (ratio == 0.0) continue;
            weights[i] = Math.max(weights[i] - 2.0 * ratio * tau[i] + ratio * ratio * wr, ScalarKernels.MIN_WEIGHT);
        }
        weights[r] = Math.max(wr / (alphaR * alphaR), ScalarKernels.MIN_WEIGHT);
    }
}
