package org.nnmip.perf.soak;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.property.OutputCondition;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;
import org.nnmip.nnverify.verify.Strategy;
import org.nnmip.nnverify.verify.Verdict;
import org.nnmip.nnverify.verify.VerificationOptions;
import org.nnmip.nnverify.verify.VerificationResult;
import org.nnmip.nnverify.verify.Verifier;
import org.nnmip.perf.OrToolsNatives;

/**
 * The wrong-answer hunt: random small verification instances (dense ReLU networks with 2-4 inputs and 1-3 hidden
 * layers of at most 8 neurons, random boxes, random linear output properties) decided by our {@link Verifier} and
 * checked against (a) an independent big-M encoding built here directly with OR-Tools SCIP, with pre-activation
 * bounds from plain interval arithmetic written here (no nnmip encoder or bound code), and (b) sampling: a sampled
 * violating input forces sat. A sat answer must come with a counterexample that a fresh forward pass confirms.
 */
public final class WrongAnswerHunt {
    /** Margins this close to 0 are within solver tolerances: either verdict is accepted. */
    static final double AMBIGUOUS = 1e-5;

    /** Counts of one hunt; {@code disagreements} lists every wrong or unconfirmed answer with its seed. */
    public record Tally(int instances, int sat, int unsat, int unknown, int ambiguous, int sampledSat, List<String> disagreements) {
        @Override public String toString() {
            return instances + " instances: " + sat + " sat, " + unsat + " unsat, " + unknown + " unknown, " + ambiguous
                    + " on the boundary (|margin| < " + AMBIGUOUS + "), " + sampledSat + " refuted by sampling; "
                    + disagreements.size() + " disagreements";
        }
    }

    /** One random instance. */
    public record Instance(long seed, Network net, Property property) { }

    private WrongAnswerHunt() { }

