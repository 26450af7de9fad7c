package org.nnmip.nnverify.inverse;

import org.nnmip.mip.HeuristicContext;
import org.nnmip.mip.PrimalHeuristic;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.ReluMipEncoding;

/**
 * Turns a node's LP point into a MIP point: its input values clamped into the box (rounded for integer inputs), the
 * network evaluated there and every encoding variable set from the forward pass ({@link ReluMipEncoding#complete}),
 * then the problem's own variables filled by {@link Extras}. The big-M rows hold by construction, so without it the
 * search may wander many nodes before the branching alone fixes every ReLU phase consistently.
 */
final class CompletionHeuristic implements PrimalHeuristic {
    /** Sets the variables the problem added after the encoding (and its integer input copies). */
    interface Extras {
        void fill(double[] x, double[] point);
    }

    private final ReluMipEncoding encoding;
    private final Box box;
    private final boolean integer;
    private final Extras extras;

    CompletionHeuristic(ReluMipEncoding encoding, Box box, boolean integer, Extras extras) {
        this.encoding = encoding;
        this.box = box;
        this.integer = integer;
        this.extras = extras;
    }

    @Override
    public String name() {
        return "network-completion";
    }

    @Override
    public void run(HeuristicContext context) {
        double[] p = point(InverseModels.cleanInput(encoding.inputOf(context.lpSolution()), box, integer));
        if (p != null) context.submit(p);
    }

    /** The model point for input {@code x}, or null when some variable was left unset. */
    double[] point(double[] x) {
        double[] p = encoding.complete(x);
        if (integer) for (int i = 0; i < x.length; i++) p[encoding.encodedVariableCount() + i] = x[i];
        extras.fill(x, p);
        for (double v : p) if (!Double.isFinite(v)) return null;
        return p;
    }

    /** The box centre, rounded for integer inputs (a start point). */
    double[] center() {
        double[] c = new double[box.dimension()];
        for (int i = 0; i < c.length; i++) c[i] = 0.5 * (box.lower(i) + box.upper(i));
        return InverseModels.cleanInput(c, box, integer);
    }
}
