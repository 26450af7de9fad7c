/**
 * Branch-and-bound MIP solver on top of {@code org.nnmip.lp}.
 *
 * <p>Entry points: {@link org.nnmip.mip.MipSolver#solve(org.nnmip.model.Model, org.nnmip.mip.MipParameters)} and
 * {@link org.nnmip.mip.MipSolver#solve(org.nnmip.mip.MipInstance, org.nnmip.mip.MipParameters)}; the answer is a
 * {@link org.nnmip.mip.MipResult} (status, checked incumbent, proven bound, HiGHS-style gap, statistics).
 *
 * <p>Design (after Achterberg 2007, "Constraint Integer Programming"):
 * <ul>
 * <li>{@code MipData}: the instance in minimisation form with row/column copies, rounding locks;</li>
 * <li>{@code Presolve}: fixed columns, singleton/empty rows, empty columns, integer bound tightening, redundant
 * rows; the reduced instance is solved and its incumbent mapped back and re-checked on the original;</li>
 * <li>root: activity propagation, LP, MIP start, cut loop ({@code GomorySeparator} on tableau rows,
 * {@code KnapsackCoverSeparator}, {@code MirSeparator}, user {@link org.nnmip.mip.CutSeparator}s);</li>
 * <li>{@code TreeSearch}: asynchronous workers sharing a best-bound {@code NodePool} with plunging, or
 * deterministic synchronous rounds on fixed lanes;</li>
 * <li>{@code Worker}: per node, propagation ({@code DomainPropagator} + user
 * {@link org.nnmip.mip.BoundPropagator}s), warm-started dual simplex with objective cutoff, reduced-cost fixing,
 * heuristics (simple rounding, fractional diving, user {@link org.nnmip.mip.PrimalHeuristic}s), and branching
 * (priorities, then reliability pseudocost branching with strong branching);</li>
 * <li>{@code SearchState}: the incumbent (every point checked before acceptance), cutoff, counters.</li>
 * </ul>
 * Nodes keep their local bounds as a sparse difference from the root bounds plus the parent's final basis.
 */
package org.nnmip.mip;
