package org.nnmip.mip;

import java.util.Arrays;

/**
 * Minimal cover inequalities for knapsack rows over binaries (Balas 1975; Crowder, Johnson, Padberg 1983):
 * for a row {@code sum a_j x_j <= b} (negative coefficients complemented, fixed columns moved to the right-hand
 * side), a cover C with {@code sum_C a_j > b} gives {@code sum_C x_j <= |C| - 1}. The cover is chosen greedily
 * by {@code (1 - x*_j) / a_j} (the usual separation heuristic), then made minimal.
 */
final class KnapsackCoverSeparator extends RowCutSeparator {
    @Override
    public String name() {
        return "knapsack-cover";
    }

    /** The row {@code sign * sum a x <= b}. */
    @Override
    Cut separateRow(MipInstance inst, int[] idx, double[] val, double b, double sign, double[] x,
                    double[] lo, double[] up) {
        int len = idx.length;
        if (len < 2) return null;
        int[] cols = new int[len];
        double[] w = new double[len];
        double[] xs = new double[len];
        boolean[] complemented = new boolean[len];
        int k = 0;
        double rhs = b;
        for (int t = 0; t < len; t++) {
            int j = idx[t];
            double a = sign * val[t];
            if (!inst.isInteger(j) || lo[j] < 0 || up[j] > 1) return null;
            if (lo[j] == up[j]) {
                rhs -= a * lo[j];
                continue;
            }
            cols[k] = j;
            if (a > 0) {
                w[k] = a;
                xs[k] = x[j];
            } else {
                w[k] = -a;
                xs[k] = 1 - x[j];
                complemented[k] = true;
                rhs -= a;
            }
            k++;
        }
        if (k < 2 || rhs < 0) return null;
        double total = 0;
        for (int t = 0; t < k; t++) total += w[t];
        if (total <= rhs + 1e-9) return null;
        Integer[] order = new Integer[k];
        for (int t = 0; t < k; t++) order[t] = t;
        final double[] ww = w, xx = xs;
        Arrays.sort(order, (p, q) -> Double.compare((1 - xx[p]) / ww[p], (1 - xx[q]) / ww[q]));
        boolean[] inCover = new boolean[k];
        double sum = 0;
        int size = 0;
        for (int t = 0; t < k && sum <= rhs + 1e-9; t++) {
            inCover[order[t]] = true;
            sum += w[order[t]];
            size++;
        }
        if (sum <= rhs + 1e-9) return null;
        // Make the cover minimal: drop items (largest x* first... here smallest weight first) while it stays a cover.
        Integer[] byWeight = new Integer[k];
        for (int t = 0; t < k; t++) byWeight[t] = t;
        Arrays.sort(byWeight, (p, q) -> Double.compare(xx[p], xx[q]));
        for (int t : byWeight) {
            if (inCover[t] && sum - w[t] > rhs + 1e-9) {
                inCover[t] = false;
                sum -= w[t];
                size--;
            }
        }
        double lhs = 0;
        for (int t = 0; t < k; t++) if (inCover[t]) lhs += xs[t];
        if (lhs <= size - 1 + 1e-6) return null;
        int[] ci = new int[size];
        double[] cv = new double[size];
        double cr = size - 1;
        int q = 0;
        for (int t = 0; t < k; t++) {
            if (!inCover[t]) continue;
            ci[q] = cols[t];
            if (complemented[t]) {
                cv[q] = -1;
                cr -= 1;
            } else {
                cv[q] = 1;
            }
            q++;
        }
        return new Cut(ci, cv, Double.NEGATIVE_INFINITY, cr);
    }
}
