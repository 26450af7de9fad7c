package org.nnmip.lp.internal.factor;

import java.util.Arrays;

/**
 * The factorisation kernel of {@link SparseLuFactor}: Gaussian elimination of a sparse square matrix given by
 * columns, producing a pivot sequence, column etas of L and the rows of U. Follows Suhl &amp; Suhl 1990
 * ("Computing sparse LU factorizations for large-scale linear programming bases"):
 * <ol>
 *   <li>singletons first: column singletons (the triangular part of U, which covers logicals) and row
 *       singletons (eliminations that change no value), neither creates fill;</li>
 *   <li>Markowitz pivoting on the remaining nucleus, searching columns and rows by increasing count (Suhl's
 *       search) with threshold partial pivoting <b>by column</b>: a candidate {@code a_ij} must satisfy
 *       {@code |a_ij| >= 0.1 * max_k |a_kj|}, which bounds the L multipliers by 10;</li>
 *   <li>once the active submatrix is dense enough, dense LU with partial pivoting for the rest (network bases
 *       have dense blocks where sparse bookkeeping only costs time).</li>
 * </ol>
 * A column is numerically singular when its largest active entry is at most
 * {@code PIVOT_TOLERANCE * max(1, max |original column|)}; such columns are left unpivoted and reported.
 *
 * <p>The active submatrix keeps values column-wise and only the pattern row-wise (as in Suhl &amp; Suhl and
 * HiGHS HFactor). Instances are reused between factorisations to avoid reallocation.
 */
final class MarkowitzLu {
    static final double THRESHOLD = 0.1;
    static final double PIVOT_TOLERANCE = 1e-9;
    /** Switch to dense LU when the active submatrix has at least this density ... */
    static final double DENSE_DENSITY = 0.3;
    /** ... and at least this many rows (below that the sparse kernel is as cheap). */
    static final int DENSE_MIN_SIZE = 12;
    /** Suhl's search stops after this many candidate columns/rows once a pivot is known. */
    static final int SEARCH_LIMIT = 4;

    private int m;

    // Active submatrix: values by column, pattern by row.
    private int[][] colRows = new int[0][];
    private double[][] colVals = new double[0][];
    private int[] colLen = new int[0];
    private int[][] rowCols = new int[0][];
    private int[] rowLen = new int[0];
    private boolean[] colActive = new boolean[0];
    private boolean[] rowActive = new boolean[0];
    private double[] colTolerance = new double[0];
    private double[] colMax = new double[0];
    private boolean[] colMaxValid = new boolean[0];
    private long activeNonzeros;
    private int activeRows;
    private int activeCols;

    // Count lists (doubly linked, one per count 0..m) for columns and rows; *Listed = count it is filed under.
    private int[] colHead = new int[0], colNext = new int[0], colPrev = new int[0], colListed = new int[0];
    private int[] rowHead = new int[0], rowNext = new int[0], rowPrev = new int[0], rowListed = new int[0];
    private boolean[] rejectedRowSingleton = new boolean[0];

    // Work arrays.
    private int[] slot = new int[0];
    private int[] elimRows = new int[0];
    private double[] elimMult = new double[0];

    // Output: pivots in elimination order.
    int numPivots;
    int[] pivotRow = new int[0];
    int[] pivotCol = new int[0];
    double[] pivotValue = new double[0];
    /** U row of pivot k: entries uStart[k] .. uStart[k+1]-1 (columns, values), off-diagonal only. */
    int[] uStart = new int[1];
    int[] uIndex = new int[0];
    double[] uValue = new double[0];
    int uSize;
    /** L column eta e: pivot row lPivotRow[e], entries lStart[e] .. lStart[e+1]-1 (rows, multipliers). */
    int numEtas;
    int[] lPivotRow = new int[0];
    int[] lStart = new int[1];
    int[] lIndex = new int[0];
    double[] lValue = new double[0];
    int lSize;
    /** Pivots chosen by each stage of the last factorisation (for tests and tuning). */
    int singletonPivots;
    int markowitzPivots;
    int densePivots;
    /** Columns found numerically dependent, and the rows left without a pivot (equally many). */
    int numSingular;
    int[] singularCols = new int[0];
    int numUnpivotedRows;
    int[] unpivotedRows = new int[0];

    /**
     * Factorises the m x m matrix whose column j has rows {@code rows[start[j]..start[j+1])} and values
     * {@code vals[...]}. Duplicate row indices within a column must not occur.
     */
    void factor(int m, int[] start, int[] rows, double[] vals) {
        allocate(m);
        numUnpivotedRows = 0;
        if (m == 0) return;
        load(start, rows, vals);
        eliminateSingletons();
        eliminateNucleus();
        numUnpivotedRows = 0;
        for (int i = 0; i < m; i++) if (rowActive[i]) unpivotedRows[numUnpivotedRows++] = i;
    }

