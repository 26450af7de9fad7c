package org.nnmip.lp.internal.simplex;

import java.util.Arrays;

import org.nnmip.lp.internal.factor.BasisFactor;
import org.nnmip.lp.internal.kernel.Kernels;

/**
 * The scaled computational form {@code [A | I] (x; s) = 0}, with bounds on every variable, and the current basis:
 * statuses, basic positions, values, reduced costs, pricing weights and the basis factorisation. Variables
 * {@code 0..n-1} are the structurals, {@code n+i} the logical of row i (Koberstein 2005, section 2.2). All data
 * here is internal: minimisation, scaled.
 */
final class SimplexState {
    static final byte BASIC = 0;
    static final byte AT_LOWER = 1;
    static final byte AT_UPPER = 2;
    /** Nonbasic free variable held at zero. */
    static final byte AT_ZERO = 3;

    int n;
    int m;
    int[] colStart;
    int[] colIndex;
    double[] colValue;
    int[] rowStart;
    int[] rowIndex;
    double[] rowValue;

    double[] lower;
    double[] upper;
    /** Working costs: baseCost plus perturbations and shifts. */
    double[] cost;
    /** Internal costs without perturbation. */
    double[] baseCost;
    /** Values of nonbasic variables (entries of basic ones are stale: use {@link #value}). */
    double[] x;
    /** Reduced costs of nonbasic variables; zero for basic ones. */
    double[] d;
    /** Duals y = B^-T c_B of the last {@link #computeDual}, by row. */
    double[] y;
    byte[] status;
    int[] basicVars;
    /** Basis position of a variable, -1 when nonbasic. */
    int[] posOf;
    double[] xB;
    double[] lbB;
    double[] ubB;
    /** Dual pricing weights by basis position (DSE: ||e_r' B^-1||^2). */
    double[] weights;

    BasisFactor factor;
    boolean factorValid;
    boolean costsModified;
    /** Factorisations since construction (statistics). */
    long refactorCount;
    Kernels kernels;

    int numVars() {
        return n + m;
    }

    /** (Re)allocates the per-variable and per-row arrays, keeping nothing. */
    void allocate(int numColumns, int numRows) {
        n = numColumns;
        m = numRows;
        int nv = n + m;
        lower = new double[nv];
        upper = new double[nv];
        cost = new double[nv];
        baseCost = new double[nv];
        x = new double[nv];
        d = new double[nv];
        y = new double[m];
        status = new byte[nv];
        posOf = new int[nv];
        basicVars = new int[m];
        xB = new double[m];
        lbB = new double[m];
        ubB = new double[m];
        weights = new double[m];
    }

    void setMatrix(int[] cs, int[] ci, double[] cv) {
        colStart = cs;
        colIndex = ci;
        colValue = cv;
        int[] count = new int[m + 1];
        int nnz = cs[n];
        for (int p = 0; p < nnz; p++) count[ci[p] + 1]++;
        for (int i = 0; i < m; i++) count[i + 1] += count[i];
        rowStart = count.clone();
        rowIndex = new int[nnz];
        rowValue = new double[nnz];
        int[] fill = count;
        for (int j = 0; j < n; j++) {
            for (int p = cs[j]; p < cs[j + 1]; p++) {
                int q = fill[ci[p]]++;
                rowIndex[q] = j;
                rowValue[q] = cv[p];
            }
        }
        if (factor == null) factor = BasisFactors.create();
        factor.setMatrix(m, n, colStart, colIndex, colValue);
        factorValid = false;
    }

    double value(int v) {
        int p = posOf[v];
        return p >= 0 ? xB[p] : x[v];
    }

    boolean isBoxed(int v) {
        return lower[v] > Double.NEGATIVE_INFINITY && upper[v] < Double.POSITIVE_INFINITY;
    }

    boolean isFixed(int v) {
        return lower[v] == upper[v];
    }

