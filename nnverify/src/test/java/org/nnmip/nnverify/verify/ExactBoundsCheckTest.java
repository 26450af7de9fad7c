package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.NastyNetworks;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.ExactArithmetic;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputCondition;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibParser;

/**
 * The exact-arithmetic check of bound claims: it accepts everything the (rigorous) floating-point bound code
 * claims, on nasty random networks and ACAS Xu, and rejects, naming layer and neuron, every claim that is off, down
 * to one ulp past the exact value of a sampled input.
 */
class ExactBoundsCheckTest {

    private static double[][][] claims(NetworkBounds b) {
        int n = b.network().layerCount();
        double[][][] c = new double[2][n][];
        for (int k = 0; k < n; k++) {
            c[0][k] = b.lower(k);
            c[1][k] = b.upper(k);
        }
        return c;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    /** Claims the exact value at {@code x} of one random neuron is excluded by one ulp: false, so it must be rejected. */
    private static void assertLieRejected(Network net, Box box, double[][][] c, Random rnd, String what) {
        double[] x = NastyNetworks.point(rnd, box);
        BigDecimal[][] v = ExactArithmetic.evaluate(net, x);
        int k = rnd.nextInt(net.layerCount());
        int i = rnd.nextInt(v[k].length);
        double[][] lo = copy(c[0]);
        double[][] up = copy(c[1]);
        double d = v[k][i].doubleValue();
        boolean lower = rnd.nextBoolean();
        if (lower) {
            double lie = ExactArithmetic.exact(d).compareTo(v[k][i]) > 0 ? d : Math.nextUp(d); // just above the exact value
            lo[k][i] = lie;
            up[k][i] = Math.max(up[k][i], lie);
        } else {
            double lie = ExactArithmetic.exact(d).compareTo(v[k][i]) < 0 ? d : Math.nextDown(d);
            up[k][i] = lie;
            lo[k][i] = Math.min(lo[k][i], lie);
        }
        String why = ExactBoundsCheck.checkClaims(net, box, lo, up);
        assertNotNull(why, what + ": a false " + (lower ? "lower" : "upper") + " bound on layer " + k + " neuron " + i + " was accepted");
        assertTrue(why.contains("does not follow"), why);
        // the first rejected claim is at or before the tampered layer (later claims may rest on the lie)
        int at = Integer.parseInt(why.substring("layer ".length(), why.indexOf(' ', "layer ".length())));
        assertTrue(at <= k, why + " (tampered layer " + k + ")");
    }

    @Test
    void floatingPointClaimsAreProvenAndLiesRejected() {
        Random rnd = new Random(31337);
        for (int t = 0; t < 60; t++) {
            Network base = t % 2 == 0 ? RandomNetworks.mixed(rnd, 1 + rnd.nextInt(5), 1 + rnd.nextInt(4), 10)
                    : RandomNetworks.dense(rnd, 1 + rnd.nextInt(6), 2 + rnd.nextInt(12), 2 + rnd.nextInt(12), 1 + rnd.nextInt(4));
            Network net = t % 3 == 0 ? base : NastyNetworks.scaled(rnd, base);
            double[] centre = new double[net.inputSize()];
            for (int i = 0; i < centre.length; i++) centre[i] = rnd.nextGaussian();
            Box box = NastyNetworks.around(centre, t % 4 == 0 ? 1e-9 : 0.4);
            net = NastyNetworks.cancelling(rnd, net, NastyNetworks.point(rnd, box));
            for (NetworkBounds b : new NetworkBounds[] {IntervalBounds.compute(net, box), SymbolicBounds.compute(net, box)}) {
                double[][][] c = claims(b);
                assertNull(ExactBoundsCheck.checkClaims(net, box, c[0], c[1]), "net " + t);
                assertLieRejected(net, box, c, rnd, "net " + t);
            }
        }
    }

    @Test
    void acasXuSymbolicClaimsAreProvenAndLiesRejected() throws Exception {
        Random rnd = new Random(8);
        Box domain = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib")).inputBoxes().get(0);
        Network net = NetworkFiles.read(TestData.acasNnet("1_1"));
        double[][][] c = claims(SymbolicBounds.compute(net, domain));
        assertNull(ExactBoundsCheck.checkClaims(net, domain, c[0], c[1]));
        for (int t = 0; t < 2; t++) assertLieRejected(net, domain, c, rnd, "ACAS Xu 1_1");
    }

    /** A property "y_j <= rhs" with rhs below the proven lower bound of y_j: unsat, and the bounds alone show it. */
    private static Property boundsUnsatProperty(Network net, Box box, Random rnd) {
        NetworkBounds b = SymbolicBounds.compute(net, box);
        int m = net.outputSize();
        List<List<OutputConstraint>> disjuncts = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            int j = rnd.nextInt(m);
            double[] c = new double[m];
            c[j] = 1;
            double lo = b.lower(net.layerCount() - 1, j);
            List<OutputConstraint> conj = new ArrayList<>();
            conj.add(new OutputConstraint(c, lo - 0.01 * (1 + Math.abs(lo))));
            double[] other = new double[m];
            other[rnd.nextInt(m)] = -1;
            conj.add(new OutputConstraint(other, 1e9)); // always true: the proof must pick the right constraint
            disjuncts.add(conj);
        }
        return new Property(net.inputSize(), m, List.of(box), new OutputCondition(m, disjuncts));
    }

