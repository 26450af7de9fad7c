package org.nnmip.lp.internal.simplex;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.PricingRule;

/**
 * Dual simplex phase 2 on a dual feasible basis (Koberstein 2005, Algorithm 2 with the refinements of chapters
 * 3 and 6): CHUZR by dual steepest edge / Devex / Dantzig, BTRAN of the leaving row, row-wise pivot row, bound
 * flipping ratio test, FTRAN of the entering column (and of rho for the DSE update), update of primal values,
 * duals and weights, and product-form factor update with periodic refactorisation.
 */
final class DualSimplex {
    static final double PIVOT_TOLERANCE = 1e-7;
    /** Relative disagreement of the pivot from row and column that triggers a refactorisation. */
    private static final double ACCURACY_TOLERANCE = 1e-7;
    private static final int MAX_TROUBLE = 8;
    /**
     * Iterations without a strict increase of the objective after which the run counts as stalled. Harris' ratio
     * test lets the objective fall by tolerance-sized amounts, so the dual simplex can cycle even on perturbed
     * costs (seen on enigma branch-and-bound nodes: a period-6 cycle of nonzero dual steps).
     */
    private static final int STALL_ITERATIONS = 100;
    // Large degenerate LPs (network encodings) legitimately go hundreds of iterations without objective progress;
    // the window grows with the row count so the guard fires on cycles, not on slow but honest progress.
    private static final double STALL_PERTURBATION_BASE = 1e-6;
    private static final double STALL_PERTURBATION_MAX = 1e-4;

    private final SimplexState st;
    private final BoundFlippingRatioTest ratioTest;
    private double[] rho = new double[0];
    private double[] column = new double[0];
    private double[] tau = new double[0];
    private double[] flipDelta = new double[0];
    private double[] alphaRow = new double[0];

    /** After INFEASIBLE: rho_r of the row proving it, and the sign of the leaving variable's violation. */
    double[] farkasRho;
    double farkasSign;

    DualSimplex(SimplexState st) {
        this.st = st;
        this.ratioTest = new BoundFlippingRatioTest(st);
    }

    private void ensureCapacity() {
        int m = st.m;
        int nv = st.n + st.m;
        if (rho.length < m) {
            rho = new double[m];
            column = new double[m];
            tau = new double[m];
            flipDelta = new double[m];
        }
        if (alphaRow.length < nv) alphaRow = new double[nv];
    }

