package org.nnmip.lp.internal.factor;

import java.util.Arrays;

/**
 * Sparse LU factorisation of the simplex basis with Forrest–Tomlin updates.
 *
 * <p>Factorisation ({@link MarkowitzLu}): singletons, Markowitz with threshold partial pivoting, dense finish
 * (Suhl &amp; Suhl 1990). It yields {@code L^-1 B = U}, with L^-1 a sequence of column etas and U a matrix that
 * is triangular under the pivot order: row {@code r} of U has its diagonal in position {@code posOfRow[r]} and
 * off-diagonals only in positions pivoted later. U is held both by rows (for BTRAN and the update) and by
 * columns (for FTRAN), so both solves work column-oriented and skip zero multipliers.
 *
 * <p>Update (Forrest &amp; Tomlin 1972; Koberstein 2005 sec. 5.3; Suhl &amp; Suhl 1993): with
 * {@code H = R_k ... R_1 L^-1} and {@code H B = U}, replacing basis position p by column a_q replaces column p
 * of U by the spike {@code s = H a_q} (kept by {@link #ftranForUpdate}). The pivot of p is moved to the end of
 * the pivot order and its U row is eliminated with the rows pivoted after it; the multipliers form the row eta
 * R_(k+1). The new diagonal must equal {@code alpha_p * oldDiagonal} (determinant identity), which is the
 * stability check.
 */
public final class SparseLuFactor implements BasisFactor {
    /** The entering column's pivot must be at least this much relative to max(1, max |alpha|). */
    static final double UPDATE_PIVOT_TOLERANCE = 1e-9;
    /** Relative disagreement between the FT diagonal and alpha_p * old diagonal that forces a refactor. */
    static final double UPDATE_CHECK_TOLERANCE = 1e-6;
    /** Spike entries below this are dropped (as HiGHS' kHighsTiny). */
    static final double DROP_TOLERANCE = 1e-14;
    private static final int MAX_REPAIR_ATTEMPTS = 3;

    private int m;
    private int numStructural;
    private int[] colStart = new int[1];
    private int[] rowIndex = new int[0];
    private double[] values = new double[0];
    private final MarkowitzLu kernel = new MarkowitzLu();

    // B by position, handed to the kernel.
    private int[] bStart = new int[1];
    private int[] bIndex = new int[0];
    private double[] bValue = new double[0];

    // L: the kernel's column etas, plus a row-wise copy for BTRAN.
    private int numLEtas;
    private int[] lPivotRow = new int[0];
    private int[] lStart = new int[1];
    private int[] lIndex = new int[0];
    private double[] lValue = new double[0];
    private int[] lrStart = new int[1];
    private int[] lrIndex = new int[0];
    private double[] lrValue = new double[0];
    /** Rows in the kernel's pivot order (fixed until the next factorisation). */
    private int[] factorOrder = new int[0];

    // U: diagonal by row, off-diagonals by row (positions) and by position (rows).
    private double[] diag = new double[0];
    private int[] posOfRow = new int[0];
    private int[] rowOfPos = new int[0];
    private int[][] uRowIndex = new int[0][];
    private double[][] uRowValue = new double[0][];
    private int[] uRowLen = new int[0];
    private int[][] uColIndex = new int[0][];
    private double[][] uColValue = new double[0][];
    private int[] uColLen = new int[0];
    private long uOffDiagonal;
    /** Current pivot order of U as rows; -1 marks a slot vacated by an update. */
    private int[] order = new int[0];
    private int orderLen;
    private int[] orderIndexOfRow = new int[0];

    // Forrest–Tomlin row etas: R_t changes row rPivotRow[t] by -sum mu_j * (row rIndex[j]).
    private int numREtas;
    private int[] rPivotRow = new int[4];
    private int[] rStart = new int[5];
    private int[] rIndex = new int[0];
    private double[] rValue = new double[0];

    private double[] spike = new double[0];
    private boolean spikeValid;
    private double[] work = new double[0];
    private double[] work2 = new double[0];
    private int[] muRowsWork = new int[0];
    private double[] muWork = new double[0];
    private int updates;
    private boolean factored;

