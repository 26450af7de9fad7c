package org.nnmip.nnverify.encode;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * LP-based tightening of the pre-activation bounds of unstable ReLUs (Tjeng et al. 2019, Sec. 4.3 "progressive
 * bounds tightening"; Bunel et al. 2018, "A unified view of piecewise linear neural network verification",
 * Sec. 5.1): layer by layer, the big-M relaxation built with the bounds tightened so far is minimised and maximised
 * over each unstable neuron's pre-activation, warm-started from the previous LP's basis; after each layer the new
 * bounds are pushed forward by symbolic propagation. LP optima are widened by a safety margin for the simplex
 * tolerances, so the bounds stay sound.
 */
public final class LpBoundTightener {
    private static final double MARGIN = 1e-6;

    private LpBoundTightener() { }

    /** @param lps LP solves, @param stabilised ReLUs that became stable */
    public record Result(NetworkBounds bounds, int lps, int stabilised, long iterations) { }

    public static Result tighten(NetworkBounds start, long deadlineNanos) {
        Network net = start.network();
        NetworkBounds b = start;
        int lps = 0;
        int stabilised = 0;
        long iterations = 0;
        boolean seenRelu = false;
        for (int k = 0; k < net.layerCount() && System.nanoTime() < deadlineNanos; k++) {
            if (!(net.layer(k) instanceof ReluLayer)) continue;
            // The first ReLU layer's pre-activations are affine in the box: symbolic bounds are already exact.
            if (!seenRelu) {
                seenRelu = true;
                continue;
            }
            ReluMipEncoding enc = ReluMipEncoder.encode(b);
            LpProblem lp = enc.model().toLpProblem();
            lp.setSense(Sense.MINIMIZE);
            for (int j = 0; j < lp.numColumns(); j++) lp.setObjective(j, 0.0);
            LpSolver solver = new LpSolver(lp, LpParameters.defaults().withVectorKernels(false));
            int[] previous = new int[0];
            int size = net.layer(k).inputSize();
            for (int i = 0; i < size && System.nanoTime() < deadlineNanos; i++) {
                double l = b.lower(k - 1, i);
                double u = b.upper(k - 1, i);
                if (l >= 0 || u <= 0) continue;
                AffineForm z = enc.neuron(k - 1, i);
                for (int j : previous) solver.setObjective(j, 0.0);
                previous = z.variables();
                double newLower = l;
                double newUpper = u;
                for (int dir = 0; dir < 2; dir++) {
                    double sign = dir == 0 ? 1.0 : -1.0;
                    for (int q = 0; q < z.size(); q++) solver.setObjective(z.variables()[q], sign * z.coefficients()[q]);
                    LpStatus st = solver.solve();
                    lps++;
                    if (st != LpStatus.OPTIMAL) continue;
                    double v = sign * solver.objectiveValue() + z.constant();
                    double slack = MARGIN * (1 + Math.abs(v));
                    if (dir == 0) newLower = Math.max(newLower, v - slack);
                    else newUpper = Math.min(newUpper, v + slack);
                }
                if (newLower > newUpper) continue; // numerical noise on an (almost) point set: keep the old bounds
                if (newLower >= 0 || newUpper <= 0) stabilised++;
                b = b.restrict(k - 1, i, newLower, newUpper);
            }
            iterations += solver.iterations();
            b = SymbolicBounds.tighten(b);
        }
        return new Result(b, lps, stabilised, iterations);
    }
}