    /**
     * Runs until optimal, infeasible, cutoff or a limit. The basis must be dual feasible for {@code st.cost}.
     *
     * @param cutoff internal (minimisation, without offset) objective bound; +inf when off
     */
    SimplexOutcome run(LpParameters p, SolveControl control, double cutoff) {
        ensureCapacity();
        int m = st.m;
        double tolP = p.primalFeasibilityTolerance();
        double tolD = p.dualFeasibilityTolerance();
        PricingRule pricing = p.pricing();
        int trouble = 0;
        // Values at the start come fresh from the driver; after iterations they are recomputed before stopping.
        boolean freshValues = true;
        double bestObjective = Double.NEGATIVE_INFINITY;
        int sinceProgress = 0;
        int stallRounds = 0;
        while (true) {
            SimplexOutcome limit = control.check();
            if (limit != null) return limit;
            double obj = st.objective(st.cost);
            if (obj > bestObjective + 1e-9 * (1.0 + Math.abs(bestObjective))) {
                bestObjective = obj;
                sinceProgress = 0;
            } else if (++sinceProgress >= Math.max(STALL_ITERATIONS, st.m)) {
                // Stalling or cycling: perturb the costs afresh, with growing magnitude (Koberstein 2005, 6.2.2.3).
                perturbAgainstStalling(p.seed(), stallRounds++);
                bestObjective = st.objective(st.cost);
                sinceProgress = 0;
            }
            if (st.factor.updateCount() >= p.refactorInterval() || !st.factorValid) {
                if (!refresh(true, tolD)) return SimplexOutcome.RESTART;
                freshValues = true;
            }
            if (Double.isFinite(cutoff) && st.objective(st.cost) > cutoff) {
                if (!st.costsModified) return SimplexOutcome.OBJECTIVE_CUTOFF;
                // The perturbed objective is no bound: remove the perturbation and look again.
                st.restoreCosts();
                if (st.flipBoxedToDualFeasible(tolD)) st.computePrimal();
                if (st.countDualInfeasibilities(tolD) > 0) return SimplexOutcome.RESTART;
                continue;
            }
            int r = m == 0 ? -1 : st.kernels.chooseRowSteepestEdge(st.xB, st.lbB, st.ubB, st.weights, m, tolP);
            if (r < 0) {
                if (freshValues) return SimplexOutcome.OPTIMAL;
                // Confirm optimality on values recomputed from scratch (Koberstein 2005, section 6.3).
                if (!refresh(false, tolD)) return SimplexOutcome.RESTART;
                freshValues = true;
                continue;
            }
            int leaving = st.basicVars[r];
            double delta = st.xB[r] < st.lbB[r] ? st.xB[r] - st.lbB[r] : st.xB[r] - st.ubB[r];

            Arrays.fill(rho, 0, m, 0.0);
            rho[r] = 1.0;
            st.factor.btran(rho);
            st.pivotRow(rho, alphaRow);
            ratioTest.run(alphaRow, st.rowNonzeros, st.numRowNonzeros, delta, tolD, tolP, PIVOT_TOLERANCE, true);
            int q = ratioTest.entering;
            if (q < 0) {
                if (st.factor.updateCount() > 0 && trouble < MAX_TROUBLE) {
                    // Confirm on a fresh factorisation before declaring infeasibility.
                    trouble++;
                    st.factorValid = false;
                    continue;
                }
                farkasRho = Arrays.copyOf(rho, m);
                farkasSign = delta > 0 ? 1.0 : -1.0;
                return SimplexOutcome.INFEASIBLE;
            }
            st.loadColumn(q, column);
            st.factor.ftranForUpdate(column);
            double alphaCol = column[r];
            double alphaRowQ = alphaRow[q];
            boolean inaccurate = Math.abs(alphaCol - alphaRowQ) > ACCURACY_TOLERANCE * (1.0 + Math.abs(alphaCol));
            if (inaccurate || Math.abs(alphaCol) <= PIVOT_TOLERANCE) {
                if (++trouble > MAX_TROUBLE) return SimplexOutcome.NUMERICAL_TROUBLE;
                if (st.factor.updateCount() > 0) {
                    // Accuracy loss in the updated factor: refactorise and redo the iteration.
                    st.factorValid = false;
                    continue;
                }
                if (Math.abs(alphaCol) <= PIVOT_TOLERANCE) {
                    // Unusable pivot on a fresh factor: make this row less attractive for a while.
                    st.weights[r] *= 1e4;
                    continue;
                }
                alphaRowQ = alphaCol;
            }

            // Dual update: theta_D = d_q / alpha_rq; a wrong-signed d_q (Harris) is shifted to zero.
            double thetaD = st.d[q] / alphaRowQ;
            double dirSign = delta < 0 ? -1.0 : 1.0;
            if (thetaD * dirSign < 0) {
                st.cost[q] -= st.d[q];
                st.d[q] = 0.0;
                st.costsModified = true;
                thetaD = 0.0;
            }
            if (thetaD != 0.0) {
                double[] d = st.d;
                int[] nz = st.rowNonzeros;
                for (int t = 0, c = st.numRowNonzeros; t < c; t++) d[nz[t]] -= thetaD * alphaRow[nz[t]];
            }
            st.d[q] = 0.0;
            st.d[leaving] = -thetaD;

            // Bound flips: move the passed boxed variables and update x_B by one extra FTRAN.
            int nf = ratioTest.numFlips;
            if (nf > 0) {
                Arrays.fill(flipDelta, 0, m, 0.0);
                int[] flips = ratioTest.flips();
                for (int t = 0; t < nf; t++) {
                    int v = flips[t];
                    double old = st.x[v];
                    st.setNonbasic(v, st.status[v] == SimplexState.AT_LOWER ? SimplexState.AT_UPPER
                            : SimplexState.AT_LOWER);
                    st.addColumn(v, st.x[v] - old, flipDelta);
                }
                st.factor.ftran(flipDelta);
                for (int k = 0; k < m; k++) st.xB[k] -= flipDelta[k];
            }

            // Primal step: the leaving variable goes to the bound it violated.
            double target = delta < 0 ? st.lbB[r] : st.ubB[r];
            double thetaP = (st.xB[r] - target) / alphaCol;
            st.kernels.axpy(-thetaP, column, st.xB, m);
            double enteringValue = st.x[q] + thetaP;

            updateWeights(pricing, r, alphaCol);

            // Basis change.
            st.basicVars[r] = q;
            st.posOf[q] = r;
            st.status[q] = SimplexState.BASIC;
            st.setNonbasic(leaving, delta < 0 ? SimplexState.AT_LOWER : SimplexState.AT_UPPER);
            st.x[leaving] = target;
            st.xB[r] = enteringValue;
            st.lbB[r] = st.lower[q];
            st.ubB[r] = st.upper[q];
            control.iterations++;
            freshValues = false;
            if (!st.factor.update(r, column)) st.factorValid = false;
            trouble = Math.max(0, trouble - 1);
        }
    }

