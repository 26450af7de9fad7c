package org.nnmip.mip;

import org.nnmip.lp.LpProblem;
import org.nnmip.lp.SafeDualBound;
import org.nnmip.lp.Sense;

/**
 * Rigorous node bounds for {@link MipParameters#safeBounds()}: the outward-rounded Lagrangian bound of the node
 * LP's duals ({@link SafeDualBound}) over the node box, and the exact-arithmetic check of a Farkas ray. The engine's
 * own propagation is rigorous in safe mode ({@link DomainPropagator}); continuous bounds may also come from user
 * propagators, which are only trusted up to round-off, so every propagated continuous bound is relaxed by 1e-9
 * relative before it enters the bound. Branching bounds on integers are exact.
 */
final class SafeNodeBound {
    private static final double PROPAGATION_SLACK = 1e-9;

    private final LpProblem lp;
    private final MipData d;
    private final double[] cost;
    private final double offset;
    private final double[] l, u;

    /** @param lp the minimisation-form LP the node duals refer to (rows may include cuts) */
    SafeNodeBound(LpProblem lp, MipData d) {
        if (lp.sense() != Sense.MINIMIZE) throw new IllegalArgumentException("the node LP must be in minimisation form");
        this.lp = lp;
        this.d = d;
        this.cost = lp.objectiveCopy();
        this.offset = lp.objectiveOffset();
        this.l = new double[d.n];
        this.u = new double[d.n];
    }

    /** A rigorous lower bound on the node LP over the box [lo, up] from the duals y; -inf when none. */
    double bound(double[] lo, double[] up, double[] y) {
        if (y == null) return Double.NEGATIVE_INFINITY;
        box(lo, up);
        return SafeDualBound.lowerBound(lp, cost, offset, l, u, y);
    }

    /** Whether the ray y proves the node LP over [lo, up] infeasible in exact arithmetic. */
    boolean provesInfeasible(double[] lo, double[] up, double[] ray) {
        if (ray == null) return false;
        box(lo, up);
        return SafeDualBound.provesInfeasible(lp, l, u, ray);
    }

    private void box(double[] lo, double[] up) {
        for (int j = 0; j < d.n; j++) {
            double a = lo[j];
            double b = up[j];
            if (!d.integer[j]) {
                if (a > d.lower[j]) a = Math.max(d.lower[j], a - PROPAGATION_SLACK * Math.max(1, Math.abs(a)));
                if (b < d.upper[j]) b = Math.min(d.upper[j], b + PROPAGATION_SLACK * Math.max(1, Math.abs(b)));
            }
            l[j] = a;
            u[j] = b;
        }
    }
}