    @Override
    public void setMatrix(int numRows, int numStructural, int[] colStart, int[] rowIndex, double[] values) {
        if (numRows < 0) throw new IllegalArgumentException("numRows must be >= 0: " + numRows);
        if (numStructural < 0) throw new IllegalArgumentException("numStructural must be >= 0: " + numStructural);
        if (colStart == null || colStart.length < numStructural + 1) {
            throw new IllegalArgumentException("colStart must have numStructural + 1 entries");
        }
        this.m = numRows;
        this.numStructural = numStructural;
        this.colStart = colStart;
        this.rowIndex = rowIndex;
        this.values = values;
        this.factored = false;
    }

    @Override
    public int factorize(int[] basicVars) {
        if (basicVars == null || basicVars.length < m) {
            throw new IllegalArgumentException("basicVars must have numRows = " + m + " entries");
        }
        for (int k = 0; k < m; k++) {
            int v = basicVars[k];
            if (v < 0 || v >= numStructural + m) {
                throw new IllegalArgumentException("basicVars[" + k + "] = " + v + " is not a variable index");
            }
        }
        factored = false;
        allocate();
        boolean[] replaced = null;
        for (int attempt = 0; attempt < MAX_REPAIR_ATTEMPTS; attempt++) {
            loadBasis(basicVars);
            kernel.factor(m, bStart, bIndex, bValue);
            if (kernel.numSingular == 0) {
                install();
                if (replaced == null) return 0;
                int count = 0;
                for (boolean b : replaced) if (b) count++;
                return count;
            }
            if (replaced == null) replaced = new boolean[m];
            // The unpivoted rows' logicals complete the pivoted columns to a regular basis (Koberstein 2005
            // sec. 5.2.3); sort both so the repair is deterministic.
            int[] cols = Arrays.copyOf(kernel.singularCols, kernel.numSingular);
            int[] rows = Arrays.copyOf(kernel.unpivotedRows, kernel.numUnpivotedRows);
            Arrays.sort(cols);
            Arrays.sort(rows);
            if (cols.length != rows.length) throw new IllegalStateException("kernel pivot count mismatch");
            for (int t = 0; t < cols.length; t++) {
                basicVars[cols[t]] = numStructural + rows[t];
                replaced[cols[t]] = true;
            }
        }
        throw new IllegalStateException("basis repair failed after " + MAX_REPAIR_ATTEMPTS + " attempts");
    }

    private void allocate() {
        if (diag.length < m) {
            int cap = m;
            diag = new double[cap];
            posOfRow = new int[cap];
            rowOfPos = new int[cap];
            int old = uRowIndex.length;
            uRowIndex = Arrays.copyOf(uRowIndex, cap);
            uRowValue = Arrays.copyOf(uRowValue, cap);
            uColIndex = Arrays.copyOf(uColIndex, cap);
            uColValue = Arrays.copyOf(uColValue, cap);
            for (int i = old; i < cap; i++) {
                uRowIndex[i] = new int[4];
                uRowValue[i] = new double[4];
                uColIndex[i] = new int[4];
                uColValue[i] = new double[4];
            }
            uRowLen = new int[cap];
            uColLen = new int[cap];
            orderIndexOfRow = new int[cap];
            factorOrder = new int[cap];
            spike = new double[cap];
            work = new double[cap];
            work2 = new double[cap];
            muRowsWork = new int[cap];
            muWork = new double[cap];
            lrStart = new int[cap + 1];
            bStart = new int[cap + 1];
        }
        if (order.length < m + 16) order = new int[2 * m + 16];
    }

    private void loadBasis(int[] basicVars) {
        int nnz = 0;
        for (int k = 0; k < m; k++) {
            int v = basicVars[k];
            nnz += v < numStructural ? colStart[v + 1] - colStart[v] : 1;
        }
        if (bIndex.length < nnz) {
            bIndex = new int[nnz];
            bValue = new double[nnz];
        }
        int p = 0;
        for (int k = 0; k < m; k++) {
            bStart[k] = p;
            int v = basicVars[k];
            if (v < numStructural) {
                for (int q = colStart[v]; q < colStart[v + 1]; q++) {
                    int i = rowIndex[q];
                    if (i < 0 || i >= m) {
                        throw new IllegalArgumentException("row index " + i + " of column " + v + " out of range");
                    }
                    bIndex[p] = i;
                    bValue[p] = values[q];
                    p++;
                }
            } else {
                bIndex[p] = v - numStructural;
                bValue[p] = 1.0;
                p++;
            }
        }
        bStart[m] = p;
    }

