package org.nnmip.lp.internal.simplex;

import java.util.Arrays;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.PricingRule;

/**
 * Primal simplex phase 2 from a primal feasible basis (Maros 2003, chapter 9; Koberstein 2005, section 6.3 uses it
 * for the clean-up after removing the cost perturbation): Dantzig pricing scaled by the column norm, Harris
 * two-pass ratio test with the entering variable's own bound flip, and the same duals/DSE updates as the dual
 * simplex so that a later dual simplex run starts with good weights. Produces the primal ray when unbounded.
 */
final class PrimalSimplex {
    private static final double PIVOT_TOLERANCE = 1e-7;
    private static final double ACCURACY_TOLERANCE = 1e-7;
    private static final int MAX_TROUBLE = 8;

    private final SimplexState st;
    private double[] column = new double[0];
    private double[] rho = new double[0];
    private double[] tau = new double[0];
    private double[] alphaRow = new double[0];
    private double[] columnNorm = new double[0];
    private int[] excluded = new int[0];
    private int excludedCount;

    /** After UNBOUNDED: the direction over all variables (internal, scaled). */
    double[] ray;

    PrimalSimplex(SimplexState st) {
        this.st = st;
    }

    private void ensureCapacity() {
        int m = st.m;
        int nv = st.n + st.m;
        if (column.length < m) {
            column = new double[m];
            rho = new double[m];
            tau = new double[m];
        }
        if (alphaRow.length < nv) {
            alphaRow = new double[nv];
            columnNorm = new double[nv];
            excluded = new int[nv];
        }
        for (int j = 0; j < st.n; j++) {
            double s = 1.0;
            for (int p = st.colStart[j]; p < st.colStart[j + 1]; p++) s += st.colValue[p] * st.colValue[p];
            columnNorm[j] = s;
        }
        for (int i = 0; i < st.m; i++) columnNorm[st.n + i] = 2.0;
    }

