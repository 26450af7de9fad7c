package org.nnmip.mip;

import java.util.Optional;
import org.nnmip.lp.LpProblem;

/**
 * The engine's own view of a MIP: its LP relaxation plus which columns are integer, branching priorities
 * (higher = branched first), an optional start point and an optional objective cutoff (in the problem's sense:
 * only points strictly better than the cutoff are wanted). Immutable: the arrays are copied.
 */
public final class MipInstance {
    private final LpProblem relaxation;
    private final boolean[] integer;
    private final int[] branchPriority;
    private final double[] start;
    private final double cutoff;

    private MipInstance(LpProblem relaxation, boolean[] integer, int[] branchPriority, double[] start,
                        double cutoff) {
        this.relaxation = relaxation;
        this.integer = integer;
        this.branchPriority = branchPriority;
        this.start = start;
        this.cutoff = cutoff;
    }

    /** An instance without priorities, start or cutoff. */
    public static MipInstance of(LpProblem relaxation, boolean[] integer) {
        return of(relaxation, integer, null, null, Double.NaN);
    }

    /**
     * @param branchPriority null = all zero
     * @param start          null = none; entries may be NaN (unknown: if all NaN entries are continuous, the
     *                       integer values are fixed and the LP completes the point)
     * @param cutoff         NaN = none
     */
    public static MipInstance of(LpProblem relaxation, boolean[] integer, int[] branchPriority, double[] start,
                                 double cutoff) {
        int n = relaxation.numColumns();
        if (integer.length != n) {
            throw new IllegalArgumentException("integer has " + integer.length + " entries for " + n + " columns");
        }
        if (branchPriority != null && branchPriority.length != n) {
            throw new IllegalArgumentException("branchPriority has " + branchPriority.length + " entries for "
                    + n + " columns");
        }
        if (start != null && start.length != n) {
            throw new IllegalArgumentException("start has " + start.length + " entries for " + n + " columns");
        }
        if (Double.isInfinite(cutoff)) throw new IllegalArgumentException("cutoff must be finite or NaN");
        return new MipInstance(relaxation.copy(), integer.clone(),
                branchPriority == null ? new int[n] : branchPriority.clone(),
                start == null ? null : start.clone(), cutoff);
    }

    /** A copy of the relaxation. */
    public LpProblem relaxation() {
        return relaxation.copy();
    }

    /** The relaxation itself, for engine-internal read-only use. */
    LpProblem relaxationView() {
        return relaxation;
    }

    public int numColumns() {
        return integer.length;
    }

    public boolean isInteger(int j) {
        return integer[j];
    }

    public boolean[] integerCopy() {
        return integer.clone();
    }

    public int branchPriority(int j) {
        return branchPriority[j];
    }

    public Optional<double[]> start() {
        return start == null ? Optional.empty() : Optional.of(start.clone());
    }

    /** NaN when there is none. */
    public double cutoff() {
        return cutoff;
    }

    @Override
    public String toString() {
        int ni = 0;
        for (boolean b : integer) if (b) ni++;
        return "MipInstance[" + relaxation.name() + ": " + relaxation.numRows() + " rows, " + integer.length
                + " columns (" + ni + " integer)" + (start == null ? "" : ", start") + "]";
    }
}
