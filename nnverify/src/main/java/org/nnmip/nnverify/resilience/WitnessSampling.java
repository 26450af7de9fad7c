package org.nnmip.nnverify.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Network;

/**
 * The cheap primal heuristic of the resilience MIPs: forward evaluations only. Random inputs of the box that have
 * class {@code m} with confidence {@code alpha} are joined by segments to random inputs where {@code k} other classes
 * score at least {@code z_m}; bisection slides {@code a} along the segment as far as the confidence allows and finds
 * the first {@code b} beyond it where the classes take over; the best pair is then shrunk coordinate by coordinate
 * (each {@code eps_i} bisected towards 0 while the pair stays a witness). Seeded and bounded by a deadline and an
 * evaluation budget, so small networks give the same answer on every run. Every pair returned holds with exact
 * comparisons; the caller still re-checks it.
 */
final class WitnessSampling {
    /** Confident and overtaken samples kept; pairs tried are at most their product. */
    private static final int POOL = 48;
    /** Forward evaluations at most (keeps small networks deterministic: the deadline rarely decides). */
    private static final long MAX_EVALUATIONS = 200_000;
    private static final int BISECTIONS = 30;
    private static final int MAX_ROUNDS = 16;

    private final Network net;
    private final Box box;
    private final int m;
    private final int k;
    private final ResilienceOptions.Norm norm;
    private final long deadline;
    private long evaluations;

    private WitnessSampling(Network net, Box box, int m, int k, ResilienceOptions.Norm norm, long deadline) {
        this.net = net;
        this.box = box;
        this.m = m;
        this.k = k;
        this.norm = norm;
        this.deadline = deadline;
    }

    /** The best sampled witness pair {a, b} of {@code Phi_m}, or null when none was found in the budget. */
    static double[][] pair(Network net, Box box, int m, double lnAlpha, ResilienceOptions o, long seed, long deadline) {
        return new WitnessSampling(net, box, m, o.k(), o.norm(), deadline).pair(lnAlpha, new Random(seed));
    }

    /** The best sampled perturbed input {@code b} for the fixed input {@code a}, or null when none was found. */
    static double[] perturbed(Network net, Box box, double[] a, int m, ResilienceOptions o, long seed, long deadline) {
        WitnessSampling s = new WitnessSampling(net, box, m, o.k(), o.norm(), deadline);
        double[][] p = s.local(a, new Random(seed));
        return p == null ? null : p[1];
    }

    private boolean out() {
        return evaluations >= MAX_EVALUATIONS || System.nanoTime() >= deadline;
    }

    private double[] eval(double[] x) {
        evaluations++;
        return net.apply(x);
    }

    private double[][] pair(double lnAlpha, Random rnd) {
        // Rounds of fresh samples while the budget lasts; the best pair over all rounds is shrunk at the end.
        double[][] best = null;
        for (int round = 0; round < MAX_ROUNDS && !out(); round++) {
            double[][] p = round(lnAlpha, rnd, best == null ? Double.POSITIVE_INFINITY : norm(best[0], best[1]));
            if (p != null) best = p;
        }
        return best == null ? null : shrink(best, lnAlpha, false);
    }

    /** One round: fresh pools, every pair tried; the best pair shorter than {@code bestNorm}, or null. */
    private double[][] round(double lnAlpha, Random rnd, double bestNorm) {
        List<double[]> confident = new ArrayList<>();
        List<double[]> other = new ArrayList<>();
        for (int s = 0; s < 100 * POOL && (confident.size() < POOL || other.size() < POOL) && !out(); s++) {
            double[] x = random(rnd);
            double[] z = eval(x);
            if (margin(z) >= lnAlpha) {
                if (confident.size() < POOL) confident.add(x);
            } else if (overtaken(z) && other.size() < POOL) {
                other.add(x);
            }
        }
        double[][] best = null;
        for (int p = 0; p < confident.size() * other.size() && !out(); p++) {
            // Interleaved so a short budget still sees many different confident inputs.
            double[] a = confident.get(p % confident.size());
            double[] c = other.get((p / confident.size() + p) % other.size());
            if (norm(a, c) >= bestNorm) continue;
            double lo = 0;
            double hi = 1;
            for (int step = 0; step < BISECTIONS; step++) {
                double mid = 0.5 * (lo + hi);
                if (margin(eval(along(a, c, mid))) >= lnAlpha) lo = mid;
                else hi = mid;
            }
            double ta = lo;
            hi = 1;
            for (int step = 0; step < BISECTIONS; step++) {
                double mid = 0.5 * (lo + hi);
                if (overtaken(eval(along(a, c, mid)))) hi = mid;
                else lo = mid;
            }
            double[] a2 = along(a, c, ta);
            double[] b = along(a, c, hi);
            if (margin(eval(a2)) < lnAlpha || !overtaken(eval(b))) continue;
            double d = norm(a2, b);
            if (d < bestNorm) {
                bestNorm = d;
                best = new double[][] {a2, b};
            }
        }
        return best;
    }

