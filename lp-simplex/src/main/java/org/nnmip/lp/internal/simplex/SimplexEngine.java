package org.nnmip.lp.internal.simplex;

import java.util.Arrays;
import java.util.Optional;

import org.nnmip.lp.Basis;
import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.SparseMatrix;
import org.nnmip.lp.internal.kernel.Kernels;
import org.nnmip.lp.LpCertificates;
import org.nnmip.lp.internal.scaling.MatrixScaling;

/**
 * The engine behind {@link org.nnmip.lp.LpSolver}: keeps the unscaled problem, its scaled computational form and
 * the current basis, hands a solve to {@link SolveDriver}, and reports everything unscaled in the problem's own
 * sense. Modifications keep the basis (and the factor where still valid) so that the next solve starts warm.
 */
public final class SimplexEngine {

    private LpProblem problem;
    private LpParameters parameters;
    private final SimplexState st = new SimplexState();
    private final DualSimplex dual = new DualSimplex(st);
    private final PrimalSimplex primal = new PrimalSimplex(st);
    private double[] rowScale;
    private double[] columnScale;
    private MatrixScaling scaling;

    private LpStatus status = LpStatus.NOT_SOLVED;
    private boolean dirty = true;
    private long totalIterations;
    private long lastIterations;
    private double lastSeconds;
    private double objective = Double.NaN;
    private double[] columnValues;
    /** A x for x = columnValues, computed on first request (null until then): re-solves rarely read it. */
    private double[] rowActivities;
    private double[] rowDuals;
    private double[] reducedCosts;
    private double[] farkasRay;
    /** Margin for accepting our own Farkas rays: loose enough for genuine rays, strict about infinite sides. */
    private static final double FARKAS_CHECK_TOLERANCE = 1e-9;
    /** Relative primal-dual gap (objective vs Lagrangian bound of the duals) above which the clean-up runs. */
    private static final double GAP_CLEANUP_TRIGGER = 1e-7;
    /** Relative gap the clean-up must reach; otherwise unscaled re-solve, then NUMERICAL_TROUBLE. */
    private static final double GAP_ACCEPT = 1e-6;
    /** Per-variable share of the gap (relative) that makes the clean-up price a within-tolerance reduced cost. */
    private static final double GAP_PRICING = 1e-9;
    private static final int CLEANUP_BASE_ITERATIONS = 100;
    /** Largest unscaled bound violation (relative to the bound) of an optimal point before it is re-solved. */
    private static final double PRIMAL_ACCEPT = 1e-6;
    private long cleanUps;
    /** Whether the last {@link #gapWithin} found no finite Lagrangian bound. */
    private boolean lastBoundInfinite;
    private double[] primalRay;

    public SimplexEngine(LpProblem problem, LpParameters parameters) {
        if (parameters == null) throw new IllegalArgumentException("parameters is null");
        this.problem = problem;
        this.parameters = parameters;
        int n = problem.numColumns();
        int m = problem.numRows();
        st.allocate(n, m);
        loadScaledData();
        for (int j = 0; j < n; j++) st.setNonbasic(j, SimplexState.AT_LOWER);
        for (int i = 0; i < m; i++) st.basicVars[i] = n + i;
        st.syncPositions();
        Arrays.fill(st.weights, 1.0); // exact DSE weights of the slack basis
        clearResults();
    }

    // ---- data ---------------------------------------------------------------------------------------------------

    /** Computes the scale factors and loads the scaled matrix, bounds and costs. Statuses are not touched. */
    private void loadScaledData() {
        SparseMatrix a = problem.columnMatrix();
        scaling = parameters.scaling() ? MatrixScaling.compute(a)
                : MatrixScaling.identity(problem.numRows(), problem.numColumns());
        rowScale = scaling.rowScale().clone();
        columnScale = scaling.columnScale().clone();
        loadMatrix(a);
        for (int j = 0; j < st.n; j++) loadColumnData(j);
        for (int i = 0; i < st.m; i++) loadRowData(i);
    }

