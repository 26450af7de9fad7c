/**
 * Local Lipschitz constants of ReLU networks (Jordan & Dimakis 2020, "Exactly computing the local Lipschitz
 * constant of ReLU networks"): for a scalar output {@code c'f} ({@link org.nnmip.nnverify.lipschitz.OutputFunctional}),
 * an input set X ({@link org.nnmip.nnverify.lipschitz.InputDomain}: box or l1 ball) and an input norm
 * ({@link org.nnmip.nnverify.lipschitz.InputNorm}), {@code L = sup_{x in X} ||grad c'f(x)||_*}.
 *
 * <ul>
 * <li>{@link org.nnmip.nnverify.lipschitz.LipMip}: exact, a MIP over the forward pass (big-M), the backward pass
 * (switch encoding of App. D) and the dual norm; early stops keep a proven upper bound.</li>
 * <li>{@link org.nnmip.nnverify.lipschitz.LipLp}: its LP relaxation (upper bound).</li>
 * <li>{@link org.nnmip.nnverify.lipschitz.FastLip}, {@link org.nnmip.nnverify.lipschitz.NaiveBound}: upper bounds;
 * {@link org.nnmip.nnverify.lipschitz.RandomLowerBound}: lower bound; {@link org.nnmip.nnverify.lipschitz.Clever},
 * {@link org.nnmip.nnverify.lipschitz.SeqLip}: heuristics.</li>
 * <li>Vector outputs ({@link org.nnmip.nnverify.lipschitz.VectorLipschitzProblem}): a linear output norm
 * ({@link org.nnmip.nnverify.lipschitz.OutputNorm}: l1, l-infinity, cross-Lipschitz {@code x(i)}) turns
 * {@code sup_x ||J(x)||_{alpha->beta}} into a maximum over the dual ball's vertices {@code u} of the scalar problems
 * for {@code u'f}; LipMIP picks the vertex with selector binaries in one program, the estimators take the maximum
 * over vertices (RandomLB, CLEVER and SeqLip use {@code ||J||_{alpha->beta}} directly).</li>
 * <li>{@link org.nnmip.nnverify.lipschitz.BackwardEncoding}: the backward switch with the gradient's interval
 * (convex hull, default) or with the App. D.2 bounds widened to contain 0.</li>
 * <li>{@link org.nnmip.nnverify.lipschitz.RobustnessCertificate}: certified radius {@code min_j margin_j / L_j}
 * (Lemma 9).</li>
 * </ul>
 *
 * <p><b>relu'(0).</b> LipMIP takes the set-valued view: where a pre-activation can be exactly 0 its indicator may be
 * 0 or 1, so the optimum is the supremum over the general Jacobian. It is an upper bound on the Lipschitz constant
 * always and equal to it for networks in general position (Sec. 5). The gradient-at-a-point helpers
 * ({@link org.nnmip.nnverify.lipschitz.ReluChain#gradient(double[], double[])}) use relu'(0) = 0, one element of
 * that set, so their norms are lower bounds.
 */
package org.nnmip.nnverify.lipschitz;