    private void allocate(int m) {
        this.m = m;
        if (colLen.length < m || colHead.length < m + 1) {
            int cap = Math.max(m, 2 * colLen.length);
            int old = colLen.length;
            colRows = Arrays.copyOf(colRows, cap);
            colVals = Arrays.copyOf(colVals, cap);
            rowCols = Arrays.copyOf(rowCols, cap);
            for (int i = old; i < cap; i++) {
                colRows[i] = new int[4];
                colVals[i] = new double[4];
                rowCols[i] = new int[4];
            }
            colLen = new int[cap];
            rowLen = new int[cap];
            colActive = new boolean[cap];
            rowActive = new boolean[cap];
            colTolerance = new double[cap];
            colMax = new double[cap];
            colMaxValid = new boolean[cap];
            colHead = new int[cap + 1];
            colNext = new int[cap];
            colPrev = new int[cap];
            colListed = new int[cap];
            rowHead = new int[cap + 1];
            rowNext = new int[cap];
            rowPrev = new int[cap];
            rowListed = new int[cap];
            rejectedRowSingleton = new boolean[cap];
            slot = new int[cap];
            Arrays.fill(slot, -1);
            elimRows = new int[cap];
            elimMult = new double[cap];
            pivotRow = new int[cap];
            pivotCol = new int[cap];
            pivotValue = new double[cap];
            uStart = new int[cap + 1];
            lPivotRow = new int[cap];
            lStart = new int[cap + 1];
            singularCols = new int[cap];
            unpivotedRows = new int[cap];
        }
        Arrays.fill(colHead, 0, m + 1, -1);
        Arrays.fill(rowHead, 0, m + 1, -1);
        Arrays.fill(rejectedRowSingleton, 0, m, false);
        numPivots = 0;
        uSize = 0;
        uStart[0] = 0;
        numEtas = 0;
        lSize = 0;
        lStart[0] = 0;
        numSingular = 0;
        singletonPivots = 0;
        markowitzPivots = 0;
        densePivots = 0;
    }

    private void load(int[] start, int[] rows, double[] vals) {
        Arrays.fill(rowLen, 0, m, 0);
        activeNonzeros = 0;
        for (int j = 0; j < m; j++) {
            int len = 0;
            double max = 0;
            ensureCol(j, start[j + 1] - start[j]);
            for (int p = start[j]; p < start[j + 1]; p++) {
                double v = vals[p];
                if (v == 0.0) continue;
                int i = rows[p];
                colRows[j][len] = i;
                colVals[j][len] = v;
                len++;
                max = Math.max(max, Math.abs(v));
                appendToRow(i, j);
            }
            colLen[j] = len;
            colTolerance[j] = PIVOT_TOLERANCE * Math.max(1.0, max);
            colMax[j] = max;
            colMaxValid[j] = true;
            colActive[j] = true;
            activeNonzeros += len;
        }
        for (int i = 0; i < m; i++) {
            rowActive[i] = true;
            linkRow(i);
        }
        for (int j = 0; j < m; j++) linkCol(j);
        activeRows = m;
        activeCols = m;
    }

    // ---------------------------------------------------------------------------------------------- singletons

    /**
     * Column singletons need no elimination at all and row singletons change no value (their row has no other
     * entry), so neither creates fill. Row singletons are accepted without the threshold test for that reason
     * (Suhl &amp; Suhl 1990 sec. 3), only a numerically zero one is left to the nucleus.
     */
    private void eliminateSingletons() {
        while (true) {
            removeEmptyColumns();
            int j = colHead[1];
            if (j >= 0) {
                int i = colRows[j][0];
                if (Math.abs(colVals[j][0]) > colTolerance[j]) {
                    pivot(i, j);
                    singletonPivots++;
                } else removeSingularColumn(j);
                continue;
            }
            boolean pivoted = false;
            for (int i = rowHead[1]; i >= 0; i = rowNext[i]) {
                if (rejectedRowSingleton[i]) continue;
                int c = rowCols[i][0];
                if (Math.abs(valueAt(c, i)) > colTolerance[c]) {
                    pivot(i, c);
                    singletonPivots++;
                    pivoted = true;
                    break;
                }
                rejectedRowSingleton[i] = true;
            }
            if (!pivoted) return;
        }
    }

    // ------------------------------------------------------------------------------------------------- nucleus

