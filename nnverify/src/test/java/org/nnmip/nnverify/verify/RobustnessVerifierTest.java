package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.LocalRobustnessProperty;
import org.nnmip.nnverify.property.LocalRobustnessProperty.Norm;

/**
 * Local robustness (L-infinity and L1 balls, top-1 and top-2) on random small networks against an independent
 * OR-Tools SCIP encoding (one MIP per set of k competitors, the L1 ball as {@code x = x0 + p - n},
 * {@code sum (p + n) <= eps}) and against sampling the region; every counterexample is re-checked without
 * tolerance.
 */
class RobustnessVerifierTest {
    private static final int CASES = 20;

    @Test
    void verdictsAgreeWithScipAndSampling() {
        int sat = 0;
        int unsat = 0;
        List<String> problems = new ArrayList<>();
        for (int seed = 0; seed < CASES; seed++) {
            Random rnd = new Random(500 + seed);
            Network net = RandomNetworks.dense(rnd, 3, 8, 8, 4);
            double[] x0 = new double[3];
            for (int i = 0; i < x0.length; i++) x0[i] = -0.8 + 1.6 * rnd.nextDouble();
            double[] y0 = net.apply(x0);
            int label = 0;
            for (int j = 1; j < y0.length; j++) if (y0[j] > y0[label]) label = j;
            Norm norm = seed % 2 == 0 ? Norm.LINF : Norm.L1;
            int k = (seed / 2) % 2 == 0 ? 1 : 2;
            double eps = new double[] {0.05, 0.2, 0.5, 1.0}[(seed / 4) % 4];
            Box domain = seed % 3 == 0 ? new Box(new double[] {-1, -1, -1}, new double[] {1, 1, 1}) : null;
            LocalRobustnessProperty p = new LocalRobustnessProperty(x0, eps, norm, label, k, 4, domain);
            double scip = scipMaxMargin(net, p);
            if (Double.isNaN(scip)) {
                problems.add("seed " + seed + ": SCIP did not solve the reference");
                continue;
            }
            VerificationOptions o = VerificationOptions.defaults().withTimeLimitSeconds(20).withFalsifierSeconds(seed % 3 == 1 ? 0.2 : 0.0);
            VerificationResult r = new RobustnessVerifier(net, o).verify(p);
            String tag = "seed " + seed + " " + p + ": " + r.verdict() + " (" + r.reason() + "), SCIP max margin " + scip;
            if (r.verdict() == Verdict.SAT) {
                sat++;
                double[] x = r.counterexample().orElseThrow().input();
                assertTrue(p.isViolatedBy(x, net.apply(x), 0.0), tag + ": counterexample fails the re-check");
                if (scip < -1e-6) problems.add(tag);
            } else if (r.verdict() == Verdict.UNSAT) {
                unsat++;
                if (scip > 1e-6) problems.add(tag);
                double[] v = sampledViolation(net, p, new Random(seed), 2000);
                if (v != null) problems.add(tag + ": sampled violation at " + Arrays.toString(v));
            } else {
                problems.add(tag);
            }
        }
        System.out.println("robustness cases: " + sat + " sat, " + unsat + " unsat");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(sat >= 4 && unsat >= 4, "both verdicts must occur: " + sat + " sat, " + unsat + " unsat");
    }

