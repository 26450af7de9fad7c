package org.nnmip.mip;

import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/** The root LP's conclusions under {@link MipParameters#safeBounds()}, checked with {@link SafeNodeBound}. */
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
}