    SimplexOutcome run(LpParameters p, SolveControl control) {
        return run(p, control, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #run(LpParameters, SolveControl)}, and also prices every nonbasic variable with a finite range (a
     * one-sided variable at its bound adds nothing to the gap, and pricing its round-off invites false rays) whose
     * wrong-sign reduced cost, though within the dual feasibility tolerance, costs more than {@code gapTolerance} in
     * the primal-dual gap ({@code |d_v| * (u_v - l_v)}: a tiny reduced cost times a huge bound width).
     */
    SimplexOutcome run(LpParameters p, SolveControl control, double gapTolerance) {
        ensureCapacity();
        int m = st.m;
        int nv = st.n + m;
        double tolP = p.primalFeasibilityTolerance();
        double tolD = p.dualFeasibilityTolerance();
        int trouble = 0;
        excludedCount = 0;
        boolean fresh = false;
        while (true) {
            SimplexOutcome limit = control.check();
            if (limit != null) return limit;
            if (st.factor.updateCount() >= p.refactorInterval() || !st.factorValid) {
                st.refactor();
                st.computePrimal();
                st.computeDual();
                fresh = true;
                if (!st.primalFeasible(1e3 * tolP)) return SimplexOutcome.RESTART;
            }
            // Pricing: largest d_j^2 / ||a_j||^2 among the dual infeasible nonbasics.
            int q = -1;
            double best = 0;
            for (int v = 0; v < nv; v++) {
                if (st.status[v] == SimplexState.BASIC) continue;
                double infeas = st.dualInfeasibility(v);
                if (infeas > tolD || (infeas > 0 && st.upper[v] - st.lower[v] < Double.POSITIVE_INFINITY
                        && infeas * (st.upper[v] - st.lower[v]) > gapTolerance)) {
                    double score = infeas * infeas / columnNorm[v];
                    if (score > best && !isExcluded(v)) {
                        best = score;
                        q = v;
                    }
                }
            }
            if (q < 0) {
                if (excludedCount > 0) {
                    if (fresh) return SimplexOutcome.NUMERICAL_TROUBLE;
                    // Candidates were skipped for want of a pivot: retry them on a fresh factorisation.
                    st.factorValid = false;
                    excludedCount = 0;
                    continue;
                }
                if (fresh) return SimplexOutcome.OPTIMAL;
                // Confirm optimality on values recomputed from scratch.
                st.computePrimal();
                st.computeDual();
                fresh = true;
                if (!st.primalFeasible(1e3 * tolP)) return SimplexOutcome.RESTART;
                continue;
            }
            double dir = st.d[q] < 0 ? 1.0 : -1.0;
            st.loadColumn(q, column);
            st.factor.ftranForUpdate(column);

            // Harris pass 1: largest step keeping every basic variable within its bound plus tolerance.
            double bound = st.upper[q] - st.lower[q];
            for (int k = 0; k < m; k++) {
                double a = dir * column[k];
                if (Math.abs(a) <= PIVOT_TOLERANCE) continue;
                double r;
                if (a > 0) {
                    if (st.lbB[k] == Double.NEGATIVE_INFINITY) continue;
                    r = (st.xB[k] - st.lbB[k] + tolP) / a;
                } else {
                    if (st.ubB[k] == Double.POSITIVE_INFINITY) continue;
                    r = (st.ubB[k] - st.xB[k] + tolP) / -a;
                }
                if (r < bound) bound = r;
            }
            if (bound == Double.POSITIVE_INFINITY) {
                ray = new double[nv];
                ray[q] = dir;
                for (int k = 0; k < m; k++) ray[st.basicVars[k]] = -dir * column[k];
                return SimplexOutcome.UNBOUNDED;
            }
            double range = st.upper[q] - st.lower[q];
            if (range <= bound) {
                // The entering variable reaches its other bound first: a bound flip, no basis change.
                double old = st.x[q];
                st.setNonbasic(q, st.status[q] == SimplexState.AT_LOWER ? SimplexState.AT_UPPER
                        : SimplexState.AT_LOWER);
                st.kernels.axpy(-(st.x[q] - old), column, st.xB, m);
                control.iterations++;
                fresh = false;
                continue;
            }
            // Harris pass 2: among the rows within the bound, the largest |alpha|.
            int r = -1;
            double bestAbs = 0;
            double theta = 0;
            for (int k = 0; k < m; k++) {
                double a = dir * column[k];
                if (Math.abs(a) <= PIVOT_TOLERANCE) continue;
                double ratio;
                if (a > 0) {
                    if (st.lbB[k] == Double.NEGATIVE_INFINITY) continue;
                    ratio = (st.xB[k] - st.lbB[k]) / a;
                } else {
                    if (st.ubB[k] == Double.POSITIVE_INFINITY) continue;
                    ratio = (st.ubB[k] - st.xB[k]) / -a;
                }
                if (ratio <= bound && Math.abs(a) > bestAbs) {
                    bestAbs = Math.abs(a);
                    r = k;
                    theta = Math.max(ratio, 0.0);
                }
            }
            if (r < 0) {
                exclude(q);
                continue;
            }
            Arrays.fill(rho, 0, m, 0.0);
            rho[r] = 1.0;
            st.factor.btran(rho);
            st.pivotRow(rho, alphaRow);
            double alphaCol = column[r];
            if (Math.abs(alphaCol - alphaRow[q]) > ACCURACY_TOLERANCE * (1.0 + Math.abs(alphaCol))) {
                if (++trouble > MAX_TROUBLE) return SimplexOutcome.NUMERICAL_TROUBLE;
                st.factorValid = false;
                continue;
            }
            int leaving = st.basicVars[r];
            boolean toLower = dir * column[r] > 0;
            // Primal update.
            double step = dir * theta;
            st.kernels.axpy(-step, column, st.xB, m);
            double enteringValue = st.x[q] + step;
            // Dual update: theta_D = d_q / alpha_rq.
            double thetaD = st.d[q] / alphaRow[q];
            double[] d = st.d;
            int[] nz = st.rowNonzeros;
            for (int t = 0, c = st.numRowNonzeros; t < c; t++) d[nz[t]] -= thetaD * alphaRow[nz[t]];
            d[q] = 0.0;
            d[leaving] = -thetaD;
            if (p.pricing() == PricingRule.DUAL_STEEPEST_EDGE) {
                System.arraycopy(rho, 0, tau, 0, m);
                st.factor.ftran(tau);
                st.kernels.updateSteepestEdgeWeights(st.weights, column, tau, r, m);
            } else if (p.pricing() == PricingRule.DEVEX) {
                double wr = st.weights[r];
                for (int i = 0; i < m; i++) {
                    double ratio = column[i] / alphaCol;
                    if (ratio != 0.0) st.weights[i] = Math.max(st.weights[i], ratio * ratio * wr);
                }
                st.weights[r] = Math.max(wr / (alphaCol * alphaCol), 1.0);
            }
            st.basicVars[r] = q;
            st.posOf[q] = r;
            st.status[q] = SimplexState.BASIC;
            st.setNonbasic(leaving, toLower ? SimplexState.AT_LOWER : SimplexState.AT_UPPER);
            st.xB[r] = enteringValue;
            st.lbB[r] = st.lower[q];
            st.ubB[r] = st.upper[q];
            control.iterations++;
            fresh = false;
            if (!st.factor.update(r, column)) st.factorValid = false;
        }
    }

    private boolean isExcluded(int v) {
        for (int t = 0; t < excludedCount; t++) if (excluded[t] == v) return true;
        return false;
    }

    private void exclude(int v) {
        excluded[excludedCount++] = v;
    }
}
