package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * {@link MipParameters#safeBounds()}: the same answers as SCIP and as the plain search on random MIPs and in
 * verification mode, and a node whose LP objective would prune it but whose rigorous bound cannot is kept.
 */
class SafeBoundsTest {
    private static final MipParameters SAFE = MipParameters.defaults().withThreads(1).withRelativeGap(1e-9)
            .withSafeBounds(true);

    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    @Test
    void agreesWithScipOnRandomInstances() {
        Random r = new Random(20261201L);
        int trouble = 0;
        for (int t = 0; t < 80; t++) {
            RandomMipTest.Generated g = switch (t % 4) {
                case 0 -> RandomMipTest.knapsack(r);
                case 1 -> RandomMipTest.setCover(r);
                case 2 -> RandomMipTest.generalInteger(r, false);
                default -> RandomMipTest.relu(r);
            };
            double expected = RandomMipTest.scip(g.instance());
            MipParameters p = t % 8 == 7 ? SAFE.withThreads(2).withDeterministic(true) : SAFE;
            MipResult res = new MipSolver().solve(g.instance(), p);
            if (res.status() == MipStatus.NUMERICAL_TROUBLE) {
                // allowed (a bound that cannot be certified), never a wrong answer: the bound stays valid
                trouble++;
                double sign = new MipData(g.instance()).sign;
                if (!Double.isNaN(expected)) assertTrue(sign * res.bestBound() <= sign * expected + 1e-6, g.kind());
                continue;
            }
            RandomMipTest.check(g, res, expected, "safe " + g.kind() + " #" + t);
        }
        assertTrue(trouble <= 4, "too many uncertified answers: " + trouble);
    }

    @Test
    void verificationAnswersAreUnchanged() throws Exception {
        Random r = new Random(424242L);
        int thresholdReached = 0;
        int solutionLimit = 0;
        for (int t = 0; t < 40; t++) {
            RandomMipTest.Generated g = t % 2 == 0 ? RandomMipTest.relu(r) : RandomMipTest.knapsack(r);
            MipResult exact = new MipSolver().solve(g.instance(), MipParameters.defaults().withThreads(1)
                    .withRelativeGap(1e-9));
            if (exact.status() != MipStatus.OPTIMAL) continue;
            double opt = exact.objective();
            double sign = new MipData(g.instance()).sign;
            for (double off : new double[] {-0.5, 0.5}) {
                double threshold = opt + sign * off * Math.max(1, Math.abs(opt)) * 0.01;
                MipParameters base = MipParameters.defaults().withThreads(1).withObjectiveThreshold(threshold);
                MipResult plain = new MipSolver().solve(g.instance(), base);
                MipResult safe = new MipSolver().solve(g.instance(), base.withSafeBounds(true));
                assertEquals(plain.status(), safe.status(), g.kind() + " #" + t + " threshold " + threshold);
                if (safe.status() == MipStatus.THRESHOLD_REACHED) {
                    thresholdReached++;
                    assertTrue(sign * safe.bestBound() > sign * threshold);
                    // opt comes from a point feasible within 1e-6, so it is only that accurate
                    assertTrue(sign * safe.bestBound() <= sign * opt + 1e-6 * Math.max(1, Math.abs(opt)));
                } else {
                    assertEquals(MipStatus.SOLUTION_LIMIT, safe.status());
                    solutionLimit++;
                }
            }
        }
        for (double threshold : new double[] {10, 15.5, 25}) {
            MipParameters base = MipSolverTest.ONE.withObjectiveThreshold(threshold);
            MipResult plain = new MipSolver().solve(MipSolverTest.stein27(), base);
            MipResult safe = new MipSolver().solve(MipSolverTest.stein27(), base.withSafeBounds(true));
            assertEquals(plain.status(), safe.status(), "stein27 threshold " + threshold);
        }
        assertTrue(thresholdReached > 8 && solutionLimit > 8, thresholdReached + " / " + solutionLimit);
    }

    @Test
    void aNodeTheLpObjectiveWouldPruneButTheRigorousBoundCannotIsKept() {
        // max t s.t. 0.1 t - a <= 0, t free, a binary (min form: min -t). The LP optimum is t = 10 with dual
        // y = -10, but 0.1 is not exactly 1/10: the reduced cost of the free column t is -1 + 10 * 0.1 = 5.6e-17
        // in exact arithmetic, so the duals prove no bound at all.
        LpProblem p = new LpProblem();
        int t = p.addColumn("t", -1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        int a = p.addColumn("a", 0, 0, 1);
        p.addRow("r", new int[] {t, a}, new double[] {0.1, -1}, Double.NEGATIVE_INFINITY, 0);
        LpSolver lp = new LpSolver(p);
        assertEquals(LpStatus.OPTIMAL, lp.solve());
        assertEquals(-10, lp.objectiveValue(), 1e-12);
        MipInstance inst = MipInstance.of(p, new boolean[] {false, true});
        SafeNodeBound b = new SafeNodeBound(p, new MipData(inst));
        double bound = b.bound(new double[] {Double.NEGATIVE_INFINITY, 0}, new double[] {Double.POSITIVE_INFINITY, 1},
                lp.result().rowDuals());
        assertEquals(Double.NEGATIVE_INFINITY, bound);

        // Verification with threshold -11: the LP objective -10 > -11 prunes the root on faith. (Propagation off:
        // it would derive t <= 10 from the row, and that finite bound makes the same duals a proof.)
        MipParameters base = MipParameters.defaults().withThreads(1).withObjectiveThreshold(-11)
                .withPropagation(false);
        MipResult plain = new MipSolver().solve(inst, base);
        assertEquals(MipStatus.THRESHOLD_REACHED, plain.status());
        MipResult safe = new MipSolver().solve(inst, base.withSafeBounds(true));
        assertNotEquals(MipStatus.THRESHOLD_REACHED, safe.status(), safe.toString());
        assertNotEquals(MipStatus.INFEASIBLE, safe.status(), safe.toString());
        assertTrue(safe.bestBound() <= -10 + 1e-9, safe.toString());

        // With a finite lower bound on t the same duals do prove the bound, and the answer is certified.
        p.setColumnBounds(t, -100, Double.POSITIVE_INFINITY);
        MipResult bounded = new MipSolver().solve(MipInstance.of(p, new boolean[] {false, true}),
                base.withSafeBounds(true));
        assertEquals(MipStatus.THRESHOLD_REACHED, bounded.status(), bounded.toString());
    }
}
