/**
 * Certified invertibility of ReLU networks by mixed-integer programming (Cui, Liu, Kanoulas et al.,
 * "Certified invertibility in neural networks via mixed-integer programming"). {@link
 * org.nnmip.nnverify.invertibility.LocalInvertibility} solves Problem 1 (largest ball on which f is injective) and
 * {@link org.nnmip.nnverify.invertibility.TransformInvertibility} Problem 3 (largest ball on which f2 is a function of
 * f1, both directions), both with two copies of a network in one MILP and a bisection whose counterexamples cut the
 * upper end ({@code CollisionSearch}, which also encloses the L2 ball by lazily added tangent cuts);
 * {@link org.nnmip.nnverify.invertibility.PseudoInvertibility} solves Problem 2 (largest ball in which only the
 * centre maps to {@code f(x_c)}) with one disjunctive MILP for L-infinity and L1, and for L2 a short loop of them
 * minimising an epigraph variable under-estimated by lazily added tangent cuts. All three accept residual add
 * layers (Problem 3 runs f1 and f2 side by side through {@link org.nnmip.nnverify.net.ParallelComposition} when either has one). All reuse
 * {@link org.nnmip.nnverify.encode.ReluMipEncoder} and re-check every counterexample by forward evaluation.
 * {@link org.nnmip.nnverify.invertibility.InvertibilityPlot} draws the picture for 2 inputs. Equalities hold within
 * the engine's feasibility tolerance (about 1e-6), so "injective" means: no two inputs farther apart than
 * {@code injectivityTol} have outputs equal within that tolerance.
 */
package org.nnmip.nnverify.invertibility;