    private void loadMatrix(SparseMatrix a) {
        int[] start = a.start().clone();
        int[] index = a.index().clone();
        double[] value = a.value().clone();
        for (int j = 0; j < a.numColumns(); j++) {
            for (int p = start[j]; p < start[j + 1]; p++) value[p] *= rowScale[index[p]] * columnScale[j];
        }
        st.setMatrix(start, index, value);
    }

    private void loadColumnData(int j) {
        double c = columnScale[j];
        st.lower[j] = problem.columnLower(j) / c;
        st.upper[j] = problem.columnUpper(j) / c;
        st.baseCost[j] = problem.sense().sign() * problem.objective(j) * c;
        st.cost[j] = st.baseCost[j];
    }

    /** The logical s_i = -a_i x has bounds [-rowUpper, -rowLower] (HiGHS convention), scaled by the row factor. */
    private void loadRowData(int i) {
        int v = st.n + i;
        double r = rowScale[i];
        st.lower[v] = -problem.rowUpper(i) * r;
        st.upper[v] = -problem.rowLower(i) * r;
        st.baseCost[v] = 0.0;
        st.cost[v] = 0.0;
    }

    /** After bounds of v changed: a nonbasic variable moves to its (new) bound, a basic one gets new limits. */
    private void boundsChanged(int v) {
        int p = st.posOf[v];
        if (p >= 0) {
            st.lbB[p] = st.lower[v];
            st.ubB[p] = st.upper[v];
        } else {
            st.setNonbasic(v, st.status[v]);
        }
        invalidate();
    }

    private void invalidate() {
        dirty = true;
        status = LpStatus.NOT_SOLVED;
    }

    // ---- basis status mapping (the one place where row statuses are mirrored) ------------------------------

    /** API status of variable v. A row at its lower bound has its logical s = -a x at the logical's upper bound. */
    private BasisStatus apiStatus(int v) {
        byte s = st.status[v];
        if (s == SimplexState.BASIC) return BasisStatus.BASIC;
        if (s == SimplexState.AT_ZERO) return BasisStatus.AT_ZERO;
        boolean lower = s == SimplexState.AT_LOWER;
        if (v >= st.n) lower = !lower;
        return lower ? BasisStatus.AT_LOWER : BasisStatus.AT_UPPER;
    }

    private byte internalStatus(int v, BasisStatus s) {
        return switch (s) {
            case BASIC -> SimplexState.BASIC;
            case AT_ZERO -> SimplexState.AT_ZERO;
            case AT_LOWER -> v >= st.n ? SimplexState.AT_UPPER : SimplexState.AT_LOWER;
            case AT_UPPER -> v >= st.n ? SimplexState.AT_LOWER : SimplexState.AT_UPPER;
        };
    }

    // ---- solve --------------------------------------------------------------------------------------------------

