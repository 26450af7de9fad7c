package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.TableauRow;
import org.nnmip.lp.testing.RandomLpGenerator;

/**
 * Tableau rows of optimal bases against a dense computation of {@code B^-1 [A | -I]} on the unscaled data, on
 * random LPs with and without scaling, before and after added rows.
 */
class TableauRowTest {

    @Test
    void rowsMatchDenseInverseOnRandomLps() {
        int checked = 0;
        for (int seed = 0; seed < 60; seed++) {
            RandomLpGenerator gen = new RandomLpGenerator(seed, 12, 15);
            LpProblem p = gen.feasibleBounded().problem();
            boolean scaling = seed % 3 != 0;
            LpSolver lp = new LpSolver(p, LpParameters.defaults().withScaling(scaling));
            assertEquals(LpStatus.OPTIMAL, lp.solve(), "seed " + seed);
            checked += checkAllRows(lp, "seed " + seed);
            // Warm re-solve with an added row: its activity variable takes part in the tableau.
            int n = lp.numColumns();
            int[] idx = new int[Math.min(3, n)];
            double[] val = new double[idx.length];
            double act = 0;
            for (int k = 0; k < idx.length; k++) {
                idx[k] = k;
                val[k] = 1.0 + k * 0.37;
                act += val[k] * lp.columnValue(k);
            }
            lp.addRow(idx, val, Double.NEGATIVE_INFINITY, act - 0.1);
            assertThrows(IllegalStateException.class, () -> lp.tableauRow(0));
            if (lp.solve() == LpStatus.OPTIMAL) checked += checkAllRows(lp, "seed " + seed + " + row");
        }
        assertTrue(checked > 500, "only " + checked + " rows checked");
    }

    private static int checkAllRows(LpSolver lp, String label) {
        LpProblem p = lp.problem();
        int n = p.numColumns();
        int m = p.numRows();
        if (m == 0) return 0;
        // M = [A | -I] over (x, r) with r = Ax.
        double[][] mat = new double[m][n + m];
        for (int i = 0; i < m; i++) {
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) mat[i][idx[k]] = val[k];
            mat[i][n + i] = -1.0;
        }
        int[] basic = lp.basicVariables();
        assertEquals(m, basic.length);
        double[][] b = new double[m][m];
        for (int i = 0; i < m; i++) for (int k = 0; k < m; k++) b[i][k] = mat[i][basic[k]];
        double[][] t = solve(b, mat); // B^-1 M, row k belongs to basic[k]
        double[] x = new double[n];
        lp.columnValues(x);
        double[] r = p.rowActivities(x);
        for (int k = 0; k < m; k++) {
            TableauRow row = lp.tableauRow(k);
            assertEquals(basic[k], row.basicVariable());
            double scale = 1;
            for (double v : t[k]) scale = Math.max(scale, Math.abs(v));
            for (int v = 0; v < n + m; v++) {
                assertEquals(t[k][v], row.coefficients()[v], 1e-7 * scale, label + " row " + k + " var " + v);
            }
            double bv = basic[k] < n ? x[basic[k]] : r[basic[k] - n];
            assertEquals(bv, row.basicValue(), 1e-7 * Math.max(1, Math.abs(bv)), label);
            // The row holds at the LP point, with nonbasic variables at the bound their status names.
            double sum = 0;
            double mag = 0;
            for (int v = 0; v < n + m; v++) {
                double val = v < n ? x[v] : r[v - n];
                BasisStatus s = row.status(v);
                if (s == BasisStatus.AT_LOWER) {
                    assertEquals(v < n ? p.columnLower(v) : p.rowLower(v - n), val, 1e-6 * Math.max(1, Math.abs(val)));
                } else if (s == BasisStatus.AT_UPPER) {
                    assertEquals(v < n ? p.columnUpper(v) : p.rowUpper(v - n), val, 1e-6 * Math.max(1, Math.abs(val)));
                }
                sum += row.coefficients()[v] * val;
                mag += Math.abs(row.coefficients()[v] * val);
            }
            assertEquals(0.0, sum, 1e-7 * Math.max(1, mag), label + " row " + k);
        }
        return m;
    }

    /** B^-1 M by Gaussian elimination with partial pivoting. */
    private static double[][] solve(double[][] b, double[][] mat) {
        int m = b.length;
        int w = mat[0].length;
        double[][] a = new double[m][];
        double[][] rhs = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = b[i].clone();
            rhs[i] = mat[i].clone();
        }
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int i = c + 1; i < m; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
            double[] tmp = a[c]; a[c] = a[piv]; a[piv] = tmp;
            tmp = rhs[c]; rhs[c] = rhs[piv]; rhs[piv] = tmp;
            for (int i = 0; i < m; i++) {
                if (i == c || a[i][c] == 0) continue;
                double f = a[i][c] / a[c][c];
                for (int k = c; k < m; k++) a[i][k] -= f * a[c][k];
                for (int k = 0; k < w; k++) rhs[i][k] -= f * rhs[c][k];
            }
        }
        for (int i = 0; i < m; i++) {
            double d = a[i][i];
            for (int k = 0; k < w; k++) rhs[i][k] /= d;
        }
        return rhs;
    }
}
