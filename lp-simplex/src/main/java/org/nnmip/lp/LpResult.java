package org.nnmip.lp;

import java.util.Optional;

/**
 * Everything known after a solve, in the original (unscaled) problem's terms and sense.
 *
 * <p>Sign conventions (as HiGHS and OR-Tools report them): the duals satisfy {@code c = A'y + d} for the objective
 * as given, so for minimisation a row at its lower bound has {@code y_i >= 0} and a column at its lower bound
 * {@code d_j >= 0}; for maximisation the signs are reversed.
 *
 * @param status         what is known
 * @param objective      {@code c'x + offset} at the returned point (NaN when no point is available)
 * @param columnValues   primal values x (length = columns; the last iterate when not optimal)
 * @param rowActivities  Ax
 * @param rowDuals       y
 * @param reducedCosts   d = c - A'y
 * @param basis          the final basis
 * @param farkasRay      for {@link LpStatus#INFEASIBLE}: row multipliers y proving infeasibility, i.e. with
 *                       z = A'y, {@code max_{x in column box} z'x < min_{r in row box} y'r}
 *                       (see {@code LpCertificates.checkFarkas})
 * @param primalRay      for {@link LpStatus#UNBOUNDED}: a direction r with A r in the recession cone of the row
 *                       box, r in the recession cone of the column box, and improving objective
 * @param iterations     simplex iterations of this solve call
 * @param timeSeconds    wall-clock time of this solve call
 */
public record LpResult(
        LpStatus status,
        double objective,
        double[] columnValues,
        double[] rowActivities,
        double[] rowDuals,
        double[] reducedCosts,
        Basis basis,
        Optional<double[]> farkasRay,
        Optional<double[]> primalRay,
        long iterations,
        double timeSeconds) {
}
