package org.nnmip.mip;

import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * The conclusions outside the node loop under {@link MipParameters#safeBounds()}: the root LP's (checked with
 * {@link SafeNodeBound}) and the final OPTIMAL claim.
 */
final class SafeRoot {
    private SafeRoot() {
    }

    /**
     * Whether the root status may be acted on: INFEASIBLE needs a Farkas ray that proves it exactly,
     * OBJECTIVE_CUTOFF a rigorous dual bound above the cutoff; other statuses conclude nothing by themselves.
     */
    static boolean proven(LpStatus st, LpSolver rootLp, LpProblem rootProblem, MipData d, double cutoff) {
        if (st != LpStatus.INFEASIBLE && st != LpStatus.OBJECTIVE_CUTOFF) return true;
        LpResult r = rootLp.result();
        SafeNodeBound b = new SafeNodeBound(rootLp.problem(), d);
        double[] lo = rootProblem.columnLowerCopy();
        double[] up = rootProblem.columnUpperCopy();
        if (st == LpStatus.INFEASIBLE) return b.provesInfeasible(lo, up, r.farkasRay().orElse(null));
        return b.bound(lo, up, r.rowDuals()) > cutoff;
    }

    /** The rigorous bound of the (optimal) root LP, with its cuts, over the root box. */
    static double bound(LpSolver rootLp, MipData d, double[] lo, double[] up) {
        return new SafeNodeBound(rootLp.problem(), d).bound(lo, up, rootLp.result().rowDuals());
    }

    /**
     * Safe mode, search exhausted: OPTIMAL needs the proven bound within the gap of the incumbent (at least 1e-6
     * relative, the LP tolerances the rigorous bounds pay for); otherwise the answer is only the bound.
     */
    static boolean gapOpen(MipParameters p, double inc, double lb) {
        if (!p.safeBounds()) return false;
        double allowed = Math.max(Math.max(p.absoluteGap(), p.relativeGap() * Math.abs(inc)),
                1e-6 * Math.max(1, Math.abs(inc)));
        return !(inc - lb <= allowed);
    }
}