    /** Independent reference: max over the region of the k-th largest {@code y_j - y_c}, one SCIP MIP per k-set. */
    static double scipMaxMargin(Network net, LocalRobustnessProperty p) {
        ReferenceBigM.load();
        int c = p.label();
        int m = net.outputSize();
        List<int[]> sets = new ArrayList<>();
        subsets(m, c, p.topK(), 0, new int[0], sets);
        double best = Double.NEGATIVE_INFINITY;
        for (int[] set : sets) {
            MPSolver s = MPSolver.createSolver("SCIP");
            s.setNumThreads(1);
            Box box = p.region();
            MPVariable[][] v = ReferenceBigM.encode(s, net, box);
            if (p.norm() == Norm.L1) {
                double[] x0 = p.center();
                MPConstraint ball = s.makeConstraint(Double.NEGATIVE_INFINITY, p.epsilon());
                for (int i = 0; i < x0.length; i++) {
                    MPVariable plus = s.makeNumVar(0, p.epsilon(), "p" + i);
                    MPVariable minus = s.makeNumVar(0, p.epsilon(), "n" + i);
                    MPConstraint eq = s.makeConstraint(x0[i], x0[i]); // x - p + n = x0
                    eq.setCoefficient(v[0][i], 1);
                    eq.setCoefficient(plus, -1);
                    eq.setCoefficient(minus, 1);
                    ball.setCoefficient(plus, 1);
                    ball.setCoefficient(minus, 1);
                }
            }
            MPVariable[] y = v[net.layerCount()];
            MPVariable t = s.makeNumVar(-1e6, 1e6, "t");
            for (int j : set) {
                MPConstraint row = s.makeConstraint(Double.NEGATIVE_INFINITY, 0); // t - y_j + y_c <= 0
                row.setCoefficient(t, 1);
                row.setCoefficient(y[j], -1);
                row.setCoefficient(y[c], 1);
            }
            s.objective().setCoefficient(t, 1);
            s.objective().setMaximization();
            MPSolver.ResultStatus st = s.solve();
            double val = st == MPSolver.ResultStatus.OPTIMAL ? s.objective().value() : Double.NaN;
            s.delete();
            if (Double.isNaN(val)) return Double.NaN;
            best = Math.max(best, val);
        }
        return best;
    }

    private static void subsets(int m, int skip, int k, int from, int[] chosen, List<int[]> out) {
        if (chosen.length == k) {
            out.add(chosen);
            return;
        }
        for (int j = from; j < m; j++) {
            if (j == skip) continue;
            int[] next = Arrays.copyOf(chosen, chosen.length + 1);
            next[chosen.length] = j;
            subsets(m, skip, k, j + 1, next, out);
        }
    }

    /** A sampled point of the region that violates the property, or null. */
    static double[] sampledViolation(Network net, LocalRobustnessProperty p, Random rnd, int samples) {
        Box box = p.region();
        double[] x0 = p.center();
        int n = x0.length;
        for (int s = 0; s < samples; s++) {
            double[] x = new double[n];
            if (p.norm() == Norm.LINF) {
                for (int i = 0; i < n; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
            } else {
                // a uniform direction of the L1 sphere (normalised Laplace samples), a random radius, clipped to the box
                double[] d = new double[n];
                double norm1 = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -Math.log(1 - rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
                    norm1 += Math.abs(d[i]);
                }
                double radius = p.epsilon() * (s % 2 == 0 ? 1.0 : Math.pow(rnd.nextDouble(), 1.0 / n)) * (1 - 1e-12);
                for (int i = 0; i < n; i++) x[i] = Math.min(box.upper(i), Math.max(box.lower(i), x0[i] + radius * d[i] / norm1));
            }
            if (!p.inRegion(x, 0.0)) continue;
            if (p.isViolatedBy(x, net.apply(x), 0.0)) return x;
        }
        return null;
    }

    @Test
    void propertyValidatesItsArguments() {
        double[] x = {0.5, 0.5};
        assertThrowsIae(() -> new LocalRobustnessProperty(x, -1, Norm.LINF, 0, 1, 3, null));
        assertThrowsIae(() -> new LocalRobustnessProperty(x, 0.1, Norm.LINF, 3, 1, 3, null));
        assertThrowsIae(() -> new LocalRobustnessProperty(x, 0.1, Norm.LINF, 0, 3, 3, null));
        assertThrowsIae(() -> new LocalRobustnessProperty(x, 0.1, Norm.LINF, 0, 1, 3, new Box(new double[] {0, 0}, new double[] {0.4, 1})));
        assertThrowsIae(() -> Norm.parse("l2"));
        LocalRobustnessProperty p = new LocalRobustnessProperty(x, 0.1, Norm.L1, 0, 2, 3, null);
        assertTrue(p.inRegion(new double[] {0.54, 0.46}, 0.0));
        assertFalse(p.inRegion(new double[] {0.56, 0.45}, 0.0));
        // top-2: both other classes must reach the label's score
        assertEquals(-1.0, p.margin(new double[] {2, 2, 1}), 0.0);
        assertTrue(p.isViolatedBy(x, new double[] {1, 1, 1}, 0.0));
        assertFalse(p.isViolatedBy(x, new double[] {1, 1, 0.999}, 0.0));
    }

    private static void assertThrowsIae(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, e);
    }
}
