package org.nnmip.nnverify.verify;

import java.util.Optional;
import java.util.Random;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputConstraint;

/**
 * Looks for a counterexample of one conjunct in a box: random samples, then projected gradient ascent on the
 * margin {@code t(x)} (signed steps scaled by the box widths, as the L-infinity PGD of Madry et al. 2018,
 * "Towards deep learning models resistant to adversarial attacks", Sec. 2.1), using the exact gradient of the
 * tightest constraint under the current ReLU pattern. Only points with {@code t(x) >= 0} in double precision are
 * returned.
 */
final class Falsifier {
    private final Network net;
    private final SlackFunction slack;
    private long evaluations;

    Falsifier(Network net, SlackFunction slack) {
        this.net = net;
        this.slack = slack;
    }

    long evaluations() { return evaluations; }

    /** The best point found and its margin. */
    record Point(double[] x, double margin) { }

    double margin(double[] x) {
        evaluations++;
        return slack.margin(net.apply(x));
    }

    /** Random samples then PGD restarts from the best samples, until a counterexample or the budget runs out. */
    Optional<double[]> search(Box box, Random rnd, int samples, int restarts, int steps, long deadlineNanos) {
        Point best = null;
        for (int s = 0; s < samples && System.nanoTime() < deadlineNanos; s++) {
            double[] x = s == 0 ? center(box) : sample(box, rnd);
            double m = margin(x);
            if (m >= 0) return Optional.of(x);
            if (best == null || m > best.margin) best = new Point(x, m);
        }
        for (int r = 0; r < restarts && System.nanoTime() < deadlineNanos; r++) {
            double[] start = r == 0 && best != null ? best.x : sample(box, rnd);
            Point p = ascend(box, start, steps, deadlineNanos);
            if (p.margin >= 0) return Optional.of(p.x);
        }
        return Optional.empty();
    }

    /** PGD from {@code start} (clamped into the box); returns the best point visited. */
    Point ascend(Box box, double[] start, int steps, long deadlineNanos) {
        int n = box.dimension();
        double[] x = clamp(box, start);
        Evaluation e = net.evaluate(x);
        evaluations++;
        double[] y = e.output();
        Point best = new Point(x.clone(), slack.margin(y));
        double alpha = 0.25;
        for (int it = 0; it < steps && best.margin < 0 && System.nanoTime() < deadlineNanos; it++) {
            OutputConstraint c = slack.constraints.get(slack.tightest(y));
            // margin of the tightest constraint is rhs - c.y: ascend along -c
            double[] w = c.coefficients();
            for (int j = 0; j < w.length; j++) w[j] = -w[j];
            double[] g = NetworkGradient.of(net, e, w);
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                double width = box.upper(i) - box.lower(i);
                if (g[i] == 0 || width == 0) continue;
                double v = Math.min(box.upper(i), Math.max(box.lower(i), x[i] + Math.signum(g[i]) * alpha * width));
                moved |= v != x[i];
                x[i] = v;
            }
            if (!moved) break;
            e = net.evaluate(x);
            evaluations++;
            y = e.output();
            double m = slack.margin(y);
            if (m > best.margin) best = new Point(x.clone(), m);
            else alpha *= 0.6;
        }
        return best;
    }

    static double[] center(Box box) {
        double[] x = new double[box.dimension()];
        for (int i = 0; i < x.length; i++) x[i] = 0.5 * (box.lower(i) + box.upper(i));
        return clamp(box, x);
    }

    static double[] sample(Box box, Random rnd) {
        double[] x = new double[box.dimension()];
        for (int i = 0; i < x.length; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
        return clamp(box, x);
    }

    static double[] clamp(Box box, double[] x) {
        double[] c = new double[x.length];
        for (int i = 0; i < c.length; i++) {
            double v = Double.isNaN(x[i]) ? 0.5 * (box.lower(i) + box.upper(i)) : x[i];
            c[i] = Math.min(box.upper(i), Math.max(box.lower(i), v));
        }
        return c;
    }
}