    private void eliminateNucleus() {
        while (activeCols > 0) {
            removeEmptyColumns();
            if (activeCols == 0) break;
            if (activeRows >= DENSE_MIN_SIZE
                    && activeNonzeros >= DENSE_DENSITY * (double) activeRows * (double) activeCols) {
                denseFinish();
                return;
            }
            long found = searchPivot();
            if (found < 0) continue; // only singular columns were found and removed; search again
            pivot((int) (found >>> 32), (int) found);
            markowitzPivots++;
        }
    }

    /**
     * Suhl's Markowitz search: columns then rows of count 1, 2, ...; stops once a few candidates were examined
     * and a pivot is known, or when no later count can beat the best merit (r-1)(c-1). Returns
     * {@code row << 32 | col}, or -1 when no pivot was found (all examined columns were singular).
     */
    private long searchPivot() {
        int bestRow = -1;
        int bestCol = -1;
        long bestMerit = Long.MAX_VALUE;
        int examined = 0;
        for (int count = 1; count <= m; count++) {
            long lowerBound = (long) (count - 1) * (count - 1);
            int next;
            for (int j = colHead[count]; j >= 0; j = next) {
                next = colNext[j];
                double max = columnMax(j);
                if (max <= colTolerance[j]) {
                    removeSingularColumn(j);
                    continue;
                }
                int[] rows = colRows[j];
                double[] vals = colVals[j];
                for (int s = 0; s < colLen[j]; s++) {
                    if (Math.abs(vals[s]) < THRESHOLD * max) continue;
                    long merit = (long) (count - 1) * (rowLen[rows[s]] - 1);
                    if (merit < bestMerit) {
                        bestMerit = merit;
                        bestRow = rows[s];
                        bestCol = j;
                    }
                }
                examined++;
                if (bestCol >= 0 && (examined >= SEARCH_LIMIT || bestMerit <= lowerBound)) {
                    return pack(bestRow, bestCol);
                }
            }
            for (int i = rowHead[count]; i >= 0; i = rowNext[i]) {
                int[] cols = rowCols[i];
                for (int s = 0; s < rowLen[i]; s++) {
                    int j = cols[s];
                    double max = columnMax(j);
                    if (max <= colTolerance[j]) continue; // the column search removes it
                    if (Math.abs(valueAt(j, i)) < THRESHOLD * max) continue;
                    long merit = (long) (count - 1) * (colLen[j] - 1);
                    if (merit < bestMerit) {
                        bestMerit = merit;
                        bestRow = i;
                        bestCol = j;
                    }
                }
                examined++;
                if (bestCol >= 0 && (examined >= SEARCH_LIMIT || bestMerit <= lowerBound)) {
                    return pack(bestRow, bestCol);
                }
            }
            if (bestCol >= 0 && bestMerit <= (long) count * count) return pack(bestRow, bestCol);
        }
        return bestCol >= 0 ? pack(bestRow, bestCol) : -1;
    }

    private static long pack(int row, int col) {
        return ((long) row << 32) | (col & 0xffffffffL);
    }

    private double columnMax(int j) {
        if (!colMaxValid[j]) {
            double max = 0;
            double[] vals = colVals[j];
            for (int s = 0; s < colLen[j]; s++) max = Math.max(max, Math.abs(vals[s]));
            colMax[j] = max;
            colMaxValid[j] = true;
        }
        return colMax[j];
    }

    private double valueAt(int j, int i) {
        int[] rows = colRows[j];
        for (int s = 0; s < colLen[j]; s++) if (rows[s] == i) return colVals[j][s];
        return 0.0;
    }

    // --------------------------------------------------------------------------------------------- elimination

