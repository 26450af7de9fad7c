/**
 * The bounded dual simplex behind {@link org.nnmip.lp.LpSolver}.
 *
 * <ul>
 *   <li>{@link org.nnmip.lp.internal.simplex.SimplexEngine}: the facade's engine. Owns the unscaled problem, builds
 *       the scaled computational form, routes a solve (dual phase 1 by the auxiliary problem, dual phase 2 with
 *       perturbation, primal clean-up, feasibility problem for the infeasible-or-unbounded case) and reports
 *       unscaled results; handles warm-start modifications.</li>
 *   <li>{@code SimplexState}: computational form {@code [A | I](x; s) = 0} with logical bounds
 *       {@code [-rowUpper, -rowLower]} (HiGHS convention), statuses, basic positions, values, reduced costs,
 *       pricing weights, the {@link org.nnmip.lp.internal.factor.BasisFactor}.</li>
 *   <li>{@code DualSimplex} (phase 2 iterations, DSE/Devex/Dantzig), {@code BoundFlippingRatioTest} (long-step ratio
 *       test with Harris tolerances), {@code PrimalSimplex} (clean-up, re-optimisation, primal rays).</li>
 *   <li>{@code BasisFactors}: the single place that chooses the factor implementation.</li>
 * </ul>
 *
 * <p>Conventions: internally everything is minimisation ({@code c * sense.sign()}) and scaled
 * ({@code A~ = R A C}, {@code x~ = x / C}, {@code c~ = c C}, {@code y = R y~}, {@code d = d~ / C}). A row whose
 * activity sits at its lower bound has its logical at the logical's upper bound; the mapping lives only in
 * {@code SimplexEngine.apiStatus/internalStatus}. Tolerances apply to the scaled problem.
 */
package org.nnmip.lp.internal.simplex;