    private double[][] local(double[] a, Random rnd) {
        double[][] best = null;
        double bestNorm = Double.POSITIVE_INFINITY;
        for (int s = 0; s < 100 * POOL && !out(); s++) {
            double[] c = random(rnd);
            if (norm(a, c) >= bestNorm || !overtaken(eval(c))) continue;
            double lo = 0;
            double hi = 1;
            for (int step = 0; step < BISECTIONS; step++) {
                double mid = 0.5 * (lo + hi);
                if (overtaken(eval(along(a, c, mid)))) hi = mid;
                else lo = mid;
            }
            double[] b = along(a, c, hi);
            if (!overtaken(eval(b))) continue;
            double d = norm(a, b);
            if (d < bestNorm) {
                bestNorm = d;
                best = new double[][] {a.clone(), b};
            }
        }
        return best == null ? null : shrink(best, Double.NEGATIVE_INFINITY, true);
    }

    /**
     * Moves each coordinate of {@code b} (and of {@code a} unless fixed) towards the other input as far as the pair
     * stays a witness: the segment search leaves many small, useless components in {@code eps} under L1.
     */
    private double[][] shrink(double[][] pair, double lnAlpha, boolean fixedA) {
        double[] a = pair[0].clone();
        double[] b = pair[1].clone();
        for (int round = 0; round < 2 && !out(); round++) {
            for (int i = 0; i < a.length && !out(); i++) {
                if (a[i] == b[i]) continue;
                double bi = b[i];
                double lo = 0; // fraction of the gap removed, known to keep the witness
                double hi = 1;
                b[i] = a[i];
                if (overtaken(eval(b))) continue;
                for (int step = 0; step < 12; step++) {
                    double mid = 0.5 * (lo + hi);
                    b[i] = bi + mid * (a[i] - bi);
                    if (overtaken(eval(b))) lo = mid;
                    else hi = mid;
                }
                b[i] = bi + lo * (a[i] - bi);
                if (fixedA) continue;
                double ai = a[i];
                lo = 0;
                hi = 1;
                for (int step = 0; step < 12; step++) {
                    double mid = 0.5 * (lo + hi);
                    a[i] = ai + mid * (b[i] - ai);
                    if (margin(eval(a)) >= lnAlpha) lo = mid;
                    else hi = mid;
                }
                a[i] = ai + lo * (b[i] - ai);
            }
        }
        // Exact re-check of the shrunk pair; the unshrunk one is a witness by construction.
        if ((fixedA || margin(eval(a)) >= lnAlpha) && overtaken(eval(b))) return new double[][] {a, b};
        return pair;
    }

    private double[] random(Random rnd) {
        double[] x = new double[box.dimension()];
        for (int i = 0; i < x.length; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
        return x;
    }

    private double norm(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s = norm == ResilienceOptions.Norm.L1 ? s + Math.abs(b[i] - a[i]) : Math.max(s, Math.abs(b[i] - a[i]));
        return s;
    }

    private double[] along(double[] a, double[] c, double t) {
        double[] x = new double[a.length];
        // Clamped: rounding must not leave the box.
        for (int i = 0; i < a.length; i++) x[i] = Math.min(Math.max(a[i] + t * (c[i] - a[i]), box.lower(i)), box.upper(i));
        return x;
    }

    private double margin(double[] z) {
        return MaximumResilience.margin(z, m);
    }

    /** At least {@code k} classes other than {@code m} score at least {@code z_m}. */
    private boolean overtaken(double[] z) {
        int c = 0;
        for (int j = 0; j < z.length; j++) if (j != m && z[j] >= z[m]) c++;
        return c >= k;
    }
}
