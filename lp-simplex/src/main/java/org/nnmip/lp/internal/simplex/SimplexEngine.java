package org.nnmip.lp.internal.simplex;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import org.nnmip.lp.Basis;
import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.SparseMatrix;
import org.nnmip.lp.internal.kernel.Kernels;
import org.nnmip.lp.internal.scaling.MatrixScaling;

/**
 * The engine behind {@link org.nnmip.lp.LpSolver}: keeps the unscaled problem, its scaled computational form and
 * the current basis, routes a solve through dual phase 1 / dual phase 2 / primal phase 2 (Koberstein 2005,
 * chapter 4 and section 6.3), and reports everything unscaled in the problem's own sense. Modifications keep the
 * basis so that the next solve starts warm.
 */
public final class SimplexEngine {
    private static final int MAX_RESTARTS = 20;
    private static final double PERTURBATION_BASE = 5e-7;

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
    private double[] rowActivities;
    private double[] rowDuals;
    private double[] reducedCosts;
    private double[] farkasRay;
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
        SimplexOutcome out = drive(control);
        if (!st.factorValid) {
            st.refactor();
            st.computePrimal();
        }
        st.restoreCosts();
        status = switch (out) {
            case OPTIMAL -> LpStatus.OPTIMAL;
            case INFEASIBLE -> LpStatus.INFEASIBLE;
            case UNBOUNDED -> LpStatus.UNBOUNDED;
            case OBJECTIVE_CUTOFF -> LpStatus.OBJECTIVE_CUTOFF;
            case ITERATION_LIMIT -> LpStatus.ITERATION_LIMIT;
            case TIME_LIMIT -> LpStatus.TIME_LIMIT;
            case NUMERICAL_TROUBLE, RESTART -> LpStatus.NUMERICAL_TROUBLE;
        };
        if (out == SimplexOutcome.INFEASIBLE) farkasRay = unscaledFarkas(dual.farkasRho, dual.farkasSign);
        if (out == SimplexOutcome.UNBOUNDED) primalRay = unscaledRay(primal.ray);
        lastIterations = control.iterations;
        totalIterations += control.iterations;
        extractSolution();
        lastSeconds = (System.nanoTime() - t0) * 1e-9;
        dirty = false;
        return status;
    }

    /** Answers that a repeated solve cannot change; after a limit a repeated solve continues from the basis. */
    private static boolean isFinal(LpStatus s) {
        return s == LpStatus.OPTIMAL || s == LpStatus.INFEASIBLE || s == LpStatus.UNBOUNDED
                || s == LpStatus.OBJECTIVE_CUTOFF;
    }

    private SimplexOutcome drive(SolveControl control) {
        LpParameters p = parameters;
        double tolP = p.primalFeasibilityTolerance();
        double tolD = p.dualFeasibilityTolerance();
        double cutoff = p.objectiveCutoff();
        double sign = problem.sense().sign();
        double internalCutoff = Double.isInfinite(cutoff) ? Double.POSITIVE_INFINITY
                : sign * (cutoff - problem.objectiveOffset());
        boolean perturb = p.perturbation();
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            if (!st.factorValid) st.refactor();
            System.arraycopy(st.baseCost, 0, st.cost, 0, st.n + st.m);
            st.costsModified = false;
            st.computeDual();
            st.flipBoxedToDualFeasible(tolD);
            st.computePrimal();
            if (st.countDualInfeasibilities(tolD) > 0) {
                if (st.primalFeasible(tolP)) {
                    SimplexOutcome out = primal.run(p, control);
                    if (out == SimplexOutcome.RESTART) continue;
                    return out;
                }
                SimplexOutcome ph1 = dualPhase1(control);
                if (ph1 == SimplexOutcome.INFEASIBLE) return noDualFeasibleBasis(control, perturb);
                if (ph1 != SimplexOutcome.OPTIMAL) return ph1;
            }
            if (perturb) perturbCosts();
            SimplexOutcome out = dual.run(p, control, internalCutoff);
            if (out == SimplexOutcome.RESTART) {
                perturb = false;
                continue;
            }
            if (out == SimplexOutcome.OPTIMAL && st.costsModified) {
                // Remove perturbation and shifts; a primal clean-up fixes what is left (Koberstein 2005, 6.2.2.3).
                st.restoreCosts();
                if (st.countDualInfeasibilities(tolD) > 0) {
                    out = primal.run(p, control);
                    if (out == SimplexOutcome.RESTART) {
                        perturb = false;
                        continue;
                    }
                }
            }
            return out;
        }
        return SimplexOutcome.NUMERICAL_TROUBLE;
    }

    /**
     * Dual phase 1 by the auxiliary problem (Koberstein 2005, section 4.4; Fourer 1994): bounds become
     * free -> [-1,1], lower only -> [0,1], upper only -> [-1,0], boxed -> [0,0]; every basis of that problem is
     * dual feasible once boxed variables sit at the right bound, and its optimum minimises the sum of dual
     * infeasibilities. OPTIMAL: the basis is now dual feasible for the original bounds; INFEASIBLE: none exists.
     */
    private SimplexOutcome dualPhase1(SolveControl control) {
        int nv = st.n + st.m;
        double[] lo = st.lower.clone();
        double[] up = st.upper.clone();
        for (int v = 0; v < nv; v++) {
            boolean lf = lo[v] > Double.NEGATIVE_INFINITY;
            boolean uf = up[v] < Double.POSITIVE_INFINITY;
            st.lower[v] = lf && uf ? 0.0 : lf ? 0.0 : uf ? -1.0 : -1.0;
            st.upper[v] = lf && uf ? 0.0 : lf ? 1.0 : uf ? 0.0 : 1.0;
        }
        for (int v = 0; v < nv; v++) {
            if (st.status[v] != SimplexState.BASIC) {
                st.setNonbasic(v, st.d[v] >= 0 ? SimplexState.AT_LOWER : SimplexState.AT_UPPER);
            }
        }
        st.syncPositions();
        st.computePrimal();
        SimplexOutcome out = dual.run(parameters, control, Double.POSITIVE_INFINITY);
        System.arraycopy(lo, 0, st.lower, 0, nv);
        System.arraycopy(up, 0, st.upper, 0, nv);
        st.syncPositions();
        if (!st.factorValid) st.refactor();
        st.restoreCosts();
        double tolD = parameters.dualFeasibilityTolerance();
        for (int v = 0; v < nv; v++) {
            if (st.status[v] == SimplexState.BASIC) continue;
            byte s = st.d[v] > tolD ? SimplexState.AT_LOWER : st.d[v] < -tolD ? SimplexState.AT_UPPER
                    : st.lower[v] > Double.NEGATIVE_INFINITY ? SimplexState.AT_LOWER : SimplexState.AT_UPPER;
            st.setNonbasic(v, s);
        }
        st.computePrimal();
        if (out == SimplexOutcome.ITERATION_LIMIT || out == SimplexOutcome.TIME_LIMIT
                || out == SimplexOutcome.NUMERICAL_TROUBLE) {
            return out;
        }
        return st.countDualInfeasibilities(tolD) > 0 ? SimplexOutcome.INFEASIBLE : SimplexOutcome.OPTIMAL;
    }

    /**
     * No dual feasible basis exists, so the LP is infeasible or unbounded. Solve the feasibility problem (c = 0,
     * trivially dual feasible) by the dual simplex; if it is feasible, the primal simplex with the true costs
     * from that basis finds the ray (or the optimum, if phase 1 raised a false alarm).
     */
    private SimplexOutcome noDualFeasibleBasis(SolveControl control, boolean perturb) {
        int nv = st.n + st.m;
        double[] saved = st.baseCost.clone();
        Arrays.fill(st.baseCost, 0, nv, 0.0);
        st.restoreCosts();
        if (perturb) perturbCosts();
        SimplexOutcome out = dual.run(parameters, control, Double.POSITIVE_INFINITY);
        System.arraycopy(saved, 0, st.baseCost, 0, nv);
        if (!st.factorValid) {
            st.refactor();
            st.computePrimal();
        }
        st.restoreCosts();
        if (out == SimplexOutcome.OPTIMAL) {
            out = primal.run(parameters, control);
            if (out == SimplexOutcome.RESTART) out = SimplexOutcome.NUMERICAL_TROUBLE;
        } else if (out == SimplexOutcome.RESTART) {
            out = SimplexOutcome.NUMERICAL_TROUBLE;
        }
        return out;
    }

    /**
     * Random cost perturbation against dual degeneracy (Koberstein 2005, section 6.2.2.3), applied to nonbasic
     * structurals in the direction that keeps them dual feasible, so y and the dual feasibility are unchanged.
     */
    private void perturbCosts() {
        SplittableRandom rnd = new SplittableRandom(parameters.seed() ^ 0x9E3779B97F4A7C15L);
        for (int j = 0; j < st.n; j++) {
            byte s = st.status[j];
            if (s == SimplexState.BASIC || s == SimplexState.AT_ZERO || st.isFixed(j)) continue;
            double xi = PERTURBATION_BASE * (1.0 + Math.abs(st.baseCost[j])) * (1.0 + rnd.nextDouble());
            if (s == SimplexState.AT_UPPER) xi = -xi;
            st.cost[j] += xi;
            st.d[j] += xi;
            st.costsModified = true;
        }
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
        rowActivities = problem.rowActivities(columnValues);
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
        resizeRows(m + 1);
        st.basicVars[m] = n + m;
        st.weights[m] = weight;
        loadRowData(m);
        loadMatrix(problem.columnMatrix());
        st.syncPositions();
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

    /** Grows or shrinks the row dimension; logicals are the last variables, so prefixes are kept. */
    private void resizeRows(int newM) {
        int nv = st.n + newM;
        st.m = newM;
        st.lower = Arrays.copyOf(st.lower, nv);
        st.upper = Arrays.copyOf(st.upper, nv);
        st.cost = Arrays.copyOf(st.cost, nv);
        st.baseCost = Arrays.copyOf(st.baseCost, nv);
        st.x = Arrays.copyOf(st.x, nv);
        st.d = Arrays.copyOf(st.d, nv);
        st.status = Arrays.copyOf(st.status, nv);
        st.posOf = Arrays.copyOf(st.posOf, nv);
        st.y = Arrays.copyOf(st.y, newM);
        st.basicVars = Arrays.copyOf(st.basicVars, newM);
        st.xB = Arrays.copyOf(st.xB, newM);
        st.lbB = Arrays.copyOf(st.lbB, newM);
        st.ubB = Arrays.copyOf(st.ubB, newM);
        st.weights = Arrays.copyOf(st.weights, newM);
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
        resizeRows(firstRow);
        System.arraycopy(keep, 0, st.basicVars, 0, firstRow);
        System.arraycopy(keepWeights, 0, st.weights, 0, firstRow);
        loadMatrix(problem.columnMatrix());
        st.syncPositions();
        invalidate();
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

    /** The internal state, for white-box tests in this package. */
    SimplexState stateForTesting() {
        return st;
    }

    public LpProblem problem() {
        return problem.copy();
    }
}