    @Test
    void boundsProofsAreWrittenReadAndCheckedAndTamperingIsCaught(@TempDir Path dir) throws Exception {
        Random rnd = new Random(99);
        Box domain = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib")).inputBoxes().get(0);
        Network acas = NetworkFiles.read(TestData.acasNnet("3_3"));
        Network small = NastyNetworks.scaled(rnd, RandomNetworks.mixed(rnd, 3, 3, 8));
        Box smallBox = NastyNetworks.around(new double[] {0.5, -1, 2}, 0.3);
        for (Object[] c : new Object[][] {{acas, domain}, {small, smallBox}}) {
            Network net = (Network) c[0];
            Property p = boundsUnsatProperty(net, (Box) c[1], rnd);
            UnsatCertificate cert = UnsatCertificate.prove(net, p, 30);
            assertTrue(cert.parts().stream().allMatch(q -> q.byBounds() && q.bounds() != null));
            assertNull(UnsatCertificate.check(net, p, cert));
            Path file = dir.resolve("cert.json");
            Files.writeString(file, cert.toJson());
            UnsatCertificate back = UnsatCertificate.read(file);
            assertNull(UnsatCertificate.check(net, p, back));

            UnsatCertificate.Part q = back.parts().get(0);
            UnsatCertificate.BoundsClaim claim = q.bounds();
            int n = claim.lower().length;
            // the always-true constraint as the positive one: its claimed lower bound is negative
            UnsatCertificate.BoundsClaim wrongConstraint = new UnsatCertificate.BoundsClaim(1 - claim.constraint(), claim.lower(), claim.upper());
            String why = UnsatCertificate.check(net, p, replace(back, q, wrongConstraint));
            assertNotNull(why);
            assertTrue(why.contains("input box 0, conjunct 0") && why.contains("not positive"), why);
            // a final claim raised far above what holds
            double[][] lo = copy(claim.lower());
            lo[n - 1][claim.constraint()] = 1e6 * (1 + Math.abs(lo[n - 1][claim.constraint()]));
            why = UnsatCertificate.check(net, p, replace(back, q, new UnsatCertificate.BoundsClaim(claim.constraint(), lo, claim.upper())));
            assertNotNull(why);
            assertTrue(why.contains("layer " + (n - 1)) && why.contains("neuron " + claim.constraint()) && why.contains("does not follow"), why);
            // an intermediate upper bound lowered below a value the network takes
            double[][] up = copy(claim.upper());
            double[] x = NastyNetworks.point(rnd, (Box) c[1]);
            double[] y0 = net.evaluate(x).layerOutput(0);
            up[0][0] = Math.nextDown(Math.nextDown(y0[0]) - 1e-9 * Math.abs(y0[0]));
            why = UnsatCertificate.check(net, p, replace(back, q, new UnsatCertificate.BoundsClaim(claim.constraint(), claim.lower(), up)));
            assertNotNull(why);
            assertTrue(why.contains("layer 0") && why.contains("neuron 0") && why.contains("upper bound"), why);
            // no claims at all (an old-style certificate)
            why = UnsatCertificate.check(net, p, replace(back, q, null));
            assertNotNull(why);
            assertTrue(why.contains("carries no bound claims"), why);
        }
        // read: a malformed claim is named
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"nnmip-unsat-certificate-1\",\"subproblems\":[{\"box\":0,\"conjunct\":0,"
                + "\"proof\":\"bounds\",\"leaves\":[],\"constraint\":0,\"lower\":[[0]],\"upper\":[[\"x\"]]}]}");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> UnsatCertificate.read(bad));
        assertTrue(e.getMessage().contains("subproblems[0].upper[0][0]"), e.getMessage());
    }

    private static UnsatCertificate replace(UnsatCertificate cert, UnsatCertificate.Part old, UnsatCertificate.BoundsClaim claim) {
        List<UnsatCertificate.Part> parts = new ArrayList<>(cert.parts());
        parts.set(parts.indexOf(old), new UnsatCertificate.Part(old.box(), old.conjunct(), true, List.of(), claim));
        return new UnsatCertificate(parts);
    }
}
