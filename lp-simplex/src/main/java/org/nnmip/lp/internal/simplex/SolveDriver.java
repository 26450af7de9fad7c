package org.nnmip.lp.internal.simplex;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nnmip.lp.LpParameters;

/**
 * Routes one solve through the phases (Koberstein 2005, chapter 4 and section 6.3): from a dual feasible basis
 * (after flipping boxed variables) dual phase 2 with cost perturbation and a primal clean-up after removing it;
 * from a primal feasible but dual infeasible basis the primal simplex; otherwise dual phase 1 by the auxiliary
 * problem, and when no dual feasible basis exists the feasibility problem followed by the primal simplex.
 */
final class SolveDriver {
    private static final int MAX_RESTARTS = 20;
    private static final double PERTURBATION_BASE = 5e-7;

    private final SimplexState st;
    private final DualSimplex dual;
    private final PrimalSimplex primal;
    private final LpParameters parameters;

    SolveDriver(SimplexState st, DualSimplex dual, PrimalSimplex primal, LpParameters parameters) {
        this.st = st;
        this.dual = dual;
        this.primal = primal;
        this.parameters = parameters;
    }

    /** @param internalCutoff objective bound in internal terms (minimisation, no offset); +inf when off */
    SimplexOutcome run(SolveControl control, double internalCutoff) {
        LpParameters p = parameters;
        double tolP = p.primalFeasibilityTolerance();
        double tolD = p.dualFeasibilityTolerance();
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
     * Primal clean-up of an optimal basis whose objective disagrees with the Lagrangian bound of its duals (HiGHS
     * and SCIP check the same gap after unscaling): from the final basis with the true costs, primal simplex
     * iterations that also price reduced costs within the dual feasibility tolerance when, multiplied by their
     * variable's bound width, they exceed {@code gapTolerance} (internal objective units, which equal the original
     * ones: scaling leaves {@code d_v (u_v - l_v)} unchanged). At most {@code budget} iterations.
     */
    SimplexOutcome cleanUpGap(SolveControl control, double gapTolerance, long budget) {
        if (!st.factorValid) st.refactor();
        st.restoreCosts();
        st.computePrimal();
        long limit = Math.min(parameters.iterationLimit(), control.iterations + budget);
        SolveControl capped = new SolveControl(limit, parameters.timeLimitSeconds());
        capped.iterations = control.iterations;
        SimplexOutcome out = primal.run(parameters, capped, gapTolerance);
        control.iterations = capped.iterations;
        if (out == SimplexOutcome.ITERATION_LIMIT && capped.iterations >= parameters.iterationLimit()) return out;
        // Running out of the clean-up budget or losing primal feasibility means the gap could not be closed.
        if (out == SimplexOutcome.RESTART || out == SimplexOutcome.ITERATION_LIMIT) out = SimplexOutcome.NUMERICAL_TROUBLE;
        return out;
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
}