    /**
     * Adds a fresh random perturbation to the costs of the nonbasic, non-fixed structurals, each in the direction
     * that keeps it dual feasible, so the basis stays dual feasible; a new random stream per round breaks the
     * cycle's ties and the growing scale lifts it off the degenerate vertex. The driver removes it at the end.
     */
    private void perturbAgainstStalling(long seed, int round) {
        double scale = Math.min(STALL_PERTURBATION_MAX, STALL_PERTURBATION_BASE * Math.pow(10.0, round));
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + round + 1);
        for (int j = 0; j < st.n; j++) {
            byte s = st.status[j];
            if (s == SimplexState.BASIC || s == SimplexState.AT_ZERO || st.isFixed(j)) continue;
            double xi = scale * (1.0 + Math.abs(st.baseCost[j])) * (1.0 + rnd.nextDouble());
            if (s == SimplexState.AT_UPPER) xi = -xi;
            st.cost[j] += xi;
            st.d[j] += xi;
            st.costsModified = true;
        }
    }

    private void updateWeights(PricingRule pricing, int r, double alphaR) {
        int m = st.m;
        double[] w = st.weights;
        switch (pricing) {
            case DUAL_STEEPEST_EDGE -> {
                System.arraycopy(rho, 0, tau, 0, m);
                st.factor.ftran(tau);
                st.kernels.updateSteepestEdgeWeights(w, column, tau, r, m);
            }
            case DEVEX -> {
                // Dual Devex reference weights (Forrest & Goldfarb 1992; Koberstein 2005, section 3.3.2).
                double wr = w[r];
                for (int i = 0; i < m; i++) {
                    double ratio = column[i] / alphaR;
                    if (ratio != 0.0) w[i] = Math.max(w[i], ratio * ratio * wr);
                }
                w[r] = Math.max(wr / (alphaR * alphaR), 1.0);
            }
            case DANTZIG -> {
                // Weights stay one: CHUZR picks the largest infeasibility.
            }
        }
    }

    /**
     * Recomputes x_B, y and d from scratch (after refactorising if asked) and repairs small dual infeasibilities
     * by bound flips or cost shifts. False when dual feasibility is lost beyond repair.
     */
    private boolean refresh(boolean refactor, double tolD) {
        if (refactor) st.refactor();
        // Confirming an optimum on perturbed costs needs fresh primal values only: the driver then removes the
        // perturbation and recomputes the duals anyway (one BTRAN and PRICE saved per solve).
        if (refactor || !st.costsModified) st.computeDual();
        st.flipBoxedToDualFeasible(tolD);
        st.computePrimal();
        if (st.countDualInfeasibilities(tolD) > 0) {
            double worst = 0;
            int nv = st.n + st.m;
            for (int v = 0; v < nv; v++) worst = Math.max(worst, st.dualInfeasibility(v));
            if (worst > 1e3 * tolD) return false;
            st.shiftCostsToDualFeasible(tolD);
        }
        return true;
    }
}
