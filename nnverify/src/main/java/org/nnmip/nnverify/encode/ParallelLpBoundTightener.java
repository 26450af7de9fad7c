package org.nnmip.nnverify.encode;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.Sense;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * The LP tightening of {@link LpBoundTightener} with the neurons of a layer spread over threads: each thread owns
 * an LP of the layer's big-M relaxation and warm-starts it from neuron to neuron (only the objective changes). The
 * bounds found in a layer are applied together and pushed forward symbolically before the next layer's LPs, as in
 * the sequential version (which also builds one relaxation per layer). Each bound is the rigorous bound of the LP's
 * duals ({@link LpBoundTightener#neuronBounds}), never the LP objective.
 */
public final class ParallelLpBoundTightener {
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
        final LpProblem lp;
        final double[] cost;
        final double[] colLo;
        final double[] colUp;
        int[] previous = new int[0];
        long lastIterations;

        Worker(ReluMipEncoding enc) {
            lp = enc.model().toLpProblem();
            lp.setSense(Sense.MINIMIZE);
            for (int j = 0; j < lp.numColumns(); j++) lp.setObjective(j, 0.0);
            solver = new LpSolver(lp, LpParameters.defaults().withVectorKernels(false));
            cost = new double[lp.numColumns()];
            colLo = lp.columnLowerCopy();
            colUp = lp.columnUpperCopy();
        }

        long takeIterations() {
            long now = solver.iterations();
            long d = now - lastIterations;
            lastIterations = now;
            return d;
        }

        /** {lower, upper} of {@code z}: the same rigorous per-neuron bound as the sequential tightener. */
        double[] bounds(AffineForm z, double l, double u) {
            double[] r = LpBoundTightener.neuronBounds(solver, lp, cost, colLo, colUp, previous, z, l, u);
            previous = z.variables();
            return r;
        }
    }
}
