/**
 * Maximum resilience of ReLU classifiers (Cheng, Nührenberg &amp; Ruess 2017, "Maximum resilience of artificial neural
 * networks"): the smallest perturbation {@code Phi_m(alpha, k)} that makes {@code k} other classes score at least as
 * high as a confidently classified class {@code m}, its minimum {@code Xi} over classes, the local (fixed-input)
 * variant, and the largest feasible confidence; built on the big-M encoding of {@code encode} with two network
 * copies in one model, and their encoding heuristics (constant vs dataflow big-M, look-back tightening,
 * layer-ordered priorities, three-step initialisation) switchable in {@link org.nnmip.nnverify.resilience.ResilienceOptions}.
 * Max-pool layers are encoded exactly; arctan layers by a sound piecewise-linear enclosure, so the MIP is a relaxation
 * and its bound a proven lower bound on {@code Phi} (their Proposition 3), with an upper bound from a witness that
 * passes the forward re-check.
 */
package org.nnmip.nnverify.resilience;