    public LpStatus solve() {
        if (!dirty && isFinal(status)) {
            lastIterations = 0;
            lastSeconds = 0;
            return status;
        }
        long t0 = System.nanoTime();
        st.kernels = Kernels.of(parameters.vectorKernels());
        SolveControl control = new SolveControl(parameters.iterationLimit(), parameters.timeLimitSeconds());
        farkasRay = null;
        primalRay = null;
        double cutoff = parameters.objectiveCutoff();
        double internalCutoff = Double.isInfinite(cutoff) ? Double.POSITIVE_INFINITY
                : problem.sense().sign() * (cutoff - problem.objectiveOffset());
        SolveDriver driver = new SolveDriver(st, dual, primal, parameters);
        SimplexOutcome out = driver.run(control, internalCutoff);
        finishDuals(out);
        boolean gapProven = true;
        if (out == SimplexOutcome.OPTIMAL) {
            extractSolution();
            if (!gapWithin(GAP_CLEANUP_TRIGGER)) {
                // Reduced costs of the wrong sign but within tolerance, times huge bound widths, add up to a
                // primal-dual gap (issue 5, hostile seed 177314): clean up by primal simplex iterations.
                cleanUps++;
                SimplexOutcome clean = driver.cleanUpGap(control, GAP_PRICING * Math.max(1.0, Math.abs(objective)),
                        CLEANUP_BASE_ITERATIONS + st.m + st.n);
                finishDuals(clean);
                if (clean == SimplexOutcome.ITERATION_LIMIT || clean == SimplexOutcome.TIME_LIMIT) {
                    out = clean; // the caller's own limit
                } else {
                    // Anything but a proven optimum (trouble, a lost primal feasibility, a ray that contradicts
                    // the dual feasible basis just found) leaves the optimum unproven.
                    extractSolution();
                    gapProven = clean == SimplexOutcome.OPTIMAL && gapWithin(GAP_ACCEPT);
                }
            }
            // Without a finite dual bound nothing vouches for the point: scaled tolerances can hide unscaled
            // infeasibility (hostile seed 604: a row off by 2e-5 relative, its objective below the optimum). The
            // primal clean-up cannot fix that, the unscaled re-solve can. (Checked only then: on the network LPs the
            // scaled tolerances routinely leave 1e-6 relative, and re-solving those unscaled costs 2.4x iterations.)
            if (out == SimplexOutcome.OPTIMAL && gapProven && lastBoundInfinite && !primalWithin(PRIMAL_ACCEPT)) {
                gapProven = false;
            }
        }
        status = switch (out) {
            case OPTIMAL -> LpStatus.OPTIMAL;
            case INFEASIBLE -> LpStatus.INFEASIBLE;
            case UNBOUNDED -> LpStatus.UNBOUNDED;
            case OBJECTIVE_CUTOFF -> LpStatus.OBJECTIVE_CUTOFF;
            case ITERATION_LIMIT -> LpStatus.ITERATION_LIMIT;
            case TIME_LIMIT -> LpStatus.TIME_LIMIT;
            case NUMERICAL_TROUBLE, RESTART -> LpStatus.NUMERICAL_TROUBLE;
        };
        if (out == SimplexOutcome.OPTIMAL && !gapProven) {
            // Even after the clean-up the duals do not prove the objective. Scaled: a badly scaled LP, whose
            // scaled optimum is not one of the original; solve it again unscaled. Unscaled: never claim it.
            if (parameters.scaling()) {
                setParameters(parameters.withScaling(false));
                return solve();
            }
            status = LpStatus.NUMERICAL_TROUBLE;
        }
        if (out == SimplexOutcome.OBJECTIVE_CUTOFF && !cutoffCertified(cutoff)) {
            // Same rule as for infeasibility: a cutoff prunes nodes, so the duals must prove it on the unscaled
            // data. If they do not, finish the solve without the cutoff and let the caller compare objectives.
            LpParameters withCutoff = parameters;
            parameters = parameters.withObjectiveCutoff(Double.POSITIVE_INFINITY);
            try {
                dirty = true;
                return solve();
            } finally {
                parameters = withCutoff;
            }
        }
        if (out == SimplexOutcome.INFEASIBLE) {
            farkasRay = unscaledFarkas(dual.farkasRho, dual.farkasSign);
            // An infeasibility claim prunes branch-and-bound nodes, so it must come with a ray that proves it on
            // the unscaled data. A ray that does not is a numerical artefact (typically of scaling a badly scaled
            // row): retry unscaled once, and never report INFEASIBLE without a valid certificate.
            if (!LpCertificates.checkFarkas(problem, farkasRay, FARKAS_CHECK_TOLERANCE).ok()) {
                if (parameters.scaling()) {
                    setParameters(parameters.withScaling(false));
                    return solve();
                }
                status = LpStatus.NUMERICAL_TROUBLE;
                farkasRay = null;
            }
        }
        if (out == SimplexOutcome.UNBOUNDED) primalRay = unscaledRay(primal.ray);
        lastIterations = control.iterations;
        totalIterations += control.iterations;
        extractSolution();
        lastSeconds = (System.nanoTime() - t0) * 1e-9;
        dirty = false;
        return status;
    }