    /** Copies the kernel's output into the solve/update structures. */
    private void install() {
        MarkowitzLu k = kernel;
        numLEtas = k.numEtas;
        lPivotRow = Arrays.copyOf(k.lPivotRow, numLEtas);
        lStart = Arrays.copyOf(k.lStart, numLEtas + 1);
        lIndex = Arrays.copyOf(k.lIndex, k.lSize);
        lValue = Arrays.copyOf(k.lValue, k.lSize);
        // Row-wise copy of L: row i holds (pivot row of eta e, multiplier of i in eta e).
        Arrays.fill(lrStart, 0, m + 1, 0);
        for (int p = 0; p < k.lSize; p++) lrStart[lIndex[p] + 1]++;
        for (int i = 0; i < m; i++) lrStart[i + 1] += lrStart[i];
        if (lrIndex.length < k.lSize) {
            lrIndex = new int[k.lSize];
            lrValue = new double[k.lSize];
        }
        int[] fill = Arrays.copyOf(lrStart, m);
        for (int e = 0; e < numLEtas; e++) {
            for (int p = lStart[e]; p < lStart[e + 1]; p++) {
                int q = fill[lIndex[p]]++;
                lrIndex[q] = lPivotRow[e];
                lrValue[q] = lValue[p];
            }
        }
        Arrays.fill(uRowLen, 0, m, 0);
        Arrays.fill(uColLen, 0, m, 0);
        uOffDiagonal = 0;
        for (int t = 0; t < m; t++) {
            int r = k.pivotRow[t];
            int c = k.pivotCol[t];
            factorOrder[t] = r;
            order[t] = r;
            orderIndexOfRow[r] = t;
            diag[r] = k.pivotValue[t];
            posOfRow[r] = c;
            rowOfPos[c] = r;
            for (int p = k.uStart[t]; p < k.uStart[t + 1]; p++) {
                addU(r, k.uIndex[p], k.uValue[p]);
            }
        }
        orderLen = m;
        numREtas = 0;
        rStart[0] = 0;
        updates = 0;
        spikeValid = false;
        factored = true;
    }

    private void addU(int r, int c, double v) {
        if (uRowLen[r] == uRowIndex[r].length) {
            uRowIndex[r] = Arrays.copyOf(uRowIndex[r], 2 * uRowLen[r] + 4);
            uRowValue[r] = Arrays.copyOf(uRowValue[r], 2 * uRowLen[r] + 4);
        }
        uRowIndex[r][uRowLen[r]] = c;
        uRowValue[r][uRowLen[r]++] = v;
        if (uColLen[c] == uColIndex[c].length) {
            uColIndex[c] = Arrays.copyOf(uColIndex[c], 2 * uColLen[c] + 4);
            uColValue[c] = Arrays.copyOf(uColValue[c], 2 * uColLen[c] + 4);
        }
        uColIndex[c][uColLen[c]] = r;
        uColValue[c][uColLen[c]++] = v;
        uOffDiagonal++;
    }

    // ------------------------------------------------------------------------------------------------ solves

    @Override
    public void ftran(double[] x) {
        requireFactored();
        double[] b = work;
        System.arraycopy(x, 0, b, 0, m);
        applyLAndR(b);
        solveU(b, x);
    }

    @Override
    public void ftranForUpdate(double[] x) {
        requireFactored();
        double[] b = work;
        System.arraycopy(x, 0, b, 0, m);
        applyLAndR(b);
        System.arraycopy(b, 0, spike, 0, m);
        spikeValid = true;
        solveU(b, x);
    }

