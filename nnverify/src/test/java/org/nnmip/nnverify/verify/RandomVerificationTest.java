package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputCondition;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;

/**
 * Random small networks (dense, and mixed with max-pooling and residual adds), random boxes and random linear output
 * properties: the verdict of both strategies against brute-force sampling (a sampled violation forces sat) and
 * against an independent big-M encoding solved by OR-Tools SCIP (sat iff its maximal margin is >= 0).
 */
class RandomVerificationTest {
    private static final int CASES = 30;

    @Test
    void verdictsAgreeWithSamplingAndScip() {
        int sat = 0;
        int unsat = 0;
        int ambiguous = 0;
        int mipSat = 0;
        List<String> disagreements = new ArrayList<>();
        for (int seed = 0; seed < CASES; seed++) {
            Random rnd = new Random(1000 + seed);
            Network net = seed % 2 == 0 ? RandomNetworks.dense(rnd, 3, 8, 8, 3) : RandomNetworks.mixed(rnd, 3, 2, 7);
            Property p = randomProperty(rnd, net);
            double scip = Double.NEGATIVE_INFINITY;
            for (Box box : p.inputBoxes()) {
                for (List<OutputConstraint> conj : p.outputCondition().disjuncts()) {
                    scip = Math.max(scip, ReferenceBigM.maxMargin(net, box, conj));
                }
            }
            assertTrue(!Double.isNaN(scip), "seed " + seed + ": SCIP did not solve the reference");
            boolean sampledViolation = sampledViolation(net, p, new Random(seed), 3000);
            // The MIP alone (no sampling phase) must find counterexamples through its heuristic and search.
            VerificationOptions base = VerificationOptions.defaults().withTimeLimitSeconds(20);
            VerificationOptions[] runs = {base.withStrategy(Strategy.MIP), base.withStrategy(Strategy.SPLIT),
                base.withStrategy(Strategy.MIP).withFalsifierSeconds(0)};
            for (VerificationOptions o : runs) {
                String s = o.strategy() + (o.falsifierSeconds() == 0 ? " without falsifier" : "");
                VerificationResult r = new Verifier(net, o).verify(p);
                String tag = "seed " + seed + " " + s + ": " + r.verdict() + " scip max margin " + scip + " sampled " + sampledViolation;
                // On the boundary (|max margin| < 1e-6) a point may violate the property in double but not exactly:
                // unknown is then the honest answer.
                if (r.verdict() == Verdict.UNKNOWN && Math.abs(scip) >= 1e-6) disagreements.add(tag + " (unknown: " + r.reason() + ")");
                if (sampledViolation && r.verdict() != Verdict.SAT) disagreements.add(tag);
                if (r.verdict() == Verdict.SAT) {
                    assertTrue(r.counterexample().isPresent(), tag);
                    assertTrue(r.counterexample().get().check(p, net, 0.0).isValid(), tag + ": counterexample fails the check");
                } else {
                    assertTrue(r.counterexample().isEmpty(), tag);
                }
                if (Math.abs(scip) < 1e-6) {
                    ambiguous++;
                    continue; // the optimum sits on the boundary: either answer is within tolerance
                }
                Verdict expected = scip > 0 ? Verdict.SAT : Verdict.UNSAT;
                if (r.verdict() != expected) disagreements.add(tag);
                if (r.verdict() == Verdict.SAT && o.falsifierSeconds() == 0) mipSat++;
                if (r.verdict() == Verdict.SAT) sat++;
                if (r.verdict() == Verdict.UNSAT) unsat++;
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(sat >= 15 && unsat >= 15 && mipSat >= 5, "want a mix of verdicts: " + sat + " sat (" + mipSat + " by the MIP alone), "
                + unsat + " unsat, " + ambiguous + " ambiguous");
    }

    /** One or two input boxes, one or two conjuncts of one to three constraints with right-hand sides near the sampled range. */
    static Property randomProperty(Random rnd, Network net) {
        int n = net.inputSize();
        int m = net.outputSize();
        List<Box> boxes = new ArrayList<>();
        int nb = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
        for (int b = 0; b < nb; b++) {
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                double c = rnd.nextDouble() * 2 - 1;
                double r = 0.05 + rnd.nextDouble() * 0.6;
                lo[i] = c - r;
                hi[i] = c + r;
            }
            boxes.add(new Box(lo, hi));
        }
        List<List<OutputConstraint>> disjuncts = new ArrayList<>();
        int nd = 1 + rnd.nextInt(2);
        for (int d = 0; d < nd; d++) {
            List<OutputConstraint> conj = new ArrayList<>();
            int nc = 1 + rnd.nextInt(3);
            for (int k = 0; k < nc; k++) {
                double[] c = new double[m];
                for (int j = 0; j < m; j++) c[j] = rnd.nextInt(3) == 0 ? 0 : rnd.nextGaussian();
                c[rnd.nextInt(m)] = 1.0;
                // rhs at a random position of the sampled range of c . y, extended by 30% on each side
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < 200; s++) {
                    Box box = boxes.get(s % boxes.size());
                    double v = dot(c, net.apply(Falsifier.sample(box, rnd)));
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                double u = -0.3 + 0.8 * rnd.nextDouble();
                conj.add(new OutputConstraint(c, lo + u * (hi - lo)));
            }
            disjuncts.add(conj);
        }
        return new Property(n, m, boxes, new OutputCondition(m, disjuncts));
    }

    static boolean sampledViolation(Network net, Property p, Random rnd, int samples) {
        for (int s = 0; s < samples; s++) {
            Box box = p.inputBoxes().get(s % p.inputBoxes().size());
            double[] x = Falsifier.sample(box, rnd);
            // Confirmed in exact arithmetic too: a point that violates the property only through round-off is no witness.
            if (p.isViolatedBy(x, net.apply(x), 0.0) && VnnlibCounterexample.of(net, x).check(p, net, 0.0).isValid()) return true;
        }
        return false;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @SuppressWarnings("unused")
    private static String show(double[] v) { return Arrays.toString(v); }
}