    /** Refactors if needed and makes y and d those of the true costs on the final basis. */
    private void finishDuals(SimplexOutcome out) {
        boolean dualsCurrent = st.factorValid && !st.costsModified && out == SimplexOutcome.OPTIMAL;
        if (!st.factorValid) {
            st.refactor();
            st.computePrimal();
        }
        // An optimum on unmodified costs was confirmed on duals recomputed from scratch: no need to redo them.
        if (!dualsCurrent) st.restoreCosts();
    }

    /**
     * True when the Lagrangian bound of the extracted (unscaled) duals agrees with the objective to
     * {@code relTol * max(1, |objective|)}. One pass over the matrix, so cheap enough for every solve. A bound that
     * cannot be formed (a reduced cost beyond round-off against an infinite bound) fails before the clean-up and is
     * accepted after it: there is nothing finite to compare (rejecting it doubles NUMERICAL_TROUBLE on the hostile
     * LPs without catching a wrong answer that the primal check below misses).
     */
    private boolean gapWithin(double relTol) {
        double bound = LpCertificates.lagrangianBound(problem, rowDuals);
        lastBoundInfinite = Double.isInfinite(bound);
        if (lastBoundInfinite) return relTol == GAP_ACCEPT;
        return Math.abs(bound - objective) <= relTol * Math.max(1.0, Math.abs(objective));
    }

    /** True when the extracted point violates no unscaled column or row bound by more than relTol (relative). */
    private boolean primalWithin(double relTol) {
        LpCertificates.PrimalViolations v = LpCertificates.primalViolations(problem, columnValues);
        return v.maxColumnRelative() <= relTol && v.maxRowRelative() <= relTol;
    }

    /** Number of primal clean-ups run for a primal-dual gap since construction (diagnostics and tests). */
    public long gapCleanUps() {
        return cleanUps;
    }

    /** True when the current duals' Lagrangian bound (unscaled) is beyond the cutoff in the problem's sense. */
    private boolean cutoffCertified(double cutoff) {
        st.computeDual(); // the simplex updates d, not y: take y fresh from the final basis
        extractSolution();
        double bound = LpCertificates.lagrangianBound(problem, rowDuals);
        return problem.sense() == org.nnmip.lp.Sense.MINIMIZE ? bound > cutoff : bound < cutoff;
    }

    /** Answers that a repeated solve cannot change; after a limit a repeated solve continues from the basis. */
    private static boolean isFinal(LpStatus s) {
        return s == LpStatus.OPTIMAL || s == LpStatus.INFEASIBLE || s == LpStatus.UNBOUNDED
                || s == LpStatus.OBJECTIVE_CUTOFF;
    }

    // ---- results ------------------------------------------------------------------------------------------------

    private void clearResults() {
        objective = Double.NaN;
        columnValues = new double[st.n];
        rowActivities = new double[st.m];
        rowDuals = new double[st.m];
        reducedCosts = new double[st.n];
        farkasRay = null;
        primalRay = null;
    }

    private void extractSolution() {
        int n = st.n;
        int m = st.m;
        double sign = problem.sense().sign();
        columnValues = new double[n];
        reducedCosts = new double[n];
        rowDuals = new double[m];
        for (int j = 0; j < n; j++) {
            columnValues[j] = st.value(j) * columnScale[j];
            reducedCosts[j] = sign * st.d[j] / columnScale[j];
        }
        for (int i = 0; i < m; i++) rowDuals[i] = sign * st.y[i] * rowScale[i];
        rowActivities = null;
        objective = problem.objectiveValue(columnValues);
    }