    /** Runs {@code count} instances with seeds {@code firstSeed, firstSeed + 1, ...}. */
    public static Tally run(long firstSeed, int count, int samples) {
        OrToolsNatives.load();
        int sat = 0;
        int unsat = 0;
        int unknown = 0;
        int ambiguous = 0;
        int sampledSat = 0;
        List<String> bad = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long seed = firstSeed + k;
            Instance in = instance(seed);
            double[] pd = referenceMargin(in.net(), in.property());
            double margin = pd[0];
            boolean sampled = sampledViolation(in.net(), in.property(), new Random(seed ^ 0x5DEECE66DL), samples);
            if (sampled) sampledSat++;
            // Alternate the strategies, and run half without the falsifier so the MIP itself must find the sat cases.
            VerificationOptions o = VerificationOptions.defaults().withTimeLimitSeconds(30)
                    .withStrategy(k % 2 == 0 ? Strategy.MIP : Strategy.SPLIT).withFalsifierSeconds(k % 4 < 2 ? 0 : 0.05);
            VerificationResult r = new Verifier(in.net(), o).verify(in.property());
            String tag = "seed " + seed + " " + o.strategy() + " falsifier " + o.falsifierSeconds() + ": " + r.verdict()
                    + ", SCIP margin " + margin + ", sampled violation " + sampled;
            if (Double.isNaN(margin) || Double.isNaN(pd[1])) bad.add(tag + " (SCIP did not prove an optimum)");
            switch (r.verdict()) {
                case SAT -> {
                    sat++;
                    if (r.counterexample().isEmpty() || !r.counterexample().get().check(in.property(), in.net(), 0.0).isValid()) {
                        bad.add(tag + " (counterexample missing or not confirmed by a forward pass)");
                    }
                    if (pd[1] < -AMBIGUOUS) bad.add(tag + " (sat but SCIP's bound " + pd[1] + " proves no violation)");
                }
                case UNSAT -> {
                    unsat++;
                    if (sampled) bad.add(tag + " (unsat but sampling found a violation)");
                    if (margin > AMBIGUOUS) bad.add(tag + " (unsat but SCIP finds a violation)");
                }
                default -> {
                    unknown++;
                    // On the boundary a point can violate the property in double but not exactly: unknown is honest.
                    if (Math.abs(margin) > AMBIGUOUS) bad.add(tag + " (unknown: " + r.reason() + ")");
                }
            }
            if (pd[0] <= AMBIGUOUS && pd[1] >= -AMBIGUOUS) ambiguous++;
        }
        return new Tally(count, sat, unsat, unknown, ambiguous, sampledSat, bad);
    }

    /** A dense ReLU network with 2-4 inputs, 1-3 hidden layers of 1-8 neurons and 1-3 outputs, a box and a property. */
    public static Instance instance(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(3);
        int hidden = 1 + rnd.nextInt(3);
        int[] widths = new int[hidden + 2];
        widths[0] = n;
        for (int h = 1; h <= hidden; h++) widths[h] = 1 + rnd.nextInt(8);
        widths[hidden + 1] = 1 + rnd.nextInt(3);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            int in = widths[k - 1];
            int out = widths[k];
            double[][] w = new double[out][in];
            double[] b = new double[out];
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < in; j++) w[i][j] = rnd.nextGaussian() * 1.5 / Math.sqrt(in);
                b[i] = rnd.nextGaussian() * 0.3;
            }
            layers.add(AffineLayer.dense(w, b));
            if (k + 1 < widths.length) layers.add(new ReluLayer(out));
        }
        Network net = new Network(n, layers);
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double c = rnd.nextDouble() * 2 - 1;
            double r = 0.05 + rnd.nextDouble() * 0.7;
            lo[i] = c - r;
            hi[i] = c + r;
        }
        Box box = new Box(lo, hi);
        int m = widths[hidden + 1];
        List<List<OutputConstraint>> disjuncts = new ArrayList<>();
        int nd = 1 + rnd.nextInt(2);
        for (int d = 0; d < nd; d++) {
            List<OutputConstraint> conj = new ArrayList<>();
            int nc = 1 + rnd.nextInt(2);
            for (int q = 0; q < nc; q++) {
                double[] c = new double[m];
                for (int j = 0; j < m; j++) c[j] = rnd.nextInt(3) == 0 ? 0 : rnd.nextGaussian();
                c[rnd.nextInt(m)] = rnd.nextBoolean() ? 1 : -1;
                // The right-hand side at a random position of the sampled range of c . y, widened by 30 % each side,
                // so that sat and unsat both occur.
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < 100; s++) {
                    double v = dot(c, net.apply(sample(box, rnd)));
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                conj.add(new OutputConstraint(c, min + (-0.3 + 0.8 * rnd.nextDouble()) * (max - min)));
            }
            disjuncts.add(conj);
        }
        return new Instance(seed, net, new Property(n, m, List.of(box), new OutputCondition(m, disjuncts)));
    }

    /**
     * The largest margin {@code min_k (rhs_k - c_k . y)} over the boxes and disjuncts (>= 0 = sat), as SCIP's
     * {primal value, dual bound}; NaN if SCIP fails.
     */
    public static double[] referenceMargin(Network net, Property p) {
        double primal = Double.NEGATIVE_INFINITY;
        double dual = Double.NEGATIVE_INFINITY;
        for (Box box : p.inputBoxes()) {
            for (List<OutputConstraint> conj : p.outputCondition().disjuncts()) {
                // Capped just above the ambiguity band: only the sign matters, and a capped maximum is found fast.
                double[] m = maxMargin(net, box, conj, 2 * AMBIGUOUS);
                primal = Math.max(primal, m[0]);
                dual = Math.max(dual, m[1]);
            }
        }
        return new double[] {primal, dual};
    }

    /** Plain big-M: a binary per ReLU that the interval bounds leave unstable, equalities for the affine maps. */
    static double[] maxMargin(Network net, Box box, List<OutputConstraint> conj, double cap) {
        MPSolver s = MPSolver.createSolver("SCIP");
        try {
            s.setNumThreads(1);
            s.setTimeLimit(60_000);
            int n = net.inputSize();
            MPVariable[] a = new MPVariable[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                lo[i] = box.lower(i);
                hi[i] = box.upper(i);
                a[i] = s.makeNumVar(lo[i], hi[i], "x" + i);
            }
            List<Layer> layers = net.layers();
            for (int k = 0; k < layers.size(); k++) {
                AffineLayer al = (AffineLayer) layers.get(k);
                boolean relu = k + 1 < layers.size() && layers.get(k + 1) instanceof ReluLayer;
                double[][] w = al.weights();
                int m = w.length;
                MPVariable[] next = new MPVariable[m];
                double[] nlo = new double[m];
                double[] nhi = new double[m];
                for (int i = 0; i < m; i++) {
                    // Interval arithmetic for the pre-activation, widened a little to stay valid under rounding.
                    double zl = al.bias(i);
                    double zu = al.bias(i);
                    for (int j = 0; j < w[i].length; j++) {
                        zl += Math.min(w[i][j] * lo[j], w[i][j] * hi[j]);
                        zu += Math.max(w[i][j] * lo[j], w[i][j] * hi[j]);
                    }
                    double pad = 1e-9 * (1 + Math.abs(zl) + Math.abs(zu));
                    zl -= pad;
                    zu += pad;
                    MPVariable z = s.makeNumVar(zl, zu, "z" + k + "_" + i);
                    MPConstraint eq = s.makeConstraint(al.bias(i), al.bias(i));
                    eq.setCoefficient(z, 1);
                    for (int j = 0; j < w[i].length; j++) eq.setCoefficient(a[j], -w[i][j]);
                    if (!relu) {
                        next[i] = z;
                        nlo[i] = zl;
                        nhi[i] = zu;
                    } else if (zu <= 0) {
                        next[i] = s.makeNumVar(0, 0, "a" + k + "_" + i);
                    } else if (zl >= 0) {
                        next[i] = z;
                        nlo[i] = zl;
                        nhi[i] = zu;
                    } else {
                        MPVariable y = s.makeNumVar(0, zu, "a" + k + "_" + i);
                        MPVariable d = s.makeIntVar(0, 1, "d" + k + "_" + i);
                        MPConstraint c1 = s.makeConstraint(0, Double.POSITIVE_INFINITY); // y >= z
                        c1.setCoefficient(y, 1);
                        c1.setCoefficient(z, -1);
                        MPConstraint c2 = s.makeConstraint(zl, Double.POSITIVE_INFINITY); // y <= z - zl (1 - d)
                        c2.setCoefficient(z, 1);
                        c2.setCoefficient(y, -1);
                        c2.setCoefficient(d, zl);
                        MPConstraint c3 = s.makeConstraint(0, Double.POSITIVE_INFINITY); // y <= zu d
                        c3.setCoefficient(d, zu);
                        c3.setCoefficient(y, -1);
                        next[i] = y;
                        nlo[i] = 0;
                        nhi[i] = zu;
                    }
                }
                if (relu) k++; // the ReLU layer was folded in above
                a = next;
                lo = nlo;
                hi = nhi;
            }
            MPVariable t = s.makeNumVar(-1e7, cap, "t");
            for (OutputConstraint c : conj) {
                MPConstraint row = s.makeConstraint(Double.NEGATIVE_INFINITY, c.rhs()); // t + c . y <= rhs
                row.setCoefficient(t, 1);
                for (int j = 0; j < a.length; j++) if (c.coefficient(j) != 0) row.setCoefficient(a[j], c.coefficient(j));
            }
            MPObjective obj = s.objective();
            obj.setCoefficient(t, 1);
            obj.setMaximization();
            // SCIP stops at its default gap: its dual bound is what proves "no violation", its point a violation.
            MPSolver.ResultStatus st = s.solve();
            if (st != MPSolver.ResultStatus.OPTIMAL && st != MPSolver.ResultStatus.FEASIBLE) return new double[] {Double.NaN, Double.NaN};
            return new double[] {obj.value(), obj.bestBound()};
        } finally {
            s.delete();
        }
    }

    static boolean sampledViolation(Network net, Property p, Random rnd, int samples) {
        for (int k = 0; k < samples; k++) {
            Box box = p.inputBoxes().get(k % p.inputBoxes().size());
            double[] x = sample(box, rnd);
            // Confirmed in exact arithmetic too: a violation only round-off makes is no witness.
            if (p.isViolatedBy(x, net.apply(x), 0.0) && VnnlibCounterexample.of(net, x).check(p, net, 0.0).isValid()) return true;
        }
        return false;
    }

    /** Uniform in the box, with a corner every tenth sample (ReLU network optima often sit at corners). */
    static double[] sample(Box box, Random rnd) {
        double[] x = new double[box.dimension()];
        boolean corner = rnd.nextInt(10) == 0;
        for (int i = 0; i < x.length; i++) {
            double u = corner ? (rnd.nextBoolean() ? 1 : 0) : rnd.nextDouble();
            x[i] = box.lower(i) + u * (box.upper(i) - box.lower(i));
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
