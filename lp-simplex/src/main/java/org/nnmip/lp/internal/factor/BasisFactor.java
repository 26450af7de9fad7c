package org.nnmip.lp.internal.factor;

/**
 * A factorisation of the simplex basis matrix B, whose columns are taken from the computational-form matrix
 * {@code [A | I]}: a variable index {@code v < numStructural} is column v of A, an index {@code v >= numStructural}
 * is the unit column {@code e_(v - numStructural)} (the logical of that row).
 *
 * <p>Positions: {@code basicVars[k]} is the variable in basis position k; FTRAN results are indexed by position,
 * BTRAN right-hand sides are indexed by position and results by row.
 */
public interface BasisFactor {

    /** Sets (or resets after rows were added) the matrix A the basis columns are read from. */
    void setMatrix(int numRows, int numStructural, int[] colStart, int[] rowIndex, double[] values);

    /**
     * Factorises B from scratch. If B is (numerically) singular, the dependent positions are given logicals of
     * rows that had no pivot, {@code basicVars} is changed in place, and the number of replaced positions is
     * returned (0 for a regular basis). Afterwards the factor always represents a regular B.
     */
    int factorize(int[] basicVars);

    /** Solves {@code B x = rhs} in place (rhs indexed by row, result by basis position). */
    void ftran(double[] x);

    /** Like {@link #ftran} for the entering column, remembering what {@link #update} needs. */
    void ftranForUpdate(double[] x);

    /** Solves {@code B' y = rhs} in place (rhs indexed by basis position, result by row). */
    void btran(double[] y);

    /**
     * Replaces the column in basis position {@code pos} by the entering column whose FTRAN (by
     * {@link #ftranForUpdate}) is {@code alpha}. Returns false when the update would be unstable; the caller
     * must then refactorise (with the new basic variable in place).
     */
    boolean update(int pos, double[] alpha);

    /** Updates since the last {@link #factorize}. */
    int updateCount();

    /** Nonzeros held in L, U and the update file: the growth that triggers a refactorisation. */
    long nonzeros();
}
