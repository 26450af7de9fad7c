package org.nnmip.nnverify.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Network;

/**
 * An independent, solver-free upper estimate of {@code Phi_m(alpha, 1)} (L1): random inputs {@code a} of the box with
 * confidence {@code alpha} for class {@code m}, each joined by a segment to random inputs {@code c} where another
 * class scores at least {@code z_m}; bisection moves {@code a} along the segment as far as confidence {@code alpha}
 * allows, then finds a point {@code b} beyond it where another class takes over. Every
 * such pair is a true witness, so its norm can never be below a proven lower bound on {@code Phi_m}: the experiment
 * checks exactly that, and shows how far plain sampling stays above the MIP optimum.
 */
final class ResilienceSampling {
    private ResilienceSampling() {
    }

    /** The smallest {@code ||b - a||_1} over the sampled witness pairs, +infinity when none was found. */
    static double bestPair(Network net, Box box, int m, double lnAlpha, int starts, int targets, long seed) {
        Random rnd = new Random(seed);
        int n = box.dimension();
        List<double[]> confident = new ArrayList<>();
        List<double[]> other = new ArrayList<>();
        for (int s = 0; s < 50 * (starts + targets) && (confident.size() < starts || other.size() < targets); s++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
            double[] z = net.apply(x);
            if (margin(z, m) >= lnAlpha && confident.size() < starts) confident.add(x);
            else if (overtaken(z, m) >= 0 && other.size() < targets) other.add(x);
        }
        double best = Double.POSITIVE_INFINITY;
        for (double[] a : confident) {
            for (double[] c : other) {
                double full = 0;
                for (int i = 0; i < n; i++) full += Math.abs(c[i] - a[i]);
                if (full >= best) continue;
                // Slide a towards c while it keeps confidence alpha, then find where another class takes over.
                double lo = 0;
                double hi = 1;
                for (int step = 0; step < 30; step++) {
                    double mid = 0.5 * (lo + hi);
                    if (margin(net.apply(along(a, c, mid)), m) >= lnAlpha) lo = mid;
                    else hi = mid;
                }
                double ta = lo;
                hi = 1;
                for (int step = 0; step < 30; step++) {
                    double mid = 0.5 * (lo + hi);
                    if (overtaken(net.apply(along(a, c, mid)), m) >= 0) hi = mid;
                    else lo = mid;
                }
                // Re-evaluated at the points kept: only a true pair counts.
                double[] a2 = along(a, c, ta);
                double[] b = along(a, c, hi);
                if (margin(net.apply(a2), m) < lnAlpha || overtaken(net.apply(b), m) < 0) continue;
                double d = 0;
                for (int i = 0; i < n; i++) d += Math.abs(b[i] - a2[i]);
                best = Math.min(best, d);
            }
        }
        return best;
    }

    /**
     * The smallest {@code ||b - x||_1} over points {@code b} on the segments from {@code x} to each of {@code others}
     * where another class scores at least {@code z_m} (bisected, re-evaluated): an upper bound on the minimal
     * perturbation of the fixed input {@code x}; +infinity when no segment has such a point.
     */
    static double localUpper(Network net, double[] x, int m, List<double[]> others) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] c : others) {
            if (overtaken(net.apply(c), m) < 0) continue;
            double lo = 0;
            double hi = 1;
            for (int step = 0; step < 40; step++) {
                double mid = 0.5 * (lo + hi);
                if (overtaken(net.apply(along(x, c, mid)), m) >= 0) hi = mid;
                else lo = mid;
            }
            double[] b = along(x, c, hi);
            if (overtaken(net.apply(b), m) < 0) continue;
            double d = 0;
            for (int i = 0; i < x.length; i++) d += Math.abs(b[i] - x[i]);
            best = Math.min(best, d);
        }
        return best;
    }

    private static double[] along(double[] a, double[] c, double t) {
        double[] x = new double[a.length];
        for (int i = 0; i < a.length; i++) x[i] = a[i] + t * (c[i] - a[i]);
        return x;
    }

    /** {@code min_{j != m} z_m - z_j}. */
    private static double margin(double[] z, int m) {
        double t = Double.POSITIVE_INFINITY;
        for (int j = 0; j < z.length; j++) if (j != m) t = Math.min(t, z[m] - z[j]);
        return t;
    }

    /** {@code max_{j != m} z_j - z_m}: non-negative when some other class scores at least {@code z_m}. */
    private static double overtaken(double[] z, int m) {
        return -margin(z, m);
    }
}
