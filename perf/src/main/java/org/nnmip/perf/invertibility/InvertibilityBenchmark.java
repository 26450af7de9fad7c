package org.nnmip.perf.invertibility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nnmip.io.MpsWriter;
import org.nnmip.model.Model;
import org.nnmip.nnverify.invertibility.BallNorm;
import org.nnmip.nnverify.invertibility.InvertibilityOptions;
import org.nnmip.nnverify.invertibility.InvertibilityResult;
import org.nnmip.nnverify.invertibility.LocalInvertibility;
import org.nnmip.nnverify.invertibility.TransformInvertibility;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;
import org.nnmip.perf.mip.MipBackend;
import org.nnmip.perf.mip.NnmipMipBackend;
import org.nnmip.perf.mip.OrToolsMipBackend;

/**
 * Certified invertibility radii (Cui et al.): wall time per certified radius and MILPs per radius for the local
 * (Problem 1) and transformation (Problem 3, also with a residual network) searches, then our engine against SCIP (OR-Tools) on the exported
 * fixed-radius MILPs: at the certified radius (optimum 0: a proof) and at 1.5 x the counterexample radius (optimum
 * > 0) and at the maximum radius (the first probe of the search, usually the hardest). All networks have random weights (seeded): a 1-10-10-1 net, a 2-32-32-2 net with 30% and 60% magnitude-pruned
 * copies, a 3-input net of the size used for the Brusselator example (3-16-16-3), a 2-input net of two residual blocks, and
 * L2-ball cases (their exported models carry the tangent cuts of their own lazy solve). Models are written as MPS to
 * {@code perf/target/invertibility-mps/}.
 *
 * <p>Usage: {@code InvertibilityBenchmark [--time-limit S] [--only NAME]}; S is the per-MILP limit (default 30).
 */
public final class InvertibilityBenchmark {
    private InvertibilityBenchmark() { }

    record Case(String name, Network f1, Network f2, double[] center, double maxRadius, BallNorm norm) {
        Case(String name, Network f1, Network f2, double[] center, double maxRadius) {
            this(name, f1, f2, center, maxRadius, BallNorm.LINF);
        }
    }

