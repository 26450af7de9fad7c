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
    /** Row i's entries of nonbasic structurals are rowStart[i]..rowNonbasicEnd[i]-1 (see syncRowPartition). */
    private int[] rowNonbasicEnd;
    private boolean[] partitionBasic;
    private long nonbasicNonzeros;
    private int[] rowEntryOfColEntry;
    private int[] colEntryOfRowEntry;

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
        rowEntryOfColEntry = new int[nnz];
        colEntryOfRowEntry = new int[nnz];
        int[] fill = count;
        for (int j = 0; j < n; j++) {
            for (int p = cs[j]; p < cs[j + 1]; p++) {
                int q = fill[ci[p]]++;
                rowIndex[q] = j;
                rowValue[q] = cv[p];
                rowEntryOfColEntry[p] = q;
                colEntryOfRowEntry[q] = p;
            }
        }
        // Every structural starts in the nonbasic part; syncRowPartition moves the basic ones.
        rowNonbasicEnd = Arrays.copyOfRange(rowStart, 1, m + 1);
        partitionBasic = new boolean[n];
        nonbasicNonzeros = nnz;
        if (factor == null) factor = BasisFactors.create();
        factor.setMatrix(m, n, colStart, colIndex, colValue);
        factorValid = false;
    }

    /**
     * Keeps every row of the row-wise copy split as [nonbasic columns | basic columns] (as HiGHS' row-wise PRICE
     * matrix), so that row-wise PRICE never touches a basic column. Checks all n structurals (O(n), cheaper than
     * any PRICE) and moves only the columns whose status changed, O(1) per entry through the cross links.
     */
    private void syncRowPartition() {
        for (int j = 0; j < n; j++) {
            boolean basic = posOf[j] >= 0;
            if (basic != partitionBasic[j]) moveColumnInRows(j, basic);
        }
    }

    private void moveColumnInRows(int j, boolean toBasic) {
        for (int p = colStart[j]; p < colStart[j + 1]; p++) {
            int i = colIndex[p];
            int q = rowEntryOfColEntry[p];
            if (toBasic) {
                int last = --rowNonbasicEnd[i];
                swapRowEntries(q, last);
            } else {
                int first = rowNonbasicEnd[i]++;
                swapRowEntries(q, first);
            }
        }
        int len = colStart[j + 1] - colStart[j];
        nonbasicNonzeros += toBasic ? -len : len;
        partitionBasic[j] = toBasic;
    }

    private void swapRowEntries(int a, int b) {
        if (a == b) return;
        int ja = rowIndex[a];
        double va = rowValue[a];
        int pa = colEntryOfRowEntry[a];
        int pb = colEntryOfRowEntry[b];
        rowIndex[a] = rowIndex[b];
        rowValue[a] = rowValue[b];
        colEntryOfRowEntry[a] = pb;
        rowEntryOfColEntry[pb] = a;
        rowIndex[b] = ja;
        rowValue[b] = va;
        colEntryOfRowEntry[b] = pa;
        rowEntryOfColEntry[pa] = b;
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

    /**
     * Nonbasic variables whose entry of the last {@link #pivotRow} may be nonzero (every other nonbasic entry is
     * exactly zero), so that the ratio test and the dual update touch only these.
     */
    int[] rowNonzeros = new int[0];
    int numRowNonzeros;
    private int[] rhoNonzeros = new int[0];
    private int[] touchStamp = new int[0];
    private int stamp;

    /**
     * alpha_r = rho' [A | I] for the nonbasic variables. PRICE row-wise over the nonzeros of rho when the rows
     * it touches hold under half the entries of the nonbasic columns (HiGHS picks by a similar estimate;
     * Koberstein 2005, section 6.4.1), column-wise otherwise. Entries of basic structurals are zero.
     */
    void pivotRow(double[] rho, double[] alphaRow) {
        int nv = n + m;
        if (rowNonzeros.length < nv) {
            rowNonzeros = new int[nv];
            touchStamp = new int[n];
            stamp = 0;
        }
        if (rhoNonzeros.length < m) rhoNonzeros = new int[m];
        syncRowPartition();
        int nr = 0;
        long rowWork = 0;
        for (int i = 0; i < m; i++) {
            if (rho[i] != 0.0) {
                rhoNonzeros[nr++] = i;
                rowWork += rowNonbasicEnd[i] - rowStart[i];
            }
        }
        int count = 0;
        // Row-wise scatters (with a touch check), column-wise gathers: row-wise when it touches < half as much.
        if (2 * rowWork < nonbasicNonzeros) {
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(touchStamp, 0);
                stamp = 1;
            }
            Arrays.fill(alphaRow, 0, n, 0.0);
            for (int t = 0; t < nr; t++) {
                int i = rhoNonzeros[t];
                double r = rho[i];
                for (int p = rowStart[i], end = rowNonbasicEnd[i]; p < end; p++) {
                    int j = rowIndex[p];
                    alphaRow[j] += r * rowValue[p];
                    if (touchStamp[j] != stamp) {
                        touchStamp[j] = stamp;
                        rowNonzeros[count++] = j;
                    }
                }
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
                if (s != 0.0) rowNonzeros[count++] = j;
            }
        }
        System.arraycopy(rho, 0, alphaRow, n, m);
        for (int t = 0; t < nr; t++) {
            int v = n + rhoNonzeros[t];
            if (posOf[v] < 0) rowNonzeros[count++] = v;
        }
        numRowNonzeros = count;
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
