package org.nnmip.mip;

import java.util.List;

/**
 * Separates valid inequalities (cuts) violated by an LP solution. Called in the root cut loop. A cut must be
 * valid for every integer-feasible point of the instance within the global bounds given.
 */
public interface CutSeparator {
    String name();

    List<Cut> separate(MipInstance instance, double[] lpSolution, double[] lower, double[] upper);

    /** The cut {@code lower <= sum values[k] x[indices[k]] <= upper}. */
    record Cut(int[] indices, double[] values, double lower, double upper) {
        /** Violation of the cut at x (positive = violated). */
        public double violation(double[] x) {
            double a = 0;
            for (int k = 0; k < indices.length; k++) a += values[k] * x[indices[k]];
            return Math.max(lower - a, a - upper);
        }
    }
}