    /** y = sign * R rho: with z = A'y, max over the column box of z'x is below min over the row box of y'r. */
    private double[] unscaledFarkas(double[] rho, double sign) {
        double[] yF = new double[st.m];
        for (int i = 0; i < st.m; i++) yF[i] = sign * rowScale[i] * rho[i];
        return yF;
    }

    private double[] unscaledRay(double[] ray) {
        double[] r = new double[st.n];
        for (int j = 0; j < st.n; j++) r[j] = ray[j] * columnScale[j];
        return r;
    }

    public LpParameters parameters() {
        return parameters;
    }

    public void setParameters(LpParameters p) {
        if (p == null) throw new IllegalArgumentException("parameters is null");
        boolean rescale = p.scaling() != parameters.scaling();
        parameters = p;
        if (rescale) {
            loadScaledData();
            for (int v = 0; v < st.n + st.m; v++) if (st.status[v] != SimplexState.BASIC) st.setNonbasic(v, st.status[v]);
            st.syncPositions();
            Arrays.fill(st.weights, 1.0);
        }
        invalidate();
    }

    public LpStatus status() {
        return status;
    }

    public double objectiveValue() {
        return objective;
    }

    public double columnValue(int j) {
        if (j < 0 || j >= st.n) throw new IllegalArgumentException("column index " + j + " out of range [0," + st.n + ")");
        return columnValues[j];
    }

    public void columnValues(double[] out) {
        if (out.length < st.n) throw new IllegalArgumentException("output array shorter than " + st.n + " columns");
        System.arraycopy(columnValues, 0, out, 0, st.n);
    }

    public LpResult result() {
        if (rowActivities == null) rowActivities = problem.rowActivities(columnValues);
        return new LpResult(status, objective, columnValues.clone(), rowActivities.clone(), rowDuals.clone(),
                reducedCosts.clone(), basis(), Optional.ofNullable(farkasRay).map(double[]::clone),
                Optional.ofNullable(primalRay).map(double[]::clone), lastIterations, lastSeconds);
    }

    public long totalIterations() {
        return totalIterations;
    }

    // ---- warm-start modifications ---------------------------------------------------------------------------

    public void setColumnBounds(int j, double lo, double up) {
        problem.setColumnBounds(j, lo, up);
        loadColumnData(j);
        st.cost[j] = st.baseCost[j];
        boundsChanged(j);
    }

    public void setRowBounds(int i, double lo, double up) {
        problem.setRowBounds(i, lo, up);
        loadRowData(i);
        boundsChanged(st.n + i);
    }

    public void setObjective(int j, double c) {
        problem.setObjective(j, c);
        loadColumnData(j);
        invalidate();
    }

    /** The new logical is basic, so the basis stays regular; the factor is rebuilt at the next solve. */
    public int addRow(int[] idx, double[] val, double lo, double up) {
        int row = problem.addRow(null, idx, val, lo, up);
        int n = st.n;
        int m = st.m;
        rowScale = Arrays.copyOf(rowScale, m + 1);
        rowScale[m] = parameters.scaling() ? scaling.scaleForNewRow(problem.rowIndices(row), problem.rowValues(row))
                : 1.0;
        double weight = newRowSteepestEdgeWeight(problem.rowIndices(row), problem.rowValues(row), rowScale[m]);
        st.resizeRows(m + 1);
        st.basicVars[m] = n + m;
        st.weights[m] = weight;
        loadRowData(m);
        loadMatrix(problem.columnMatrix());
        st.syncPositions();
        resizeRowResults();
        invalidate();
        return row;
    }

