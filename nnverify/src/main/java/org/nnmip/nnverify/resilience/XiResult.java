package org.nnmip.nnverify.resilience;

import java.util.List;

/**
 * {@code Xi = min_m Phi_m}: the maximum resilience of the network over all classes.
 *
 * @param status    optimal, feasible (some class hit the limit), infeasible (no class has an input with the
 *                  confidence and a perturbation), time_limit
 * @param xi        the smallest witnessed {@code Phi_m} (NaN without a witness)
 * @param bound     proven lower bound on {@code Xi}
 * @param argmin    the class attaining {@code xi} (-1 without a witness)
 * @param perClass  one result per class; a class solved after a better one was known is {@code cut_off} when it
 *                  cannot beat it ({@code Phi_m >= xi})
 * @param seconds   wall-clock time
 */
public record XiResult(String status, double xi, double bound, int argmin, List<ResilienceResult> perClass, double seconds) {
    public XiResult {
        perClass = List.copyOf(perClass);
    }
}
