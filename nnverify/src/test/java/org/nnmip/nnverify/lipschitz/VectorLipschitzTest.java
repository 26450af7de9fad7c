package org.nnmip.nnverify.lipschitz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.net.Network;

/** Vector-valued networks: {@code L^(alpha,beta) = sup_x ||J(x)||_{alpha->beta}} for l1, l-infinity and cross:i outputs. */
class VectorLipschitzTest {

    private static final List<OutputNorm> NORMS = List.of(OutputNorm.l1(), OutputNorm.linf(), OutputNorm.cross(0), OutputNorm.cross(1));

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
    }

    /**
     * {@code ||J||_{alpha->beta}} from its definition, independently of {@link OutputNorm}: l1 outputs with l-infinity
     * inputs by brute force over all {@code 2^m} sign vectors ({@code ||J||_{inf->1} = max_s ||J's||_1}, no symmetry
     * used), the other pairs by the textbook formulas (max column sum, max row sum, max entry), cross:i as the
     * largest dual norm of a row difference.
     */
    static double referenceNorm(double[][] jac, OutputNorm beta, InputNorm alpha) {
        int m = jac.length;
        int n = jac[0].length;
        double best = 0;
        switch (beta.kind()) {
            case L1 -> {
                if (alpha == InputNorm.LINF) {
                    for (int mask = 0; mask < 1 << m; mask++) {
                        double total = 0;
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int i = 0; i < m; i++) s += ((mask >> i & 1) == 1 ? -1 : 1) * jac[i][j];
                            total += Math.abs(s);
                        }
                        best = Math.max(best, total);
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        double col = 0;
                        for (double[] row : jac) col += Math.abs(row[j]);
                        best = Math.max(best, col);
                    }
                }
            }
            case LINF -> {
                for (double[] row : jac) {
                    double v = 0;
                    for (double x : row) v = alpha == InputNorm.LINF ? v + Math.abs(x) : Math.max(v, Math.abs(x));
                    best = Math.max(best, v);
                }
            }
            case CROSS -> {
                int t = beta.target();
                for (int i = 0; i < m; i++) {
                    if (i == t) continue;
                    double v = 0;
                    for (int j = 0; j < n; j++) {
                        double d = Math.abs(jac[t][j] - jac[i][j]);
                        v = alpha == InputNorm.LINF ? v + d : Math.max(v, d);
                    }
                    best = Math.max(best, v);
                }
            }
        }
        return best;
    }

    /** The Jacobians of the activation regions with interior inside the domain (LP-checked enumeration). */
    private static List<double[][]> regionJacobians(Network net, InputDomain dom, InputNorm alpha) {
        double[] center = dom instanceof InputDomain.L1Ball b ? b.center() : null;
        double radius = dom instanceof InputDomain.L1Ball b ? b.radius() : 0;
        RegionEnumeration ref = new RegionEnumeration(net, dom.boundingBox().lower(), dom.boundingBox().upper(), center, radius,
                new double[net.outputSize()], alpha);
        ref.exactLipschitz();
        assertTrue(ref.regionJacobians.size() > 1, "expected several regions");
        return ref.regionJacobians;
    }

    /** The exact constant: the largest reference norm over the regions' Jacobians. */
    private static double exact(List<double[][]> regions, OutputNorm beta, InputNorm alpha) {
        double best = 0;
        for (double[][] jac : regions) best = Math.max(best, referenceNorm(jac, beta, alpha));
        return best;
    }

    private static InputDomain domain(Random rnd, int n, boolean l1) {
        double[] center = new double[n];
        for (int i = 0; i < n; i++) center[i] = rnd.nextGaussian() * 0.5;
        return l1 ? InputDomain.l1Ball(center, 0.9) : InputDomain.linfBall(center, 0.7);
    }

    /** OutputNorm's vertex maximum agrees with the definitions on random matrices. */
    @Test
    void operatorNormMatchesTheDefinitions() {
        Random rnd = new Random(2);
        for (int t = 0; t < 200; t++) {
            int m = 2 + rnd.nextInt(4), n = 1 + rnd.nextInt(4);
            double[][] jac = new double[m][n];
            for (double[] row : jac) for (int j = 0; j < n; j++) row[j] = rnd.nextGaussian();
            for (OutputNorm beta : NORMS) {
                for (InputNorm alpha : InputNorm.values()) {
                    assertClose(referenceNorm(jac, beta, alpha), beta.operatorNorm(jac, alpha), beta + " " + alpha);
                }
            }
            // ||J v||_beta <= ||J||_{alpha->beta} ||v||_alpha at random v, with equality approached by the maximiser.
            double[] v = new double[n];
            for (int j = 0; j < n; j++) v[j] = rnd.nextGaussian();
            double[] y = new double[m];
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) y[i] += jac[i][j] * v[j];
            double vInf = 0;
            for (double x : v) vInf = Math.max(vInf, Math.abs(x));
            assertTrue(OutputNorm.l1().norm(y) <= OutputNorm.l1().operatorNorm(jac, InputNorm.LINF) * vInf + 1e-9);
        }
    }

    /**
     * The vector LipMIP program (solved by SCIP, independent of our branch-and-bound) equals the region
     * enumeration for every output norm (l1 inputs on a box, l-infinity inputs on an l1 ball; SCIP needs seconds per
     * model, so the other combinations are left to the end-to-end test).
     */
    @Test
    void encodingMatchesTheRegionEnumeration() {
        Random rnd = new Random(31);
        int[][] shapes = {{2, 4, 4, 3}, {3, 4, 4, 2}};
        for (int t = 0; t < shapes.length; t++) {
            Network net = RandomNetworks.dense(rnd, shapes[t]);
            InputNorm alpha = InputNorm.values()[1 - t];
            InputDomain dom = domain(rnd, shapes[t][0], t == 1);
            List<double[][]> regions = regionJacobians(net, dom, alpha);
            for (OutputNorm beta : NORMS) {
                VectorLipschitzProblem p = new VectorLipschitzProblem(net, beta, dom, alpha);
                String what = "shape " + t + " " + alpha + "->" + beta + " " + dom.getClass().getSimpleName();
                LipMipEncoding enc = LipMipEncoding.build(p.chain(), p.activationBounds(), p.gradientBounds(), p.domain(),
                        p.norm(), p::selector, BackwardEncoding.SWITCH);
                assertClose(exact(regions, beta, alpha), ScipReference.optimum(enc.model), what);
            }
        }
    }

    /** End to end with our branch-and-bound: optimal, equal to the region enumeration, arg max in the domain. */
    @Test
    void solverMatchesTheRegionEnumeration() {
        Random rnd = new Random(41);
        int[][] shapes = {{2, 5, 4, 2}, {2, 4, 4, 3}, {3, 4, 4, 3}};
        for (int t = 0; t < shapes.length; t++) {
            Network net = RandomNetworks.dense(rnd, shapes[t]);
            InputNorm alpha = InputNorm.values()[t % 2];
            InputDomain dom = domain(rnd, shapes[t][0], t == 2);
            List<double[][]> regions = regionJacobians(net, dom, alpha);
            for (OutputNorm beta : List.of(OutputNorm.l1(), OutputNorm.linf(), OutputNorm.cross(1))) {
                String what = "shape " + t + " " + alpha + "->" + beta;
                LipschitzResult r = LipMip.solve(new VectorLipschitzProblem(net, beta, dom, alpha));
                assertEquals("optimal", r.status(), what);
                assertClose(exact(regions, beta, alpha), r.value(), what);
                assertTrue(dom.contains(r.point().orElseThrow(), 1e-7), what);
                assertClose(r.lower(), alpha.dualNorm(r.gradient().orElseThrow()), what);
            }
        }
    }

    /** l-infinity outputs are the largest row's scalar constant; cross:i the largest logit-difference constant. */
    @Test
    void rowAndMarginDecompositionsMatchScalarLipMip() {
        Random rnd = new Random(51);
        for (int t = 0; t < 3; t++) {
            Network net = RandomNetworks.dense(rnd, 2 + t % 2, 5, 4, 3);
            InputNorm alpha = InputNorm.values()[t % 2];
            InputDomain dom = domain(rnd, net.inputSize(), false);
            double rows = 0;
            double margins = 0;
            for (int i = 0; i < 3; i++) {
                rows = Math.max(rows, LipMip.solve(new LipschitzProblem(net, OutputFunctional.index(i, 3), dom, alpha)).value());
                if (i != 2) margins = Math.max(margins, LipMip.solve(new LipschitzProblem(net, OutputFunctional.logitDifference(2, i, 3), dom, alpha)).value());
            }
            assertClose(rows, LipMip.solve(new VectorLipschitzProblem(net, OutputNorm.linf(), dom, alpha)).value(), "linf rows, net " + t);
            assertClose(margins, LipMip.solve(new VectorLipschitzProblem(net, OutputNorm.cross(2), dom, alpha)).value(), "cross:2, net " + t);
        }
    }

    /** RandomLB <= LipMIP <= LipLP <= FastLip <= NaiveUB for every output norm; early stops keep valid bounds. */
    @Test
    void boundsAreOrderedAndEarlyStopsAreValid() {
        Random rnd = new Random(61);
        int solved = 0, cases = 0;
        for (int t = 0; t < 6; t++) {
            int in = 2 + rnd.nextInt(2), outs = 2 + rnd.nextInt(2);
            Network net = RandomNetworks.dense(rnd, in, 4 + rnd.nextInt(3), 4 + rnd.nextInt(3), outs);
            InputNorm alpha = InputNorm.values()[t % 2];
            InputDomain dom = domain(rnd, in, t % 3 == 0);
            for (OutputNorm beta : List.of(OutputNorm.l1(), OutputNorm.linf(), OutputNorm.cross(outs - 1))) {
                VectorLipschitzProblem p = new VectorLipschitzProblem(net, beta, dom, alpha);
                double rlb = RandomLowerBound.compute(p, 300, t).value();
                LipschitzResult mip = LipMip.solve(p);
                LipschitzResult lp = LipLp.solve(p);
                double fast = FastLip.compute(p).value();
                double naive = NaiveBound.compute(p).value();
                String what = "net " + t + " " + alpha + "->" + beta + ": randomlb " + rlb + " lipmip [" + mip.lower() + ", "
                        + mip.upper() + "] " + mip.status() + " liplp " + lp.upper() + " fastlip " + fast + " naive " + naive;
                double tol = 1e-7 * Math.max(1, naive);
                assertTrue(rlb <= mip.lower() + tol, what);
                assertTrue(mip.lower() <= mip.upper() + tol, what);
                assertTrue(mip.upper() <= lp.upper() + tol, what);
                assertTrue(lp.upper() <= fast + tol, what);
                assertTrue(fast <= naive + tol, what);
                cases++;
                if (!mip.isOptimal()) continue;
                solved++;
                double exact = mip.value();
                MipParameters base = LipMip.defaultParameters();
                for (MipParameters params : List.of(base.withRelativeGap(0.5), base.withNodeLimit(1), base.withNodeLimit(4))) {
                    LipschitzResult r = LipMip.solve(p, params, BackwardEncoding.SWITCH);
                    assertTrue(r.upper() >= exact - 1e-6 * Math.max(1, exact), what + " early " + r);
                    assertTrue(r.lower() <= exact + 1e-6 * Math.max(1, exact), what + " early " + r);
                }
                double seq = SeqLip.compute(p).value();
                double clever = Clever.compute(p, 10, 20, t).value();
                assertTrue(seq >= 0 && seq <= naive + tol && clever >= 0, what + " seqlip " + seq + " clever " + clever);
            }
        }
        assertEquals(18, cases);
        assertTrue(solved >= 15, "solved only " + solved + " of " + cases);
    }

    /**
     * The D.2 bounds (widened to contain 0) give the same MIP optimum as the interval switch; the interval switch is the
     * convex hull of the product, so its relaxation is at least as tight.
     */
    @Test
    void d2EncodingHasTheSameOptimumAndANoTighterRelaxation() {
        Random rnd = new Random(71);
        for (int t = 0; t < 4; t++) {
            Network net = RandomNetworks.dense(rnd, 2 + t % 2, 4, 4, 2);
            InputNorm alpha = InputNorm.values()[t % 2];
            InputDomain dom = domain(rnd, net.inputSize(), false);
            LipschitzProblem scalar = new LipschitzProblem(net, OutputFunctional.logitDifference(0, 1, 2), dom, alpha);
            LipschitzResult sw = LipMip.solve(scalar, LipMip.defaultParameters(), BackwardEncoding.SWITCH);
            LipschitzResult d2 = LipMip.solve(scalar, LipMip.defaultParameters(), BackwardEncoding.D2);
            assertEquals("optimal", sw.status());
            assertClose(sw.value(), d2.value(), "scalar net " + t);
            double lpSwitch = rawRelaxation(LipMipEncoding.build(scalar, BackwardEncoding.SWITCH));
            double lpD2 = rawRelaxation(LipMipEncoding.build(scalar, BackwardEncoding.D2));
            assertTrue(lpSwitch <= lpD2 + 1e-7 * Math.max(1, lpD2), "net " + t + ": switch LP " + lpSwitch + " > d2 LP " + lpD2);
            VectorLipschitzProblem vec = new VectorLipschitzProblem(net, OutputNorm.l1(), dom, alpha);
            assertClose(LipMip.solve(vec, LipMip.defaultParameters(), BackwardEncoding.SWITCH).value(),
                    LipMip.solve(vec, LipMip.defaultParameters(), BackwardEncoding.D2).value(), "vector net " + t);
        }
    }

    private static double rawRelaxation(LipMipEncoding enc) {
        org.nnmip.lp.LpSolver lp = new org.nnmip.lp.LpSolver(enc.model.toLpProblem(), org.nnmip.lp.LpParameters.defaults());
        assertEquals(org.nnmip.lp.LpStatus.OPTIMAL, lp.solve());
        return lp.objectiveValue();
    }

    @Test
    void parsesAndRejectsBadNorms() {
        assertEquals(OutputNorm.cross(3), OutputNorm.parse("cross:3"));
        assertEquals(OutputNorm.l1(), OutputNorm.parse("L1"));
        assertEquals(OutputNorm.linf(), OutputNorm.parse("linf"));
        assertEquals(4, OutputNorm.l1().vertices(3).size());
        assertEquals(3, OutputNorm.linf().vertices(3).size());
        assertEquals(2, OutputNorm.cross(0).vertices(3).size());
        assertThrows(IllegalArgumentException.class, () -> OutputNorm.parse("l2"));
        assertThrows(IllegalArgumentException.class, () -> OutputNorm.parse("cross:x"));
        assertThrows(IllegalArgumentException.class, () -> OutputNorm.parse("cross:-1"));
        Network net = RandomNetworks.dense(new Random(1), 2, 3, 2);
        InputDomain dom = InputDomain.linfBall(new double[] {0, 0}, 1);
        assertThrows(IllegalArgumentException.class, () -> new VectorLipschitzProblem(net, OutputNorm.cross(2), dom, InputNorm.LINF));
        Network wide = RandomNetworks.dense(new Random(1), 2, 3, OutputNorm.MAX_L1_OUTPUTS + 1);
        assertThrows(IllegalArgumentException.class, () -> new VectorLipschitzProblem(wide, OutputNorm.l1(), dom, InputNorm.LINF));
    }
}