    /**
     * Exact DSE weight of the new row's logical: with B' = [B 0; a_B' 1], row m of B'^-1 is [-a_B' B^-1, 1], so
     * the weight is 1 + ||B^-T a_B||^2 (one BTRAN with the current factor; 1 if there is none).
     */
    private double newRowSteepestEdgeWeight(int[] idx, double[] val, double scale) {
        if (!st.factorValid || st.m == 0) return 1.0;
        double[] v = new double[st.m];
        boolean any = false;
        for (int k = 0; k < idx.length; k++) {
            int p = st.posOf[idx[k]];
            if (p >= 0) {
                v[p] = val[k] * scale * columnScale[idx[k]];
                any = true;
            }
        }
        if (!any) return 1.0;
        st.factor.btran(v);
        double w = 1.0;
        for (double e : v) w += e * e;
        return w;
    }

    /**
     * Removes rows >= firstRow. Logicals of removed rows that are nonbasic are first pivoted into the basis
     * (replacing the variable with the largest |alpha|), so the remaining basis is regular.
     */
    public void truncateRows(int firstRow) {
        int m = st.m;
        int n = st.n;
        if (firstRow < 0 || firstRow > m) {
            throw new IllegalArgumentException("firstRow " + firstRow + " out of range [0," + m + "]");
        }
        if (firstRow == m) return;
        if (!st.factorValid) st.refactor();
        double[] alpha = new double[m];
        for (int i = firstRow; i < m; i++) {
            int v = n + i;
            if (st.status[v] == SimplexState.BASIC) continue;
            st.loadColumn(v, alpha);
            st.factor.ftranForUpdate(alpha);
            int best = -1;
            double bestAbs = 0;
            for (int k = 0; k < m; k++) {
                int b = st.basicVars[k];
                if (b >= n + firstRow) continue;
                if (Math.abs(alpha[k]) > bestAbs) {
                    bestAbs = Math.abs(alpha[k]);
                    best = k;
                }
            }
            int out = st.basicVars[best];
            st.setNonbasic(out, st.nearestBoundStatus(out, st.value(out)));
            st.basicVars[best] = v;
            st.posOf[v] = best;
            st.status[v] = SimplexState.BASIC;
            if (!st.factor.update(best, alpha)) st.refactor();
        }
        int[] keep = new int[firstRow];
        double[] keepWeights = new double[firstRow];
        int c = 0;
        for (int k = 0; k < m; k++) {
            if (st.basicVars[k] < n + firstRow) {
                keep[c] = st.basicVars[k];
                keepWeights[c] = st.weights[k];
                c++;
            }
        }
        LpProblem truncated = new LpProblem();
        truncated.setName(problem.name());
        truncated.setSense(problem.sense());
        truncated.setObjectiveOffset(problem.objectiveOffset());
        for (int j = 0; j < n; j++) {
            truncated.addColumn(problem.columnName(j), problem.objective(j), problem.columnLower(j),
                    problem.columnUpper(j));
        }
        for (int i = 0; i < firstRow; i++) {
            truncated.addRow(problem.rowName(i), problem.rowIndices(i), problem.rowValues(i), problem.rowLower(i),
                    problem.rowUpper(i));
        }
        problem = truncated;
        rowScale = Arrays.copyOf(rowScale, firstRow);
        st.resizeRows(firstRow);
        System.arraycopy(keep, 0, st.basicVars, 0, firstRow);
        System.arraycopy(keepWeights, 0, st.weights, 0, firstRow);
        loadMatrix(problem.columnMatrix());
        st.syncPositions();
        resizeRowResults();
        invalidate();
    }

    /** Keeps the last point's row results consistent with the new row count (new rows: activity, dual 0). */
    private void resizeRowResults() {
        rowActivities = null;
        rowDuals = Arrays.copyOf(rowDuals, st.m);
        farkasRay = null;
    }

    public int numColumns() {
        return st.n;
    }

    public int numRows() {
        return st.m;
    }

    public double columnLower(int j) {
        return problem.columnLower(j);
    }

    public double columnUpper(int j) {
        return problem.columnUpper(j);
    }

