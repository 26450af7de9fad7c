package org.nnmip.lp;

import java.util.Arrays;

/**
 * An immutable snapshot of a simplex basis: one status per column and per row. Stored as bytes because a
 * branch-and-bound keeps one per open node. A basis for a problem with fewer rows than the current one (rows were
 * added since) is still accepted by {@link LpSolver#setBasis}: the new rows' logicals become basic.
 */
public final class Basis {
    private final byte[] columnStatus;
    private final byte[] rowStatus;

    private Basis(byte[] columnStatus, byte[] rowStatus) {
        this.columnStatus = columnStatus;
        this.rowStatus = rowStatus;
    }

    public static Basis of(BasisStatus[] columns, BasisStatus[] rows) {
        byte[] c = new byte[columns.length];
        byte[] r = new byte[rows.length];
        for (int j = 0; j < c.length; j++) c[j] = columns[j].code();
        for (int i = 0; i < r.length; i++) r[i] = rows[i].code();
        return new Basis(c, r);
    }

    /** Wraps copies of the given status codes ({@link BasisStatus#code()}). */
    public static Basis ofCodes(byte[] columns, byte[] rows) {
        return new Basis(columns.clone(), rows.clone());
    }

    /** The all-logical basis: every row basic, every column at a finite bound (or zero when free). */
    public static Basis slack(LpProblem problem) {
        byte[] c = new byte[problem.numColumns()];
        for (int j = 0; j < c.length; j++) {
            double lo = problem.columnLower(j);
            double up = problem.columnUpper(j);
            BasisStatus s = Double.isFinite(lo) ? BasisStatus.AT_LOWER
                    : Double.isFinite(up) ? BasisStatus.AT_UPPER : BasisStatus.AT_ZERO;
            c[j] = s.code();
        }
        byte[] r = new byte[problem.numRows()];
        Arrays.fill(r, BasisStatus.BASIC.code());
        return new Basis(c, r);
    }

    public int numColumns() {
        return columnStatus.length;
    }

    public int numRows() {
        return rowStatus.length;
    }

    public BasisStatus column(int j) {
        return BasisStatus.fromCode(columnStatus[j]);
    }

    public BasisStatus row(int i) {
        return BasisStatus.fromCode(rowStatus[i]);
    }

    public byte[] columnCodes() {
        return columnStatus.clone();
    }

    public byte[] rowCodes() {
        return rowStatus.clone();
    }

    /** Number of basic entries; equals {@link #numRows()} for a valid basis. */
    public int basicCount() {
        int n = 0;
        byte b = BasisStatus.BASIC.code();
        for (byte s : columnStatus) if (s == b) n++;
        for (byte s : rowStatus) if (s == b) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Basis other
                && Arrays.equals(columnStatus, other.columnStatus)
                && Arrays.equals(rowStatus, other.rowStatus);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(columnStatus) + Arrays.hashCode(rowStatus);
    }
}
