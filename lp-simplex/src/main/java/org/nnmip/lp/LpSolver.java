package org.nnmip.lp;

/**
 * The facade over our bounded dual simplex. One instance holds one LP, its scaled copy, its current basis and
 * factorisation; changes (bounds, objective, added rows) keep the basis so the next {@link #solve()} starts warm.
 * Not thread-safe: a branch-and-bound gives each worker its own instance.
 *
 * <p>Typical use:
 * <pre>{@code
 * LpSolver s = new LpSolver(problem, LpParameters.defaults());
 * LpStatus st = s.solve();
 * double z = s.objectiveValue();
 * s.setColumnBounds(3, 0, 0);      // branch
 * s.solve();                       // warm start from the previous basis
 * }</pre>
 */
public final class LpSolver {
    private final org.nnmip.lp.internal.simplex.SimplexEngine engine;

    public LpSolver(LpProblem problem) {
        this(problem, LpParameters.defaults());
    }

    /** Copies the problem; later changes to {@code problem} do not reach this solver. */
    public LpSolver(LpProblem problem, LpParameters parameters) {
        this.engine = new org.nnmip.lp.internal.simplex.SimplexEngine(problem.copy(), parameters);
    }

    public LpParameters parameters() {
        return engine.parameters();
    }

    public void setParameters(LpParameters parameters) {
        engine.setParameters(parameters);
    }

    /** Solves from the current basis (the slack basis at first). */
    public LpStatus solve() {
        return engine.solve();
    }

    public LpStatus status() {
        return engine.status();
    }

    /** Objective {@code c'x + offset} in the problem's sense at the current point. */
    public double objectiveValue() {
        return engine.objectiveValue();
    }

    /** Primal value of column j at the current point. */
    public double columnValue(int j) {
        return engine.columnValue(j);
    }

    /** Copies all column values into {@code out} (length >= columns). */
    public void columnValues(double[] out) {
        engine.columnValues(out);
    }

    /** The full result record (allocates). */
    public LpResult result() {
        return engine.result();
    }

    public long iterations() {
        return engine.totalIterations();
    }

    /** How many solves needed the primal clean-up of a primal-dual gap (objective vs the duals' bound). */
    public long gapCleanUps() {
        return engine.gapCleanUps();
    }

    // ---- warm-start modifications ---------------------------------------------------------------------------

    public void setColumnBounds(int j, double lower, double upper) {
        engine.setColumnBounds(j, lower, upper);
    }

    public void setRowBounds(int i, double lower, double upper) {
        engine.setRowBounds(i, lower, upper);
    }

    public void setObjective(int j, double cost) {
        engine.setObjective(j, cost);
    }

    /** Adds a row; its logical enters the basis, so the current basis stays valid. Returns the row index. */
    public int addRow(int[] indices, double[] values, double lower, double upper) {
        return engine.addRow(indices, values, lower, upper);
    }

    /** Removes the rows with index >= firstRow (e.g. cuts added at a node); the basis is repaired. */
    public void truncateRows(int firstRow) {
        engine.truncateRows(firstRow);
    }

    public int numColumns() {
        return engine.numColumns();
    }

    public int numRows() {
        return engine.numRows();
    }

    public double columnLower(int j) {
        return engine.columnLower(j);
    }

    public double columnUpper(int j) {
        return engine.columnUpper(j);
    }

    public Basis basis() {
        return engine.basis();
    }

    /** Installs a basis (e.g. the parent node's). A basis with fewer rows gets the new rows' logicals basic. */
    public void setBasis(Basis basis) {
        engine.setBasis(basis);
    }

    /**
     * The basic variable of every basis position after a solve: {@code j < n} for column j, {@code n + i} for row
     * i's activity. Throws {@link IllegalStateException} when the problem changed since the last solve.
     */
    public int[] basicVariables() {
        return engine.basicVariables();
    }

    /**
     * Row {@code position} of the tableau {@code B^-1 [A | -I]} of the current basis, unscaled (see
     * {@link TableauRow}). Throws {@link IllegalStateException} when the problem changed since the last solve.
     */
    public TableauRow tableauRow(int position) {
        return engine.tableauRow(position);
    }

    /** A copy of the (unscaled, current) problem this solver holds. */
    public LpProblem problem() {
        return engine.problem();
    }
}