    /** b := H b with H = R_k ... R_1 L^-1 (b indexed by row). */
    private void applyLAndR(double[] b) {
        for (int e = 0; e < numLEtas; e++) {
            double v = b[lPivotRow[e]];
            if (v == 0.0) continue;
            for (int p = lStart[e]; p < lStart[e + 1]; p++) b[lIndex[p]] -= lValue[p] * v;
        }
        for (int t = 0; t < numREtas; t++) {
            double s = 0;
            for (int p = rStart[t]; p < rStart[t + 1]; p++) s += rValue[p] * b[rIndex[p]];
            b[rPivotRow[t]] -= s;
        }
    }

    /** Solves U x = b by column-oriented back substitution in reverse pivot order (b by row, destroyed). */
    private void solveU(double[] b, double[] x) {
        for (int k = orderLen - 1; k >= 0; k--) {
            int r = order[k];
            if (r < 0) continue;
            int c = posOfRow[r];
            double v = b[r];
            if (v == 0.0) {
                x[c] = 0.0;
                continue;
            }
            v /= diag[r];
            x[c] = v;
            int[] idx = uColIndex[c];
            double[] val = uColValue[c];
            for (int s = 0, len = uColLen[c]; s < len; s++) b[idx[s]] -= val[s] * v;
        }
    }

    @Override
    public void btran(double[] y) {
        requireFactored();
        double[] c = work;
        System.arraycopy(y, 0, c, 0, m);
        // U' z = c, forward in pivot order, row-oriented scatter.
        for (int k = 0; k < orderLen; k++) {
            int r = order[k];
            if (r < 0) continue;
            double v = c[posOfRow[r]];
            if (v == 0.0) {
                y[r] = 0.0;
                continue;
            }
            v /= diag[r];
            y[r] = v;
            int[] idx = uRowIndex[r];
            double[] val = uRowValue[r];
            for (int s = 0, len = uRowLen[r]; s < len; s++) c[idx[s]] -= val[s] * v;
        }
        // R_1' ... R_k' z (last update first).
        for (int t = numREtas - 1; t >= 0; t--) {
            double v = y[rPivotRow[t]];
            if (v == 0.0) continue;
            for (int p = rStart[t]; p < rStart[t + 1]; p++) y[rIndex[p]] -= rValue[p] * v;
        }
        // L^-T via the row-wise copy, rows in reverse factorisation order.
        for (int k = m - 1; k >= 0; k--) {
            int i = factorOrder[k];
            double v = y[i];
            if (v == 0.0) continue;
            for (int p = lrStart[i]; p < lrStart[i + 1]; p++) y[lrIndex[p]] -= lrValue[p] * v;
        }
    }

    // ------------------------------------------------------------------------------------------------ update

    @Override
    public boolean update(int pos, double[] alpha) {
        requireFactored();
        if (pos < 0 || pos >= m) throw new IllegalArgumentException("pos out of range: " + pos);
        if (!spikeValid) throw new IllegalStateException("update without a preceding ftranForUpdate");
        double alphaP = alpha[pos];
        double alphaMax = 0;
        for (int i = 0; i < m; i++) alphaMax = Math.max(alphaMax, Math.abs(alpha[i]));
        if (!(Math.abs(alphaP) > UPDATE_PIVOT_TOLERANCE * Math.max(1.0, alphaMax))) return false;

        int rt = rowOfPos[pos];
        // Eliminate row rt of U (positions pivoted after rt) with the later rows, read-only so a rejected update
        // leaves the factor untouched. w is indexed by position.
        double[] w = work2;
        int[] rtIdx = uRowIndex[rt];
        double[] rtVal = uRowValue[rt];
        for (int s = 0; s < uRowLen[rt]; s++) w[rtIdx[s]] = rtVal[s];
        int[] muRows = muRowsWork;
        double[] mus = muWork;
        int numMu = 0;
        double newDiag = spike[rt];
        if (uRowLen[rt] > 0) {
            for (int k = orderIndexOfRow[rt] + 1; k < orderLen; k++) {
                int r = order[k];
                if (r < 0) continue;
                int c = posOfRow[r];
                double v = w[c];
                if (v == 0.0) continue;
                w[c] = 0.0;
                double mu = v / diag[r];
                muRows[numMu] = r;
                mus[numMu++] = mu;
                newDiag -= mu * spike[r];
                int[] idx = uRowIndex[r];
                double[] val = uRowValue[r];
                for (int s = 0, len = uRowLen[r]; s < len; s++) w[idx[s]] -= val[s] * mu;
            }
        }
        double expected = alphaP * diag[rt];
        double scale = Math.max(Math.abs(newDiag), Math.abs(expected));
        if (!(Math.abs(newDiag - expected) <= UPDATE_CHECK_TOLERANCE * scale) || newDiag == 0.0) return false;

        // Commit: drop old column pos and row rt from U, record R, move rt to the end, insert the spike.
        for (int s = 0; s < uColLen[pos]; s++) removeFromURow(uColIndex[pos][s], pos);
        uOffDiagonal -= uColLen[pos];
        uColLen[pos] = 0;
        for (int s = 0; s < uRowLen[rt]; s++) removeFromUCol(rtIdx[s], rt);
        uOffDiagonal -= uRowLen[rt];
        uRowLen[rt] = 0;
        if (numMu > 0) appendREta(rt, muRows, mus, numMu);
        if (orderLen == order.length) compactOrder();
        order[orderIndexOfRow[rt]] = -1;
        order[orderLen] = rt;
        orderIndexOfRow[rt] = orderLen++;
        diag[rt] = newDiag;
        for (int i = 0; i < m; i++) {
            double v = spike[i];
            if (i != rt && Math.abs(v) > DROP_TOLERANCE) addU(i, pos, v);
        }
        updates++;
        spikeValid = false;
        return true;
    }

