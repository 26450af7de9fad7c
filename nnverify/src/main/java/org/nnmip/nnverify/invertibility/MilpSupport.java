package org.nnmip.nnverify.invertibility;

import java.util.TreeMap;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.model.Model;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.encode.AffineForm;

/** Row building and solving helpers shared by the two invertibility MILPs. */
final class MilpSupport {
    private MilpSupport() { }

    /** Sound pre-activation bounds: interval propagation intersected with symbolic back-substitution. */
    static NetworkBounds bounds(org.nnmip.nnverify.net.Network net, Box box) {
        return IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box));
    }

    /** Adds {@code lo <= a - b <= hi}, merging shared variables and moving the constants to the sides. */
    static void addDifference(Model model, String name, AffineForm a, AffineForm b, double lo, double hi) {
        TreeMap<Integer, Double> terms = new TreeMap<>();
        for (int k = 0; k < a.size(); k++) terms.merge(a.variables()[k], a.coefficients()[k], Double::sum);
        for (int k = 0; k < b.size(); k++) terms.merge(b.variables()[k], -b.coefficients()[k], Double::sum);
        int[] vars = new int[terms.size()];
        double[] coef = new double[terms.size()];
        int p = 0;
        for (var e : terms.entrySet()) {
            vars[p] = e.getKey();
            coef[p++] = e.getValue();
        }
        double c = a.constant() - b.constant();
        model.addConstraint(name, vars, coef, lo - c, hi - c);
    }

    static MipResult solve(Model model, InvertibilityOptions o, double threshold) {
        MipParameters params = MipParameters.defaults().withThreads(o.threads()).withTimeLimitSeconds(o.timeLimitSeconds())
                .withAbsoluteGap(Math.min(o.injectivityTol(), o.radiusTol()) / 2);
        if (!Double.isNaN(threshold)) params = params.withObjectiveThreshold(threshold);
        MipResult r = new MipSolver().solve(model, params.withSafeBounds(true)); // certified radius
        return r;
    }

    static double[] part(double[] v, int from, int length) {
        double[] r = new double[length];
        System.arraycopy(v, from, r, 0, length);
        return r;
    }
}
