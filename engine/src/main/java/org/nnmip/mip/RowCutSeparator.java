package org.nnmip.mip;

import java.util.ArrayList;
import java.util.List;

import org.nnmip.lp.LpProblem;

/**
 * A separator that derives cuts from one original row at a time, read as {@code sign * a'x <= b} for each finite
 * side of the row (the upper side with sign +1, the lower side negated with sign -1).
 */
abstract class RowCutSeparator implements CutSeparator {

    @Override
    public final List<Cut> separate(MipInstance instance, double[] x, double[] lower, double[] upper) {
        LpProblem p = instance.relaxationView();
        List<Cut> cuts = new ArrayList<>();
        for (int i = 0; i < p.numRows(); i++) {
            if (p.rowUpper(i) < Double.POSITIVE_INFINITY) {
                Cut c = separateRow(instance, p.rowIndices(i), p.rowValues(i), p.rowUpper(i), 1, x, lower, upper);
                if (c != null) cuts.add(c);
            }
            if (p.rowLower(i) > Double.NEGATIVE_INFINITY) {
                Cut c = separateRow(instance, p.rowIndices(i), p.rowValues(i), -p.rowLower(i), -1, x, lower, upper);
                if (c != null) cuts.add(c);
            }
        }
        return cuts;
    }

    /** A cut violated by x from the row {@code sign * sum val_k x_idx_k <= b}, or null. */
    abstract Cut separateRow(MipInstance inst, int[] idx, double[] val, double b, double sign, double[] x,
                             double[] lo, double[] up);
}
