package org.nnmip.lp.internal.factor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dense LU with partial pivoting and product-form (eta) updates. O(m^2) per solve and O(m^3) per factorisation:
 * the reference the sparse factor is tested against, and a fallback for small dense bases.
 */
public final class DenseLuFactor implements BasisFactor {
    private static final double PIVOT_TOLERANCE = 1e-9;
    private static final double UPDATE_TOLERANCE = 1e-9;

    private int m;
    private int numStructural;
    private int[] colStart;
    private int[] rowIndex;
    private double[] values;

    /** Row-major m x m working matrix: after factorize, multipliers of L and the entries of U. */
    private double[] lu = new double[0];
    /** perm[k] = the original row that is pivot k. */
    private int[] perm = new int[0];
    private final List<int[]> etaPositions = new ArrayList<>();
    private final List<double[]> etaColumns = new ArrayList<>();
    private double[] work = new double[0];

    @Override
    public void setMatrix(int numRows, int numStructural, int[] colStart, int[] rowIndex, double[] values) {
        this.m = numRows;
        this.numStructural = numStructural;
        this.colStart = colStart;
        this.rowIndex = rowIndex;
        this.values = values;
    }

    @Override
    public int factorize(int[] basicVars) {
        int replaced = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            int fixed = factorOnce(basicVars);
            if (fixed == 0) return replaced;
            replaced += fixed;
        }
        // The second pass uses only logicals in the dependent positions, so it cannot be singular.
        if (factorOnce(basicVars) != 0) throw new IllegalStateException("basis repair failed");
        return replaced;
    }

    private int factorOnce(int[] basicVars) {
        etaPositions.clear();
        etaColumns.clear();
        if (lu.length < m * m) lu = new double[m * m];
        Arrays.fill(lu, 0, m * m, 0.0);
        if (perm.length < m) perm = new int[m];
        if (work.length < m) work = new double[m];
        for (int k = 0; k < m; k++) {
            int v = basicVars[k];
            if (v < numStructural) {
                for (int p = colStart[v]; p < colStart[v + 1]; p++) lu[rowIndex[p] * m + k] = values[p];
            } else {
                lu[(v - numStructural) * m + k] = 1.0;
            }
        }
        boolean[] pivoted = new boolean[m];
        boolean[] singularColumn = new boolean[m];
        int singular = 0;
        for (int k = 0; k < m; k++) {
            int best = -1;
            double bestAbs = 0;
            double colMax = 0;
            for (int i = 0; i < m; i++) {
                double a = Math.abs(lu[i * m + k]);
                colMax = Math.max(colMax, a);
                if (!pivoted[i] && a > bestAbs) {
                    bestAbs = a;
                    best = i;
                }
            }
            if (best < 0 || bestAbs <= PIVOT_TOLERANCE * Math.max(1.0, colMax)) {
                singularColumn[k] = true;
                singular++;
                continue;
            }
            pivoted[best] = true;
            perm[k] = best;
            double piv = lu[best * m + k];
            for (int i = 0; i < m; i++) {
                if (pivoted[i]) continue;
                double a = lu[i * m + k];
                if (a == 0.0) continue;
                double l = a / piv;
                lu[i * m + k] = l;
                int ri = i * m;
                int rb = best * m;
                for (int c = k + 1; c < m; c++) lu[ri + c] -= l * lu[rb + c];
            }
        }
        if (singular == 0) return 0;
        int r = 0;
        for (int k = 0; k < m; k++) {
            if (!singularColumn[k]) continue;
            while (pivoted[r]) r++;
            basicVars[k] = numStructural + r;
            pivoted[r] = true;
        }
        return singular;
    }

    @Override
    public void ftran(double[] x) {
        double[] b = work;
        System.arraycopy(x, 0, b, 0, m);
        // Forward: eliminate with the multipliers in pivot order (rows pivoted after k hold L entries in column k).
        for (int k = 0; k < m; k++) {
            double bp = b[perm[k]];
            if (bp == 0.0) continue;
            for (int t = k + 1; t < m; t++) {
                int i = perm[t];
                double l = lu[i * m + k];
                if (l != 0.0) b[i] -= l * bp;
            }
        }
        for (int k = m - 1; k >= 0; k--) {
            int rp = perm[k] * m;
            double s = b[perm[k]];
            for (int c = k + 1; c < m; c++) s -= lu[rp + c] * x[c];
            x[k] = s / lu[rp + k];
        }
        for (int t = 0; t < etaColumns.size(); t++) {
            int p = etaPositions.get(t)[0];
            double[] alpha = etaColumns.get(t);
            double xp = x[p] / alpha[p];
            if (xp != 0.0) {
                for (int i = 0; i < m; i++) x[i] -= alpha[i] * xp;
            }
            x[p] = xp;
        }
    }

    @Override
    public void ftranForUpdate(double[] x) {
        ftran(x);
    }

    @Override
    public void btran(double[] y) {
        for (int t = etaColumns.size() - 1; t >= 0; t--) {
            int p = etaPositions.get(t)[0];
            double[] alpha = etaColumns.get(t);
            double s = y[p];
            for (int i = 0; i < m; i++) if (i != p) s -= alpha[i] * y[i];
            y[p] = s / alpha[p];
        }
        double[] w = work;
        // U' w = y
        for (int k = 0; k < m; k++) {
            double s = y[k];
            for (int j = 0; j < k; j++) s -= lu[perm[j] * m + k] * w[j];
            w[k] = s / lu[perm[k] * m + k];
        }
        // L' v = w, then y[perm[k]] = v_k
        for (int k = m - 1; k >= 0; k--) {
            double s = w[k];
            for (int t = k + 1; t < m; t++) s -= lu[perm[t] * m + k] * w[t];
            w[k] = s;
        }
        for (int k = 0; k < m; k++) y[perm[k]] = w[k];
    }

    @Override
    public boolean update(int pos, double[] alpha) {
        double piv = alpha[pos];
        double norm = 0;
        for (int i = 0; i < m; i++) norm = Math.max(norm, Math.abs(alpha[i]));
        if (Math.abs(piv) <= UPDATE_TOLERANCE * Math.max(1.0, norm)) return false;
        etaPositions.add(new int[]{pos});
        etaColumns.add(Arrays.copyOf(alpha, m));
        return true;
    }

    @Override
    public int updateCount() {
        return etaColumns.size();
    }

    @Override
    public long nonzeros() {
        return (long) m * m + (long) etaColumns.size() * m;
    }
}
