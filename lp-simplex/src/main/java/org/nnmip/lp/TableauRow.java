package org.nnmip.lp;

/**
 * One row of the simplex tableau {@code B^-1 [A | -I]} of an optimal basis, in the unscaled problem's terms
 * (Chvatal 1983, chapter 8; the source of Gomory cuts). Variables are indexed {@code 0..n-1} for the columns
 * x_j and {@code n+i} for the row activities {@code r_i = a_i x}, which range over {@code [rowLower_i, rowUpper_i]}.
 * Every point with {@code Ax = r} satisfies {@code sum_v coefficients[v] * v = 0}. The coefficient of the
 * row's own basic variable is exactly 1 and those of the other basic variables exactly 0; the nonbasic entries
 * are computed from the factorisation (so carry round-off). Nonbasic positions (at lower or upper bound, or free
 * at zero) are given by {@link #basis()}: for row variables, AT_LOWER means the activity sits at rowLower.
 *
 * @param basicVariable the variable basic in this row (j or n+i)
 * @param basicValue    its value at the current point (column value or row activity)
 * @param coefficients  dense, length n+m
 * @param basis         the basis the row belongs to
 */
public record TableauRow(int basicVariable, double basicValue, double[] coefficients, Basis basis) {

    /** Number of structural columns n. */
    public int numColumns() {
        return basis.numColumns();
    }

    /** Status of variable v (a column for v < n, a row activity for v >= n). */
    public BasisStatus status(int v) {
        int n = basis.numColumns();
        return v < n ? basis.column(v) : basis.row(v - n);
    }
}