    private void removeFromURow(int r, int c) {
        int[] idx = uRowIndex[r];
        int len = uRowLen[r];
        for (int s = 0; s < len; s++) {
            if (idx[s] == c) {
                idx[s] = idx[len - 1];
                uRowValue[r][s] = uRowValue[r][len - 1];
                uRowLen[r] = len - 1;
                return;
            }
        }
        throw new IllegalStateException("U row " + r + " lacks position " + c);
    }

    private void removeFromUCol(int c, int r) {
        int[] idx = uColIndex[c];
        int len = uColLen[c];
        for (int s = 0; s < len; s++) {
            if (idx[s] == r) {
                idx[s] = idx[len - 1];
                uColValue[c][s] = uColValue[c][len - 1];
                uColLen[c] = len - 1;
                return;
            }
        }
        throw new IllegalStateException("U column " + c + " lacks row " + r);
    }

    private void appendREta(int pivotRow, int[] rows, double[] mus, int n) {
        if (numREtas + 1 >= rPivotRow.length) {
            rPivotRow = Arrays.copyOf(rPivotRow, 2 * rPivotRow.length);
            rStart = Arrays.copyOf(rStart, 2 * rPivotRow.length + 1);
        }
        int size = rStart[numREtas];
        if (rIndex.length < size + n) {
            int cap = Math.max(size + n, 2 * rIndex.length);
            rIndex = Arrays.copyOf(rIndex, cap);
            rValue = Arrays.copyOf(rValue, cap);
        }
        System.arraycopy(rows, 0, rIndex, size, n);
        System.arraycopy(mus, 0, rValue, size, n);
        rPivotRow[numREtas] = pivotRow;
        rStart[++numREtas] = size + n;
    }

    /** Squeezes the slots vacated by updates out of the pivot order. */
    private void compactOrder() {
        int n = 0;
        for (int k = 0; k < orderLen; k++) {
            int r = order[k];
            if (r < 0) continue;
            order[n] = r;
            orderIndexOfRow[r] = n++;
        }
        orderLen = n;
        if (orderLen + 1 >= order.length) order = Arrays.copyOf(order, 2 * order.length);
    }

    private void requireFactored() {
        if (!factored) throw new IllegalStateException("factorize must be called first");
    }

    /** Pivots of the last factorisation by stage: {singletons, Markowitz, dense}. */
    int[] pivotStages() {
        return new int[]{kernel.singletonPivots, kernel.markowitzPivots, kernel.densePivots};
    }

    @Override
    public int updateCount() {
        return updates;
    }

    @Override
    public long nonzeros() {
        return (long) lStart[numLEtas] + rStart[numREtas] + uOffDiagonal + m;
    }
}
