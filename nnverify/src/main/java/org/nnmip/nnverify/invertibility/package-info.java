/**
 * Certified invertibility of ReLU networks by mixed-integer programming (Cui, Liu, Kanoulas et al.,
 * "Certified invertibility in neural networks via mixed-integer programming"). {@link
 * org.nnmip.nnverify.invertibility.LocalInvertibility} solves Problem 1 (largest ball on which f is injective) with
 * two copies of the network in one MILP and a bisection whose counterexamples cut the upper end;
 * {@link org.nnmip.nnverify.invertibility.PseudoInvertibility} solves Problem 2 (largest ball in which only the
 * centre maps to {@code f(x_c)}) with one disjunctive MILP. Both reuse {@link org.nnmip.nnverify.encode.ReluMipEncoder}
 * and re-check every counterexample by forward evaluation. Equalities hold within the engine's feasibility tolerance
 * (about 1e-6), so "injective" means: no two inputs farther apart than {@code injectivityTol} have outputs equal
 * within that tolerance.
 */
package org.nnmip.nnverify.invertibility;
