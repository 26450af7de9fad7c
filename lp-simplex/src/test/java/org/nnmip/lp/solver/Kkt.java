package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;

/** Independent checks of simplex results: KKT conditions, Farkas certificates and primal rays. */
final class Kkt {
    private Kkt() {
    }

    private static double tolFor(double tol, double scale) {
        return tol * Math.max(1.0, Math.abs(scale));
    }

    /** Primal feasibility, c = A'y + d, dual signs per basis status and complementary slackness. */
    static void assertOptimal(LpProblem p, LpResult r, double tol) {
        int n = p.numColumns();
        int m = p.numRows();
        double[] x = r.columnValues();
        double[] ax = p.rowActivities(x);
        double sign = p.sense().sign();
        double ymax = 1;
        for (double v : r.rowDuals()) ymax = Math.max(ymax, Math.abs(v));
        assertPrimalFeasible(p, x, tol);
        // c = A'y + d
        double[] aty = new double[n];
        for (int i = 0; i < m; i++) {
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) aty[idx[k]] += val[k] * r.rowDuals()[i];
        }
        for (int j = 0; j < n; j++) {
            assertEquals(p.objective(j), aty[j] + r.reducedCosts()[j], tolFor(tol, ymax), "c = A'y + d at column " + j);
        }
        // Dual signs (minimisation form) and complementary slackness, per basis status.
        for (int j = 0; j < n; j++) {
            double d = sign * r.reducedCosts()[j];
            double dt = tolFor(tol, ymax);
            BasisStatus s = r.basis().column(j);
            switch (s) {
                case BASIC, AT_ZERO -> assertEquals(0.0, d, dt, "reduced cost of basic/free column " + j);
                case AT_LOWER -> {
                    if (p.columnLower(j) != p.columnUpper(j)) assertTrue(d >= -dt, "column " + j + " at lower with d=" + d);
                    assertEquals(p.columnLower(j), x[j], tolFor(tol, x[j]), "column " + j + " not at its lower bound");
                }
                case AT_UPPER -> {
                    if (p.columnLower(j) != p.columnUpper(j)) assertTrue(d <= dt, "column " + j + " at upper with d=" + d);
                    assertEquals(p.columnUpper(j), x[j], tolFor(tol, x[j]), "column " + j + " not at its upper bound");
                }
            }
        }
        for (int i = 0; i < m; i++) {
            double y = sign * r.rowDuals()[i];
            double dt = tolFor(tol, ymax);
            BasisStatus s = r.basis().row(i);
            switch (s) {
                case BASIC, AT_ZERO -> assertEquals(0.0, y, dt, "dual of basic/free row " + i);
                case AT_LOWER -> {
                    if (p.rowLower(i) != p.rowUpper(i)) assertTrue(y >= -dt, "row " + i + " at lower with y=" + y);
                    assertEquals(p.rowLower(i), ax[i], tolFor(tol, ax[i]), "row " + i + " not at its lower bound");
                }
                case AT_UPPER -> {
                    if (p.rowLower(i) != p.rowUpper(i)) assertTrue(y <= dt, "row " + i + " at upper with y=" + y);
                    assertEquals(p.rowUpper(i), ax[i], tolFor(tol, ax[i]), "row " + i + " not at its upper bound");
                }
            }
        }
        assertEquals(p.numRows(), r.basis().basicCount(), "basis size");
        assertEquals(p.objectiveValue(x), r.objective(), tolFor(1e-9, r.objective()), "objective");
    }

    static void assertPrimalFeasible(LpProblem p, double[] x, double tol) {
        double[] ax = p.rowActivities(x);
        for (int j = 0; j < p.numColumns(); j++) {
            assertTrue(x[j] >= p.columnLower(j) - tolFor(tol, p.columnLower(j)), "x" + j + " below lower bound");
            assertTrue(x[j] <= p.columnUpper(j) + tolFor(tol, p.columnUpper(j)), "x" + j + " above upper bound");
        }
        for (int i = 0; i < p.numRows(); i++) {
            assertTrue(ax[i] >= p.rowLower(i) - tolFor(tol, p.rowLower(i)), "row " + i + " below lower bound");
            assertTrue(ax[i] <= p.rowUpper(i) + tolFor(tol, p.rowUpper(i)), "row " + i + " above upper bound");
        }
    }

    /**
     * Farkas: y with z = A'y and max_{x in box} z'x < min_{r in row box} y'r. Infinite bounds must be avoided by
     * the signs (up to tol). Returns the gap (positive proves infeasibility).
     */
    static void assertFarkas(LpProblem p, double[] y, double tol) {
        int n = p.numColumns();
        int m = p.numRows();
        assertEquals(m, y.length, "Farkas ray length");
        double ymax = 0;
        for (double v : y) ymax = Math.max(ymax, Math.abs(v));
        assertTrue(ymax > 0, "Farkas ray is zero");
        double[] z = new double[n];
        for (int i = 0; i < m; i++) {
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) z[idx[k]] += val[k] * y[i] / ymax;
        }
        double eps = tol;
        double maxZx = 0;
        for (int j = 0; j < n; j++) {
            if (Math.abs(z[j]) <= eps) continue;
            double b = z[j] > 0 ? p.columnUpper(j) : p.columnLower(j);
            assertTrue(Double.isFinite(b), "Farkas: z_" + j + "=" + z[j] + " needs a finite column bound");
            maxZx += z[j] * b;
        }
        double minYr = 0;
        for (int i = 0; i < m; i++) {
            double yi = y[i] / ymax;
            if (Math.abs(yi) <= eps) continue;
            double b = yi > 0 ? p.rowLower(i) : p.rowUpper(i);
            assertTrue(Double.isFinite(b), "Farkas: y_" + i + "=" + yi + " needs a finite row bound");
            minYr += yi * b;
        }
        assertTrue(maxZx < minYr - eps, "Farkas inequality fails: max z'x=" + maxZx + " min y'r=" + minYr);
    }

    /** A r in the recession cone of the row box, r in that of the column box, and improving objective. */
    static void assertRay(LpProblem p, double[] ray, double tol) {
        int n = p.numColumns();
        double rmax = 0;
        for (double v : ray) rmax = Math.max(rmax, Math.abs(v));
        assertTrue(rmax > 0, "ray is zero");
        double[] r = new double[n];
        for (int j = 0; j < n; j++) r[j] = ray[j] / rmax;
        for (int j = 0; j < n; j++) {
            if (Double.isFinite(p.columnLower(j))) assertTrue(r[j] >= -tol, "ray decreases bounded-below column " + j);
            if (Double.isFinite(p.columnUpper(j))) assertTrue(r[j] <= tol, "ray increases bounded-above column " + j);
        }
        double[] ar = p.rowActivities(r);
        for (int i = 0; i < ar.length; i++) {
            if (Double.isFinite(p.rowLower(i))) assertTrue(ar[i] >= -tol, "ray decreases bounded-below row " + i);
            if (Double.isFinite(p.rowUpper(i))) assertTrue(ar[i] <= tol, "ray increases bounded-above row " + i);
        }
        double cr = 0;
        for (int j = 0; j < n; j++) cr += p.objective(j) * r[j];
        assertTrue(p.sense().sign() * cr < -tol, "ray does not improve the objective: c'r=" + cr);
    }
}
