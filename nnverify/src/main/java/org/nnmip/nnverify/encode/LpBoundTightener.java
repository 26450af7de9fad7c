package org.nnmip.nnverify.encode;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.SafeDualBound;
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
 * bounds are pushed forward by symbolic propagation. A new bound is not the LP optimum (which is only as exact as
 * the simplex tolerances) but the rigorous bound of the LP's duals with outward rounding ({@link SafeDualBound},
 * Neumaier &amp; Shcherbina 2004), widened by the composed affine form's rigorous error bound
 * ({@link AffineForm#error()}) and a further {@value #ENCODING_MARGIN} relative; an LP whose duals certify nothing leaves the old bound.
 */
public final class LpBoundTightener {
    private static final double ENCODING_MARGIN = 1e-9;

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
            double[] cost = new double[lp.numColumns()];
            double[] colLo = lp.columnLowerCopy();
            double[] colUp = lp.columnUpperCopy();
            int size = net.layer(k).inputSize();
            for (int i = 0; i < size && System.nanoTime() < deadlineNanos; i++) {
                double l = b.lower(k - 1, i);
                double u = b.upper(k - 1, i);
                if (l >= 0 || u <= 0) continue;
                AffineForm z = enc.neuron(k - 1, i);
                double[] r = neuronBounds(solver, lp, cost, colLo, colUp, previous, z, l, u);
                previous = z.variables();
                lps += 2;
                double newLower = r[0];
                double newUpper = r[1];
                if (newLower > newUpper) continue; // numerical noise on an (almost) point set: keep the old bounds
                if (newLower >= 0 || newUpper <= 0) stabilised++;
                b = b.restrict(k - 1, i, newLower, newUpper);
            }
            iterations += solver.iterations();
            b = SymbolicBounds.tighten(b);
        }
        return new Result(b, lps, stabilised, iterations);
    }

    /**
     * {lower, upper} of {@code z} over the relaxation held by {@code solver} (objective zero except on
     * {@code previous}, which is cleared first), never looser than {@code [l, u]}: each side is the rigorous bound of
     * the LP's duals, widened for the encoding's rounding; a side whose LP certifies nothing keeps the old value.
     */
    static double[] neuronBounds(LpSolver solver, LpProblem lp, double[] cost, double[] colLo, double[] colUp,
                                 int[] previous, AffineForm z, double l, double u) {
        for (int j : previous) {
            solver.setObjective(j, 0.0);
            cost[j] = 0.0;
        }
        double newLower = l;
        double newUpper = u;
        for (int dir = 0; dir < 2; dir++) {
            double sign = dir == 0 ? 1.0 : -1.0;
            for (int q = 0; q < z.size(); q++) {
                cost[z.variables()[q]] = sign * z.coefficients()[q];
                solver.setObjective(z.variables()[q], cost[z.variables()[q]]);
            }
            if (solver.solve() != LpStatus.OPTIMAL) continue;
            // min sign*z'x >= safe, so z'x + c >= safe + c (dir 0) or <= -safe + c (dir 1)
            double safe = SafeDualBound.lowerBound(lp, cost, 0.0, colLo, colUp, solver.result().rowDuals());
            if (!Double.isFinite(safe)) continue;
            if (dir == 0) {
                double v = Math.nextDown(Math.nextDown(safe + z.constant()) - z.error());
                newLower = Math.max(newLower, Math.nextDown(v - ENCODING_MARGIN * (1 + Math.abs(v))));
            } else {
                double v = Math.nextUp(Math.nextUp(-safe + z.constant()) + z.error());
                newUpper = Math.min(newUpper, Math.nextUp(v + ENCODING_MARGIN * (1 + Math.abs(v))));
            }
        }
        return new double[] {newLower, newUpper};
    }
}