    public Basis basis() {
        BasisStatus[] cols = new BasisStatus[st.n];
        BasisStatus[] rows = new BasisStatus[st.m];
        for (int j = 0; j < st.n; j++) cols[j] = apiStatus(j);
        for (int i = 0; i < st.m; i++) rows[i] = apiStatus(st.n + i);
        return Basis.of(cols, rows);
    }

    /** Installs a basis; rows beyond the basis get basic logicals. DSE weights restart at one (Koberstein 6.1.1). */
    public void setBasis(Basis b) {
        if (b == null) throw new IllegalArgumentException("basis is null");
        int n = st.n;
        int m = st.m;
        if (b.numColumns() != n) {
            throw new IllegalArgumentException("basis has " + b.numColumns() + " columns, the problem " + n);
        }
        if (b.numRows() > m) throw new IllegalArgumentException("basis has " + b.numRows() + " rows, the problem " + m);
        if (b.equals(basis())) return;
        byte[] s = new byte[n + m];
        int basic = 0;
        for (int v = 0; v < n + m; v++) {
            BasisStatus bs = v < n ? b.column(v) : v - n < b.numRows() ? b.row(v - n) : BasisStatus.BASIC;
            s[v] = internalStatus(v, bs);
            if (s[v] == SimplexState.BASIC) basic++;
        }
        if (basic != m) {
            throw new IllegalArgumentException("basis has " + basic + " basic variables, the problem " + m + " rows");
        }
        int k = 0;
        for (int v = 0; v < n + m; v++) {
            if (s[v] == SimplexState.BASIC) st.basicVars[k++] = v;
            else st.setNonbasic(v, s[v]);
        }
        st.syncPositions();
        Arrays.fill(st.weights, 1.0);
        st.factorValid = false;
        invalidate();
    }

    // ---- tableau rows ---------------------------------------------------------------------------------------

    public int[] basicVariables() {
        requireCurrentBasis();
        return st.basicVars.clone();
    }

    /**
     * Row p of B~^-1 [A~ | I] by one BTRAN and a PRICE over the columns, unscaled: internally x~_j = x_j / c_j and
     * s~_i = -R_i r_i, so the internal coefficient of x~_j becomes rho_j / c_j and that of s~_i becomes
     * -rho_(n+i) R_i; the row is then divided by the basic variable's own factor so that it gets coefficient 1.
     */
    public org.nnmip.lp.TableauRow tableauRow(int position) {
        requireCurrentBasis();
        int n = st.n;
        int m = st.m;
        if (position < 0 || position >= m) {
            throw new IllegalArgumentException("basis position " + position + " out of range [0," + m + ")");
        }
        double[] u = new double[m];
        u[position] = 1.0;
        st.factor.btran(u);
        double[] row = new double[n + m];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int p = st.colStart[j]; p < st.colStart[j + 1]; p++) s += u[st.colIndex[p]] * st.colValue[p];
            row[j] = s / columnScale[j];
        }
        for (int i = 0; i < m; i++) row[n + i] = -u[i] * rowScale[i];
        int b = st.basicVars[position];
        double own = b < n ? 1.0 / columnScale[b] : -rowScale[b - n];
        for (int v = 0; v < n + m; v++) row[v] = st.posOf[v] >= 0 ? 0.0 : row[v] / own;
        row[b] = 1.0;
        double value = b < n ? st.value(b) * columnScale[b] : -st.value(b) / rowScale[b - n];
        return new org.nnmip.lp.TableauRow(b, value, row, basis());
    }

    /** Tableau rows need the factor of the basis the last solve ended with. */
    private void requireCurrentBasis() {
        if (dirty || status == LpStatus.NOT_SOLVED) {
            throw new IllegalStateException("the problem changed since the last solve: no current basis");
        }
        if (!st.factorValid && st.refactor() > 0) {
            throw new IllegalStateException("the basis of the last solve is singular");
        }
    }

    /** The internal state, for white-box tests in this package. */
    SimplexState stateForTesting() {
        return st;
    }

    public LpProblem problem() {
        return problem.copy();
    }
}
