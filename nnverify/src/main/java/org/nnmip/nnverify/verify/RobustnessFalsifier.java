package org.nnmip.nnverify.verify;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.LocalRobustnessProperty;
import org.nnmip.nnverify.property.LocalRobustnessProperty.Norm;

/**
 * Looks for a violation of local robustness: random points of the region, then projected gradient ascent on the
 * robustness margin (the top-k-th largest {@code y_j - y_label}), signed steps for L-infinity and normalised
 * gradient steps followed by a projection onto the L1 ball for L1 (Madry et al. 2018, Sec. 2.1). Only points in
 * the region with margin {@code >= 0} in double precision are returned.
 */
final class RobustnessFalsifier {
    private final Network net;
    private final LocalRobustnessProperty property;
    private final Box region;
    private final double[] center;
    private long evaluations;

    RobustnessFalsifier(Network net, LocalRobustnessProperty property) {
        this.net = net;
        this.property = property;
        this.region = property.region();
        this.center = property.center();
    }

    long evaluations() { return evaluations; }

    record Point(double[] x, double margin) { }

    Optional<double[]> search(Random rnd, int samples, int restarts, int steps, long deadlineNanos) {
        Point best = null;
        for (int s = 0; s < samples && System.nanoTime() < deadlineNanos; s++) {
            double[] x = s == 0 ? center.clone() : sample(rnd);
            double m = margin(x);
            if (m >= 0 && property.inRegion(x, 0.0)) return Optional.of(x);
            if (best == null || m > best.margin) best = new Point(x, m);
        }
        for (int r = 0; r < restarts && System.nanoTime() < deadlineNanos; r++) {
            Point p = ascend(r == 0 && best != null ? best.x : sample(rnd), steps, deadlineNanos);
            if (p.margin >= 0 && property.inRegion(p.x, 0.0)) return Optional.of(p.x);
        }
        return Optional.empty();
    }

    private double margin(double[] x) {
        evaluations++;
        return property.margin(net.apply(x));
    }

    /** PGD from {@code start} (projected into the region); the best point visited. */
    Point ascend(double[] start, int steps, long deadlineNanos) {
        double[] x = project(start);
        Evaluation e = net.evaluate(x);
        evaluations++;
        double[] y = e.output();
        Point best = new Point(x.clone(), property.margin(y));
        double alpha = 0.5;
        double eps = property.epsilon();
        int n = x.length;
        for (int it = 0; it < steps && best.margin < 0 && System.nanoTime() < deadlineNanos; it++) {
            double[] w = new double[y.length];
            w[property.marginClass(y)] = 1.0;
            w[property.label()] -= 1.0;
            double[] g = NetworkGradient.of(net, e, w);
            double[] next = x.clone();
            if (property.norm() == Norm.LINF) {
                for (int i = 0; i < n; i++) next[i] += Math.signum(g[i]) * alpha * eps;
            } else {
                double g1 = 0;
                for (double v : g) g1 = Math.max(g1, Math.abs(v));
                if (g1 == 0) break;
                // steepest L1 ascent moves few coordinates: keep the gradient's large components only
                for (int i = 0; i < n; i++) if (Math.abs(g[i]) >= 0.5 * g1) next[i] += Math.signum(g[i]) * alpha * eps;
            }
            next = project(next);
            if (Arrays.equals(next, x)) {
                alpha *= 0.5;
                continue;
            }
            x = next;
            e = net.evaluate(x);
            evaluations++;
            y = e.output();
            double m = property.margin(y);
            if (m > best.margin) best = new Point(x.clone(), m);
            else alpha *= 0.6;
        }
        return best;
    }

    private double[] sample(Random rnd) {
        double[] x = new double[center.length];
        if (property.norm() == Norm.LINF) {
            for (int i = 0; i < x.length; i++) x[i] = region.lower(i) + rnd.nextDouble() * (region.upper(i) - region.lower(i));
            return project(x);
        }
        // a few coordinates moved to the L1 sphere: vertices of the ball are where violations of L1 robustness sit
        int moved = 1 + rnd.nextInt(Math.min(8, x.length));
        System.arraycopy(center, 0, x, 0, x.length);
        double[] share = new double[moved];
        double sum = 0;
        for (int q = 0; q < moved; q++) sum += share[q] = -Math.log(1 - rnd.nextDouble());
        for (int q = 0; q < moved; q++) {
            int i = rnd.nextInt(x.length);
            x[i] += (rnd.nextBoolean() ? 1 : -1) * property.epsilon() * share[q] / sum;
        }
        return project(x);
    }

    /**
     * A point of the region near {@code x}: clamp to the box, then for L1 project onto the ball (Duchi et al. 2008,
     * "Efficient projections onto the l1-ball", Fig. 1) and clamp again; the box holds the centre, so clamping only
     * shortens each coordinate's distance to it and the result stays in the ball.
     */
    double[] project(double[] x) {
        double[] p = Falsifier.clamp(region, x);
        if (property.norm() == Norm.L1 && property.distance(p) > property.epsilon()) {
            int n = p.length;
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = Math.abs(p[i] - center[i]);
            double[] s = a.clone();
            Arrays.sort(s);
            double cum = 0;
            double theta = 0;
            for (int q = n - 1, r = 1; q >= 0; q--, r++) {
                cum += s[q];
                double th = (cum - property.epsilon()) / r;
                if (s[q] > th) theta = th;
                else break;
            }
            for (int i = 0; i < n; i++) p[i] = center[i] + Math.signum(p[i] - center[i]) * Math.max(0, a[i] - theta);
            p = Falsifier.clamp(region, p);
            // rounding can leave the sum a hair above epsilon: shrink towards the centre until it is not
            for (int guard = 0; guard < 60 && property.distance(p) > property.epsilon(); guard++) {
                for (int i = 0; i < n; i++) p[i] = center[i] + (p[i] - center[i]) * (1 - 1e-12 * (1L << Math.min(guard, 50)));
            }
        }
        return p;
    }
}