    public static void main(String[] args) throws IOException {
        double limit = 30;
        String only = null;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--time-limit" -> limit = Double.parseDouble(args[++a]);
                case "--only" -> only = args[++a];
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        Network d1 = random(1, 1, 10, 10, 1);
        Network a = random(21, 2, 32, 32, 2);
        Network a30 = pruned(a, 0.3);
        Network a60 = pruned(a, 0.6);
        Network bru = random(31, 3, 16, 16, 3);
        Network res = residual(41, 2, 16, 2, 2);
        List<Case> cases = List.of(
                new Case("1d-1-10-10-1 local", d1, null, new double[] {-0.7}, 2.0),
                new Case("2-32-32-2 local", a, null, new double[] {0.1, -0.2}, 0.5),
                new Case("2-32-32-2 pruned30 local", a30, null, new double[] {0.1, -0.2}, 0.5),
                new Case("2-32-32-2 pruned60 local", a60, null, new double[] {0.1, -0.2}, 0.5),
                new Case("2-32-32-2 -> pruned30 transform", a, a30, new double[] {0.1, -0.2}, 0.5),
                new Case("2-32-32-2 -> pruned60 transform", a, a60, new double[] {0.1, -0.2}, 0.5),
                new Case("3-16-16-3 local", bru, null, new double[] {0.2, 0.1, -0.1}, 0.5),
                // residual f1 (two skip blocks) against a plain f2 of another depth: the parallel composition
                new Case("2-res(16)x2-2 -> 2-32-32-2 transform", res, a, new double[] {0.1, -0.2}, 0.5),
                new Case("2-32-32-2 -> 2-res(16)x2-2 transform", a, res, new double[] {0.1, -0.2}, 0.5),
                // L2 balls: the exported models carry the tangent cuts their lazy solve accumulated
                new Case("2-32-32-2 local l2", a, null, new double[] {0.1, -0.2}, 0.5, BallNorm.L2),
                new Case("3-16-16-3 local l2", bru, null, new double[] {0.2, 0.1, -0.1}, 0.5, BallNorm.L2));
        Path dir = Path.of("perf", "target", "invertibility-mps");
        Files.createDirectories(dir);
        MipBackend ours = new NnmipMipBackend();
        MipBackend scip = new OrToolsMipBackend("SCIP", 1e-4);
        System.out.println("| case | status | radius | upper | MILPs | search s | s/MILP | fixed-r MILP | nnmip s (obj) | SCIP s (obj) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Case c : cases) {
            if (only != null && !c.name().contains(only)) continue;
            InvertibilityOptions o = InvertibilityOptions.defaults(c.norm(), c.maxRadius()).withRadiusTol(1e-3 * c.maxRadius())
                    .withTimeLimitSeconds(limit);
            long t0 = System.nanoTime();
            InvertibilityResult r = c.f2() == null ? LocalInvertibility.compute(c.f1(), c.center(), o)
                    : TransformInvertibility.compute(c.f1(), c.f2(), c.center(), o);
            double secs = (System.nanoTime() - t0) * 1e-9;
            List<String> fixed = new ArrayList<>();
            List<double[]> radii = new ArrayList<>();
            if (r.radius() > 0) radii.add(new double[] {r.radius()});
            if (Double.isFinite(r.upper())) radii.add(new double[] {Math.min(c.maxRadius(), 1.5 * r.upper())});
            radii.add(new double[] {c.maxRadius()}); // the search's first probe: the largest, hardest instance
            for (double[] rr : radii) {
                double rad = rr[0];
                Model m = c.f2() == null ? LocalInvertibility.fixedRadiusModel(c.f1(), c.center(), rad, o)
                        : TransformInvertibility.fixedRadiusModel(c.f1(), c.f2(), c.center(), rad, o);
                String file = c.name().replaceAll("[^A-Za-z0-9]+", "_") + String.format(Locale.ROOT, "_r%.4f.mps", rad);
                new MpsWriter().write(m, dir.resolve(file));
                // Interleaved, one thread each: the machine is shared, so ratios matter more than absolute times.
                MipBackend.Run x = ours.solve(m, limit, 1);
                MipBackend.Run y = scip.solve(m, limit, 1);
                long cuts = m.constraints().stream().filter(row -> row.name().startsWith("tangent")).count();
                String size = m.numBinaryVariables() + " bin" + (c.norm() == BallNorm.L2 ? ", " + cuts + " cuts" : "");
                fixed.add(String.format(Locale.ROOT, "r=%.4f (%s) | %.2f %s (%.3g) | %.2f %s (%.3g)", rad, size,
                        x.seconds(), x.status(), x.objective(), y.seconds(), y.status(), y.objective()));
            }
            String first = fixed.isEmpty() ? "- | - | -" : fixed.getFirst();
            System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %s | %d | %.1f | %.2f | %s |%n", c.name(), r.status().jsonName(), r.radius(),
                    Double.isFinite(r.upper()) ? String.format(Locale.ROOT, "%.4f", r.upper()) : "inf", r.milps(), secs,
                    secs / Math.max(1, r.milps()), first);
            for (int k = 1; k < fixed.size(); k++) System.out.printf(Locale.ROOT, "| | | | | | | | %s |%n", fixed.get(k));
            System.out.flush();
        }
    }

    static Network random(long seed, int... sizes) {
        Random rnd = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < sizes.length; k++) {
            double[][] w = new double[sizes[k]][sizes[k - 1]];
            double[] b = new double[sizes[k]];
            for (int i = 0; i < sizes[k]; i++) {
                for (int j = 0; j < sizes[k - 1]; j++) w[i][j] = rnd.nextGaussian() / Math.sqrt(sizes[k - 1]);
                b[i] = 0.5 * rnd.nextGaussian();
            }
            layers.add(AffineLayer.dense(w, b));
            if (k < sizes.length - 1) layers.add(new ReluLayer(sizes[k]));
        }
        return new Network(sizes[0], layers);
    }

    /** {@code blocks} residual blocks {@code v + W2 relu(W1 v + b1) + b2} on the input, then an affine map to {@code out}. */
    static Network residual(long seed, int n, int hidden, int blocks, int out) {
        Random rnd = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        int source = -1;
        for (int b = 0; b < blocks; b++) {
            layers.add(dense(rnd, hidden, n));
            layers.add(new ReluLayer(hidden));
            layers.add(dense(rnd, n, hidden));
            layers.add(new ResidualAddLayer(n, source));
            source = layers.size() - 1;
        }
        layers.add(dense(rnd, out, n));
        return new Network(n, layers);
    }

    private static AffineLayer dense(Random rnd, int rows, int cols) {
        double[][] w = new double[rows][cols];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) w[i][j] = 2 * rnd.nextGaussian() / Math.sqrt(cols);
            b[i] = 0.5 * rnd.nextGaussian();
        }
        return AffineLayer.dense(w, b);
    }

    /** Magnitude pruning: the smallest {@code fraction} of each layer's weights set to 0. */
    static Network pruned(Network net, double fraction) {
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof AffineLayer al) {
                double[][] w = al.weights();
                List<Double> mags = new ArrayList<>();
                for (double[] row : w) for (double v : row) mags.add(Math.abs(v));
                mags.sort(null);
                double cut = mags.get((int) Math.floor(fraction * (mags.size() - 1)));
                for (double[] row : w) for (int j = 0; j < row.length; j++) if (Math.abs(row[j]) <= cut) row[j] = 0.0;
                layers.add(AffineLayer.dense(w, al.bias()));
            } else {
                layers.add(layer);
            }
        }
        return new Network(net.inputSize(), layers);
    }
}
