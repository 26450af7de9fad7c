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
 * The LP tightening of {@link LpBoundTightener} with the neurons of a layer spread over threads: each thread owns
 * an LP of the layer's big-M relaxation and warm-starts it from neuron to neuron (only the objective changes). The
 * bounds found in a layer are applied together and pushed forward symbolically before the next layer's LPs, as in
 * the sequential version (which also builds one relaxation per layer). LP optima are widened by a relative margin
 * for the simplex tolerances.
 */
public final class ParallelLpBoundTightener {
    private static final double MARGIN = 1e-6;

    private ParallelLpBoundTightener() { }

    public static LpBoundTightener.Result tighten(NetworkBounds start, int threads, long deadlineNanos) {
        if (threads < 1) throw new IllegalArgumentException("LP tightening: threads must be at least 1, got " + threads);
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
            final NetworkBounds layerBounds = b;
            final int layer = k;
            int size = net.layer(k).inputSize();
            int[] unstable = java.util.stream.IntStream.range(0, size)
                    .filter(i -> layerBounds.lower(layer - 1, i) < 0 && layerBounds.upper(layer - 1, i) > 0).toArray();
            if (unstable.length == 0) continue;
            ReluMipEncoding enc = ReluMipEncoder.encode(b);
            double[] lo = b.lower(k - 1);
            double[] hi = b.upper(k - 1);
            int[] solved = new int[1];
            long[] iters = new long[1];
            NeuronWorkers.run(unstable, threads, deadlineNanos, () -> new Worker(enc), (w, i) -> {
                double[] r = w.bounds(enc.neuron(layer - 1, i), lo[i], hi[i]);
                synchronized (solved) {
                    solved[0] += 2;
                    iters[0] += w.takeIterations();
                }
                // each neuron is written by exactly one thread; read only after all threads joined
                lo[i] = r[0];
                hi[i] = r[1];
            });
            lps += solved[0];
            iterations += iters[0];
            double[] oldLo = b.lower(k - 1);
            double[] oldHi = b.upper(k - 1);
            for (int i : unstable) {
                if (lo[i] > hi[i]) { // numerical noise on an (almost) point set: keep the old bounds
                    lo[i] = oldLo[i];
                    hi[i] = oldHi[i];
                }
                if (lo[i] >= 0 || hi[i] <= 0) stabilised++;
            }
            b = SymbolicBounds.tighten(b.restrictLayer(k - 1, lo, hi));
        }
        return new LpBoundTightener.Result(b, lps, stabilised, iterations);
    }

    /** One thread's LP of the layer's relaxation. */
    private static final class Worker {
        final LpSolver solver;
        int[] previous = new int[0];
        long lastIterations;

        Worker(ReluMipEncoding enc) {
            LpProblem lp = enc.model().toLpProblem();
            lp.setSense(Sense.MINIMIZE);
            for (int j = 0; j < lp.numColumns(); j++) lp.setObjective(j, 0.0);
            solver = new LpSolver(lp, LpParameters.defaults().withVectorKernels(false));
        }

        long takeIterations() {
            long now = solver.iterations();
            long d = now - lastIterations;
            lastIterations = now;
            return d;
        }

        /** {lower, upper} of {@code z} over the relaxation, never looser than {@code [l, u]}. */
        double[] bounds(AffineForm z, double l, double u) {
            for (int j : previous) solver.setObjective(j, 0.0);
            previous = z.variables();
            double newLower = l;
            double newUpper = u;
            for (int dir = 0; dir < 2; dir++) {
                double sign = dir == 0 ? 1.0 : -1.0;
                for (int q = 0; q < z.size(); q++) solver.setObjective(z.variables()[q], sign * z.coefficients()[q]);
                LpStatus st = solver.solve();
                if (st != LpStatus.OPTIMAL) continue;
                double v = sign * solver.objectiveValue() + z.constant();
                double slack = MARGIN * (1 + Math.abs(v));
                if (dir == 0) newLower = Math.max(newLower, v - slack);
                else newUpper = Math.min(newUpper, v + slack);
            }
            return new double[] {newLower, newUpper};
        }
    }
}