    /** Pivots on entry (r, c): records the L eta of column c and the U row r, and updates the active part. */
    private void pivot(int r, int c) {
        int[] cRows = colRows[c];
        double[] cVals = colVals[c];
        int cLen = colLen[c];
        double piv = 0;
        for (int s = 0; s < cLen; s++) if (cRows[s] == r) piv = cVals[s];
        int numElim = 0;
        for (int s = 0; s < cLen; s++) {
            int i = cRows[s];
            if (i == r) continue;
            elimRows[numElim] = i;
            elimMult[numElim] = cVals[s] / piv;
            numElim++;
        }
        if (numElim > 0) {
            ensureL(numElim);
            lPivotRow[numEtas] = r;
            for (int e = 0; e < numElim; e++) {
                lIndex[lSize] = elimRows[e];
                lValue[lSize] = elimMult[e];
                lSize++;
            }
            lStart[++numEtas] = lSize;
        }
        // Column c leaves the active part.
        for (int e = 0; e < numElim; e++) removeFromRow(elimRows[e], c);
        removeFromRow(r, c);
        unlinkCol(c);
        colActive[c] = false;
        activeCols--;
        activeNonzeros -= cLen;
        colLen[c] = 0;
        // Row r leaves the active part and becomes row of U; each of its columns gets the rank-one update.
        unlinkRow(r);
        rowActive[r] = false;
        activeRows--;
        int[] rCols = rowCols[r];
        int rLen = rowLen[r];
        ensureU(rLen);
        for (int t = 0; t < rLen; t++) {
            int j = rCols[t];
            // Mark column j's rows once: finds a_rj, removes it, and locates the entries the update hits.
            int len = colLen[j];
            int[] jRows = colRows[j];
            double[] jVals = colVals[j];
            for (int s = 0; s < len; s++) slot[jRows[s]] = s;
            int sr = slot[r];
            double urj = jVals[sr];
            len--;
            jRows[sr] = jRows[len];
            jVals[sr] = jVals[len];
            slot[jRows[sr]] = sr;
            slot[r] = -1;
            activeNonzeros--;
            uIndex[uSize] = j;
            uValue[uSize] = urj;
            uSize++;
            for (int e = 0; e < numElim; e++) {
                int i = elimRows[e];
                double delta = elimMult[e] * urj;
                int s = slot[i];
                if (s >= 0) {
                    jVals[s] -= delta;
                } else {
                    if (len == jRows.length) {
                        colLen[j] = len;
                        ensureCol(j, len + 1);
                        jRows = colRows[j];
                        jVals = colVals[j];
                    }
                    jRows[len] = i;
                    jVals[len] = -delta;
                    len++;
                    appendToRow(i, j);
                    activeNonzeros++;
                }
            }
            colLen[j] = len;
            for (int s = 0; s < len; s++) slot[jRows[s]] = -1;
            colMaxValid[j] = false;
            relinkCol(j);
        }
        rowLen[r] = 0;
        for (int e = 0; e < numElim; e++) relinkRow(elimRows[e]);
        recordPivot(r, c, piv);
    }

    private void recordPivot(int r, int c, double piv) {
        pivotRow[numPivots] = r;
        pivotCol[numPivots] = c;
        pivotValue[numPivots] = piv;
        numPivots++;
        uStart[numPivots] = uSize;
    }

    private void removeEmptyColumns() {
        while (colHead[0] >= 0) {
            int j = colHead[0];
            unlinkCol(j);
            colActive[j] = false;
            activeCols--;
            singularCols[numSingular++] = j;
        }
    }

    private void removeSingularColumn(int j) {
        int[] rows = colRows[j];
        for (int s = 0; s < colLen[j]; s++) {
            removeFromRow(rows[s], j);
            relinkRow(rows[s]);
        }
        activeNonzeros -= colLen[j];
        colLen[j] = 0;
        unlinkCol(j);
        colActive[j] = false;
        activeCols--;
        singularCols[numSingular++] = j;
    }

