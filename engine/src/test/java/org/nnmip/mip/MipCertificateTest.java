package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leaf certificates: recorded by searches that prove a threshold or infeasibility, accepted by the exact checker,
 * and rejected (with the reason) once a leaf is dropped, a multiplier is damaged or the claim is too strong.
 */
class MipCertificateTest {
    private static final MipParameters RECORD = MipParameters.defaults().withThreads(1).withSafeBounds(true)
            .withPropagation(false);

    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    @Test
    void thresholdAndInfeasibilityProofsAreValidAndTamperingIsCaught() {
        Random r = new Random(31337L);
        int thresholdProofs = 0;
        int infeasibleProofs = 0;
        int multiLeaf = 0;
        for (int t = 0; t < 45; t++) {
            RandomMipTest.Generated g = switch (t % 3) {
                case 0 -> RandomMipTest.relu(r);
                case 1 -> RandomMipTest.knapsack(r);
                default -> RandomMipTest.generalInteger(r, false);
            };
            double expected = RandomMipTest.scip(g.instance());
            double sign = new MipData(g.instance()).sign;
            MipParameters params = t % 5 == 4 ? RECORD.withThreads(2).withDeterministic(true) : RECORD;
            if (Double.isNaN(expected)) {
                MipCertificate cert = new MipCertificate(g.instance());
                MipResult res = new MipSolver().recordLeafProofs(cert).solve(g.instance(), params);
                assertEquals(MipStatus.INFEASIBLE, res.status(), g.kind() + " #" + t);
                MipCertificateChecker.Report rep = MipCertificateChecker.check(g.instance(), cert, Double.NaN);
                assertTrue(rep.valid(), g.kind() + " #" + t + ": " + rep);
                infeasibleProofs++;
                continue;
            }
            // A threshold just better than the optimum: nothing beats it, and the search must prove that.
            double threshold = expected - sign * 0.05 * Math.max(1, Math.abs(expected));
            MipCertificate cert = new MipCertificate(g.instance());
            MipResult res = new MipSolver().recordLeafProofs(cert)
                    .solve(g.instance(), params.withObjectiveThreshold(threshold));
            assertEquals(MipStatus.THRESHOLD_REACHED, res.status(), g.kind() + " #" + t);
            MipCertificateChecker.Report rep = MipCertificateChecker.check(g.instance(), cert, threshold);
            assertTrue(rep.valid(), g.kind() + " #" + t + ": " + rep);
            thresholdProofs++;

            // A stronger claim than the optimum allows must fail.
            double tooStrong = expected + sign * 0.05 * Math.max(1, Math.abs(expected));
            assertFalse(MipCertificateChecker.check(g.instance(), cert, tooStrong).valid(), "#" + t);

            List<MipCertificate.Leaf> leaves = cert.leaves();
            if (leaves.size() >= 2) {
                multiLeaf++;
                List<MipCertificate.Leaf> fewer = new ArrayList<>(leaves.subList(1, leaves.size()));
                MipCertificateChecker.Report missing = MipCertificateChecker.check(g.instance(),
                        new MipCertificate(g.instance(), fewer), threshold);
                assertFalse(missing.valid(), "#" + t);
                assertTrue(missing.problem().startsWith("no leaf covers"), missing.problem());
            }
            MipCertificate.Leaf first = leaves.get(0);
            if (first.kind() == LeafProofListener.Kind.BOUND) {
                double[] y = first.multipliers().clone();
                for (int i = 0; i < y.length; i++) y[i] = -y[i] - 1;
                List<MipCertificate.Leaf> damaged = new ArrayList<>(leaves);
                damaged.set(0, new MipCertificate.Leaf(first.kind(), first.columns(), first.lower(), first.upper(), y));
                assertFalse(MipCertificateChecker.check(g.instance(), new MipCertificate(g.instance(), damaged),
                        threshold).valid(), "#" + t);
            }
        }
        assertTrue(thresholdProofs >= 15 && infeasibleProofs >= 1 && multiLeaf >= 5,
                thresholdProofs + " / " + infeasibleProofs + " / " + multiLeaf);
    }

    @Test
    void recordingNeedsSafeBoundsWithoutPropagation() {
        MipInstance inst = MipSolverTest.knapsack();
        MipCertificate cert = new MipCertificate(inst);
        assertThrows(IllegalArgumentException.class, () -> new MipSolver().recordLeafProofs(cert)
                .solve(inst, MipParameters.defaults().withSafeBounds(true)));
        assertThrows(IllegalArgumentException.class, () -> new MipSolver().recordLeafProofs(cert)
                .solve(inst, MipParameters.defaults().withPropagation(false)));
    }
}
