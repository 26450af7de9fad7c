package org.nnmip.lp.internal.factor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A column-wise matrix A (m rows, n structurals) with helpers to multiply by a basis [A | I]. */
final class BasisFixture {
    final int m;
    final int n;
    final int[] colStart;
    final int[] rowIndex;
    final double[] values;

    BasisFixture(int m, List<double[]> denseColumns) {
        this.m = m;
        this.n = denseColumns.size();
        colStart = new int[n + 1];
        List<Integer> rows = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] col = denseColumns.get(j);
            for (int i = 0; i < m; i++) {
                if (col[i] != 0.0) {
                    rows.add(i);
                    vals.add(col[i]);
                }
            }
            colStart[j + 1] = rows.size();
        }
        rowIndex = rows.stream().mapToInt(Integer::intValue).toArray();
        values = vals.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** This matrix with more structural columns appended; logicals in basis are renumbered in place. */
    BasisFixture withExtraColumns(List<double[]> extra, int[] basis) {
        List<double[]> cols = new ArrayList<>();
        for (int j = 0; j < n; j++) cols.add(column(j));
        cols.addAll(extra);
        for (int k = 0; k < basis.length; k++) if (basis[k] >= n) basis[k] += extra.size();
        return new BasisFixture(m, cols);
    }

    void install(BasisFactor f) {
        f.setMatrix(m, n, colStart, rowIndex, values);
    }

    /** Column v of [A | I] as a dense vector. */
    double[] column(int v) {
        double[] c = new double[m];
        if (v < n) {
            for (int p = colStart[v]; p < colStart[v + 1]; p++) c[rowIndex[p]] = values[p];
        } else {
            c[v - n] = 1.0;
        }
        return c;
    }

    /** B x with B's columns given by basicVars (x by position, result by row). */
    double[] times(int[] basicVars, double[] x) {
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            double[] c = column(basicVars[k]);
            for (int i = 0; i < m; i++) r[i] += c[i] * x[k];
        }
        return r;
    }

    /** B' y (y by row, result by position). */
    double[] transposeTimes(int[] basicVars, double[] y) {
        double[] r = new double[m];
        for (int k = 0; k < m; k++) {
            double[] c = column(basicVars[k]);
            double s = 0;
            for (int i = 0; i < m; i++) s += c[i] * y[i];
            r[k] = s;
        }
        return r;
    }

    /** Max-row-sum norm of B. */
    double normInf(int[] basicVars) {
        double[] rowSum = new double[m];
        for (int k = 0; k < m; k++) {
            double[] c = column(basicVars[k]);
            for (int i = 0; i < m; i++) rowSum[i] += Math.abs(c[i]);
        }
        double max = 0;
        for (double s : rowSum) max = Math.max(max, s);
        for (int k = 0; k < m; k++) {
            double[] c = column(basicVars[k]);
            double s = 0;
            for (double v : c) s += Math.abs(v);
            max = Math.max(max, s); // also the column-sum norm, for the transposed residual
        }
        return max;
    }

    /**
     * A random regular-in-practice instance: n = 2m structurals with the given density, where structural j has a
     * strong entry in row j mod m so that basis (0..m-1) permuted is well-posed, and a basis with a fraction of
     * logicals. Returns the fixture; the basis is written to basisOut.
     */
    static BasisFixture random(Random rnd, int m, double density, double logicalFraction, int[] basisOut) {
        int n = 2 * m;
        List<double[]> cols = new ArrayList<>();
        int[] strongRow = permutation(rnd, m);
        for (int j = 0; j < n; j++) {
            double[] c = new double[m];
            for (int i = 0; i < m; i++) {
                if (rnd.nextDouble() < density) c[i] = (rnd.nextBoolean() ? 1 : -1) * (0.1 + rnd.nextDouble());
            }
            c[strongRow[j % m]] = (rnd.nextBoolean() ? 1 : -1) * (1 + 2 * rnd.nextDouble());
            cols.add(c);
        }
        BasisFixture fx = new BasisFixture(m, cols);
        // Position k gets structural (k or k+m) or the logical of its strong row: a regular choice w.h.p.
        int[] pos = permutation(rnd, m);
        for (int k = 0; k < m; k++) {
            int j = pos[k];
            basisOut[k] = rnd.nextDouble() < logicalFraction ? n + strongRow[j] : (rnd.nextBoolean() ? j : j + m);
        }
        return fx;
    }

    static int[] permutation(Random rnd, int m) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) p[i] = i;
        for (int i = m - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static double[] randomRhs(Random rnd, int m, double density) {
        double[] b = new double[m];
        for (int i = 0; i < m; i++) if (rnd.nextDouble() < density) b[i] = rnd.nextGaussian();
        if (m > 0) b[rnd.nextInt(m)] = 1.0 + rnd.nextDouble();
        return b;
    }

    static double maxAbs(double[] v) {
        double s = 0;
        for (double x : v) s = Math.max(s, Math.abs(x));
        return s;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i] - b[i]));
        return s;
    }

    static int[] copy(int[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
