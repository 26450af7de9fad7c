package org.nnmip.nnverify.experiment;

import org.nnmip.nnverify.net.Network;

/**
 * Independent check of the integer adversarial optima: enumerates every integer point within an L1 radius of the
 * original (inside the bounds, the per-attribute cap and the changed-attribute count) and evaluates the network on
 * each by a plain forward pass. Searching radius {@code d* - 1} and finding nothing proves a solver's optimum
 * {@code d*} (distances between integer points are integers). A budget on the points visited keeps it cheap; past
 * it the outcome says the search was incomplete rather than guessing.
 */
final class InverseEnumeration {
    /** Question: reach {@code y[target] - y[source] >= margin}. */
    record Question(double[] original, int source, int target, double margin, int lower, int upper, int cap, int maxChanged) { }

    /**
     * @param complete  every point within the radius was evaluated
     * @param evaluated points evaluated
     * @param best      least L1 distance of a point meeting the condition (+inf when none was seen)
     * @param bestPoint that point (null when none)
     */
    record Outcome(boolean complete, long evaluated, double best, double[] bestPoint) { }

    private final Network net;
    private final Question q;
    private final long budget;
    private final double[] x;
    private long evaluated;
    private double best = Double.POSITIVE_INFINITY;
    private double[] bestPoint;

    private InverseEnumeration(Network net, Question q, long budget) {
        this.net = net;
        this.q = q;
        this.budget = budget;
        this.x = q.original().clone();
    }

    /** All integer points with L1 distance at most {@code radius}, unless more than {@code budget} of them. */
    static Outcome search(Network net, Question q, int radius, long budget) {
        InverseEnumeration e = new InverseEnumeration(net, q, budget);
        boolean complete = radius < 0 || e.visit(0, radius, q.maxChanged() < 0 ? Integer.MAX_VALUE : q.maxChanged(), 0);
        return new Outcome(complete, e.evaluated, e.best, e.bestPoint);
    }

    /** Depth-first over the attributes; false once the budget is exhausted. */
    private boolean visit(int i, int radiusLeft, int changesLeft, int used) {
        if (i == x.length) {
            if (++evaluated > budget) return false;
            double[] y = net.apply(x);
            if (y[q.target()] - y[q.source()] >= q.margin() && used < best) {
                best = used;
                bestPoint = x.clone();
            }
            return true;
        }
        double o = q.original()[i];
        int reach = changesLeft > 0 ? Math.min(radiusLeft, q.cap()) : 0;
        int down = (int) Math.min(reach, o - q.lower());
        int up = (int) Math.min(reach, q.upper() - o);
        for (int d = -down; d <= up; d++) {
            x[i] = o + d;
            int a = Math.abs(d);
            if (!visit(i + 1, radiusLeft - a, changesLeft - (d != 0 ? 1 : 0), used + a)) {
                x[i] = o;
                return false;
            }
        }
        x[i] = o;
        return true;
    }
}