    /** Makes v nonbasic with the given preferred status, repaired to a finite bound, and sets its value. */
    void setNonbasic(int v, byte preferred) {
        byte s = preferred;
        boolean loFinite = lower[v] > Double.NEGATIVE_INFINITY;
        boolean upFinite = upper[v] < Double.POSITIVE_INFINITY;
        if (s == AT_LOWER && !loFinite) s = upFinite ? AT_UPPER : AT_ZERO;
        else if (s == AT_UPPER && !upFinite) s = loFinite ? AT_LOWER : AT_ZERO;
        else if (s == AT_ZERO || s == BASIC) s = loFinite ? AT_LOWER : upFinite ? AT_UPPER : AT_ZERO;
        if (s == AT_ZERO && (loFinite || upFinite)) s = loFinite ? AT_LOWER : AT_UPPER;
        status[v] = s;
        posOf[v] = -1;
        x[v] = s == AT_LOWER ? lower[v] : s == AT_UPPER ? upper[v] : 0.0;
    }

    /** Nonbasic status closest to a value (used when a basic variable is pushed out by basis repair). */
    byte nearestBoundStatus(int v, double val) {
        boolean loFinite = lower[v] > Double.NEGATIVE_INFINITY;
        boolean upFinite = upper[v] < Double.POSITIVE_INFINITY;
        if (loFinite && upFinite) return Math.abs(val - lower[v]) <= Math.abs(upper[v] - val) ? AT_LOWER : AT_UPPER;
        return loFinite ? AT_LOWER : upFinite ? AT_UPPER : AT_ZERO;
    }

    /** Rebuilds posOf and the positional bound arrays from basicVars. */
    void syncPositions() {
        Arrays.fill(posOf, -1);
        for (int k = 0; k < m; k++) {
            int v = basicVars[k];
            posOf[v] = k;
            status[v] = BASIC;
            lbB[k] = lower[v];
            ubB[k] = upper[v];
        }
    }

    /**
     * Factorises the basis. Dependent columns are replaced by logicals (the factor decides which); the variables
     * pushed out become nonbasic at their nearest bound. Returns the number of replaced positions.
     */
    int refactor() {
        int[] before = basicVars.clone();
        double[] oldValues = xB.clone();
        int replaced = factor.factorize(basicVars);
        refactorCount++;
        factorValid = true;
        if (replaced > 0) {
            for (int k = 0; k < m; k++) {
                if (basicVars[k] != before[k]) {
                    int out = before[k];
                    posOf[out] = -1;
                    setNonbasic(out, nearestBoundStatus(out, oldValues[k]));
                    weights[k] = 1.0;
                }
            }
            syncPositions();
        }
        return replaced;
    }

    /** Adds column v of [A | I] times alpha to a dense row-indexed vector. */
    void addColumn(int v, double alpha, double[] out) {
        if (v < n) {
            for (int p = colStart[v]; p < colStart[v + 1]; p++) out[colIndex[p]] += alpha * colValue[p];
        } else {
            out[v - n] += alpha;
        }
    }

    /** Column v of [A | I] as a dense row-indexed vector. */
    void loadColumn(int v, double[] out) {
        Arrays.fill(out, 0, m, 0.0);
        addColumn(v, 1.0, out);
    }

    /** x_B = -B^-1 N x_N from scratch. */
    void computePrimal() {
        double[] rhs = xB;
        Arrays.fill(rhs, 0, m, 0.0);
        int nv = n + m;
        for (int v = 0; v < nv; v++) {
            if (posOf[v] < 0 && x[v] != 0.0) addColumn(v, -x[v], rhs);
        }
        factor.ftran(rhs);
    }

    /** y = B^-T c_B and d_N = c_N - N' y from scratch. */
    void computeDual() {
        for (int k = 0; k < m; k++) y[k] = cost[basicVars[k]];
        factor.btran(y);
        for (int j = 0; j < n; j++) {
            if (posOf[j] >= 0) {
                d[j] = 0.0;
                continue;
            }
            double s = cost[j];
            for (int p = colStart[j]; p < colStart[j + 1]; p++) s -= colValue[p] * y[colIndex[p]];
            d[j] = s;
        }
        for (int i = 0; i < m; i++) {
            int v = n + i;
            d[v] = posOf[v] >= 0 ? 0.0 : cost[v] - y[i];
        }
    }

