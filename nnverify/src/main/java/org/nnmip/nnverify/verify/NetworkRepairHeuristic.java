package org.nnmip.nnverify.verify;

import org.nnmip.mip.HeuristicContext;
import org.nnmip.mip.PrimalHeuristic;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.ReluMipEncoding;

/**
 * Turns a node's LP point into a feasible MIP point: the LP's input values clamped into the box, improved by a few
 * gradient steps on the margin, then the network is evaluated and every encoding variable (ReLU outputs and phases,
 * pool outputs and selectors) and the margin variable set from that forward pass. Such a point is feasible for the
 * big-M encoding by construction, and its objective is the true margin of a network input.
 */
final class NetworkRepairHeuristic implements PrimalHeuristic {
    private final ReluMipEncoding encoding;
    private final SlackFunction slack;
    private final Box box;
    private final int marginVariable;
    private final int steps;

    NetworkRepairHeuristic(ReluMipEncoding encoding, SlackFunction slack, Box box, int marginVariable, int steps) {
        this.encoding = encoding;
        this.slack = slack;
        this.box = box;
        this.marginVariable = marginVariable;
        this.steps = steps;
    }

    @Override
    public String name() {
        return "network-repair";
    }

    @Override
    public void run(HeuristicContext context) {
        double[] x = Falsifier.clamp(box, encoding.inputOf(context.lpSolution()));
        Falsifier local = new Falsifier(encoding.network(), slack); // per call: thread-safe
        Falsifier.Point p = local.ascend(box, x, steps, Long.MAX_VALUE);
        context.submit(point(p.x()));
    }

    /** The full model point for input {@code x}. */
    double[] point(double[] x) {
        double[] p = encoding.complete(x);
        p[marginVariable] = slack.margin(encoding.network().apply(x));
        return p;
    }
}