    /**
     * Dense LU with partial pivoting by column on the remaining active rows x columns (Suhl &amp; Suhl 1990
     * sec. 4: switching to dense mode once the nucleus fills in).
     */
    private void denseFinish() {
        int[] rowIds = new int[activeRows];
        int[] colIds = new int[activeCols];
        int nr = 0;
        int nc = 0;
        int[] rowPos = new int[m];
        for (int i = 0; i < m; i++) {
            if (rowActive[i]) {
                rowPos[i] = nr;
                rowIds[nr++] = i;
            }
        }
        for (int j = 0; j < m; j++) if (colActive[j]) colIds[nc++] = j;
        double[] a = new double[nr * nc];
        for (int jj = 0; jj < nc; jj++) {
            int j = colIds[jj];
            for (int s = 0; s < colLen[j]; s++) a[rowPos[colRows[j][s]] * nc + jj] = colVals[j][s];
            unlinkCol(j);
            colActive[j] = false;
            colLen[j] = 0;
        }
        boolean[] done = new boolean[nr];
        for (int jj = 0; jj < nc; jj++) {
            int best = -1;
            double bestAbs = 0;
            for (int ii = 0; ii < nr; ii++) {
                if (done[ii]) continue;
                double v = Math.abs(a[ii * nc + jj]);
                if (v > bestAbs) {
                    bestAbs = v;
                    best = ii;
                }
            }
            int j = colIds[jj];
            if (best < 0 || bestAbs <= colTolerance[j]) {
                singularCols[numSingular++] = j;
                continue;
            }
            done[best] = true;
            int pb = best * nc;
            double piv = a[pb + jj];
            int numElim = 0;
            for (int ii = 0; ii < nr; ii++) {
                if (done[ii]) continue;
                double v = a[ii * nc + jj];
                if (v == 0.0) continue;
                double l = v / piv;
                elimRows[numElim] = rowIds[ii];
                elimMult[numElim] = l;
                numElim++;
                int pi = ii * nc;
                for (int cc = jj + 1; cc < nc; cc++) a[pi + cc] -= l * a[pb + cc];
            }
            if (numElim > 0) {
                ensureL(numElim);
                lPivotRow[numEtas] = rowIds[best];
                for (int e = 0; e < numElim; e++) {
                    lIndex[lSize] = elimRows[e];
                    lValue[lSize] = elimMult[e];
                    lSize++;
                }
                lStart[++numEtas] = lSize;
            }
            ensureU(nc - jj);
            for (int cc = jj + 1; cc < nc; cc++) {
                double v = a[pb + cc];
                if (v == 0.0) continue;
                uIndex[uSize] = colIds[cc];
                uValue[uSize] = v;
                uSize++;
            }
            int r = rowIds[best];
            unlinkRow(r);
            rowActive[r] = false;
            rowLen[r] = 0;
            recordPivot(r, j, piv);
            densePivots++;
        }
        activeRows = 0;
        for (int ii = 0; ii < nr; ii++) {
            if (!done[ii]) {
                rowLen[rowIds[ii]] = 0;
                activeRows++;
            }
        }
        activeCols = 0;
        activeNonzeros = 0;
    }

    // ----------------------------------------------------------------------------------------- list plumbing

    private void appendToRow(int i, int j) {
        if (rowLen[i] == rowCols[i].length) rowCols[i] = Arrays.copyOf(rowCols[i], 2 * rowCols[i].length + 4);
        rowCols[i][rowLen[i]++] = j;
    }

    private void removeFromRow(int i, int j) {
        int[] cols = rowCols[i];
        int len = rowLen[i];
        for (int s = 0; s < len; s++) {
            if (cols[s] == j) {
                cols[s] = cols[len - 1];
                rowLen[i] = len - 1;
                return;
            }
        }
    }

    private void ensureCol(int j, int size) {
        if (colRows[j].length < size) {
            int cap = Math.max(size, 2 * colRows[j].length);
            colRows[j] = Arrays.copyOf(colRows[j], cap);
            colVals[j] = Arrays.copyOf(colVals[j], cap);
        }
    }

    private void ensureL(int extra) {
        if (lIndex.length < lSize + extra) {
            int cap = Math.max(lSize + extra, 2 * lIndex.length);
            lIndex = Arrays.copyOf(lIndex, cap);
            lValue = Arrays.copyOf(lValue, cap);
        }
    }

    private void ensureU(int extra) {
        if (uIndex.length < uSize + extra) {
            int cap = Math.max(uSize + extra, 2 * uIndex.length);
            uIndex = Arrays.copyOf(uIndex, cap);
            uValue = Arrays.copyOf(uValue, cap);
        }
    }

    private void linkCol(int j) {
        int c = colLen[j];
        colListed[j] = c;
        colPrev[j] = -1;
        colNext[j] = colHead[c];
        if (colHead[c] >= 0) colPrev[colHead[c]] = j;
        colHead[c] = j;
    }

    private void unlinkCol(int j) {
        if (colPrev[j] >= 0) colNext[colPrev[j]] = colNext[j];
        else colHead[colListed[j]] = colNext[j];
        if (colNext[j] >= 0) colPrev[colNext[j]] = colPrev[j];
    }

    private void relinkCol(int j) {
        if (colListed[j] == colLen[j]) return;
        unlinkCol(j);
        linkCol(j);
    }

    private void linkRow(int i) {
        int c = rowLen[i];
        rowListed[i] = c;
        rowPrev[i] = -1;
        rowNext[i] = rowHead[c];
        if (rowHead[c] >= 0) rowPrev[rowHead[c]] = i;
        rowHead[c] = i;
    }

    private void unlinkRow(int i) {
        if (rowPrev[i] >= 0) rowNext[rowPrev[i]] = rowNext[i];
        else rowHead[rowListed[i]] = rowNext[i];
        if (rowNext[i] >= 0) rowPrev[rowNext[i]] = rowPrev[i];
    }

    private void relinkRow(int i) {
        if (!rowActive[i] || rowListed[i] == rowLen[i]) return;
        unlinkRow(i);
        linkRow(i);
    }
}