    /** alpha_r = rho' [A | I] for the nonbasic variables: row-wise when rho is sparse, column-wise otherwise. */
    void pivotRow(double[] rho, double[] alphaRow) {
        int nnz = 0;
        for (int i = 0; i < m; i++) if (rho[i] != 0.0) nnz++;
        if (nnz < 0.1 * m) {
            Arrays.fill(alphaRow, 0, n, 0.0);
            for (int i = 0; i < m; i++) {
                double r = rho[i];
                if (r == 0.0) continue;
                for (int p = rowStart[i]; p < rowStart[i + 1]; p++) alphaRow[rowIndex[p]] += r * rowValue[p];
            }
        } else {
            for (int j = 0; j < n; j++) {
                if (posOf[j] >= 0) {
                    alphaRow[j] = 0.0;
                    continue;
                }
                double s = 0;
                for (int p = colStart[j]; p < colStart[j + 1]; p++) s += colValue[p] * rho[colIndex[p]];
                alphaRow[j] = s;
            }
        }
        System.arraycopy(rho, 0, alphaRow, n, m);
    }

    /** Internal objective sum cost_v value_v (without offset). */
    double objective(double[] c) {
        double s = 0;
        int nv = n + m;
        for (int v = 0; v < nv; v++) {
            if (c[v] != 0.0) s += c[v] * value(v);
        }
        return s;
    }

    double primalInfeasibility(int k) {
        double v = xB[k];
        return Math.max(lbB[k] - v, v - ubB[k]);
    }

    boolean primalFeasible(double tol) {
        for (int k = 0; k < m; k++) if (primalInfeasibility(k) > tol) return false;
        return true;
    }

    /** Amount by which nonbasic v violates its dual sign condition (0 when dual feasible or basic). */
    double dualInfeasibility(int v) {
        byte s = status[v];
        if (s == BASIC || isFixed(v)) return 0.0;
        double dv = d[v];
        return switch (s) {
            case AT_LOWER -> Math.max(0.0, -dv);
            case AT_UPPER -> Math.max(0.0, dv);
            default -> Math.abs(dv);
        };
    }

    /**
     * Puts boxed nonbasic variables at the bound their reduced cost asks for (which makes them dual feasible);
     * returns true if some moved (x_B must then be recomputed).
     */
    boolean flipBoxedToDualFeasible(double tol) {
        boolean moved = false;
        int nv = n + m;
        for (int v = 0; v < nv; v++) {
            if (status[v] == BASIC || !isBoxed(v) || isFixed(v)) continue;
            if (dualInfeasibility(v) > tol) {
                setNonbasic(v, d[v] > 0 ? AT_LOWER : AT_UPPER);
                moved = true;
            }
        }
        return moved;
    }

    /** Number of nonbasic variables whose reduced cost has the wrong sign beyond tol. */
    int countDualInfeasibilities(double tol) {
        int c = 0;
        int nv = n + m;
        for (int v = 0; v < nv; v++) if (dualInfeasibility(v) > tol) c++;
        return c;
    }

    /** Shifts costs so that every remaining dual infeasibility becomes a zero reduced cost (Koberstein 6.2.2). */
    void shiftCostsToDualFeasible(double tol) {
        int nv = n + m;
        for (int v = 0; v < nv; v++) {
            if (dualInfeasibility(v) > tol) {
                cost[v] -= d[v];
                d[v] = 0.0;
                costsModified = true;
            }
        }
    }

    /** Restores the unperturbed costs and recomputes the duals. */
    void restoreCosts() {
        System.arraycopy(baseCost, 0, cost, 0, n + m);
        costsModified = false;
        computeDual();
    }

    /** Grows or shrinks the row dimension; logicals are the last variables, so prefixes are kept. */
    void resizeRows(int newM) {
        int nv = n + newM;
        m = newM;
        lower = Arrays.copyOf(lower, nv);
        upper = Arrays.copyOf(upper, nv);
        cost = Arrays.copyOf(cost, nv);
        baseCost = Arrays.copyOf(baseCost, nv);
        x = Arrays.copyOf(x, nv);
        d = Arrays.copyOf(d, nv);
        status = Arrays.copyOf(status, nv);
        posOf = Arrays.copyOf(posOf, nv);
        y = Arrays.copyOf(y, newM);
        basicVars = Arrays.copyOf(basicVars, newM);
        xB = Arrays.copyOf(xB, newM);
        lbB = Arrays.copyOf(lbB, newM);
        ubB = Arrays.copyOf(ubB, newM);
        weights = Arrays.copyOf(weights, newM);
    }
}
