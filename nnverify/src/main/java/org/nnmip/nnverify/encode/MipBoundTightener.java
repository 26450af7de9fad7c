package org.nnmip.nnverify.encode;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * MIP-based look-back bound tightening (Cheng, Nührenberg &amp; Ruess 2017, "Maximum resilience of artificial
 * neural networks", Sec. 4, heuristic 1): for each unstable ReLU of a layer, minimise and maximise its
 * pre-activation over a MIP of only the last {@code lookBack} ReLU layers before it (binaries for those, every
 * earlier layer replaced by the bounds of the layer the slice starts from), with a per-neuron time and node budget.
 * The MIP's proven bound (not its incumbent) is kept, widened by a relative margin for solver tolerances, and only
 * where it is tighter. Layers go in order; the new bounds are propagated symbolically before the next layer.
 * Neurons of a layer run in parallel, each thread with its own copy of the slice's model.
 */
public final class MipBoundTightener {
    private static final double MARGIN = 1e-6;

    private MipBoundTightener() { }

    /** @param mips MIP solves, @param stabilised ReLUs that became stable, @param nodes branch-and-bound nodes */
    public record Result(NetworkBounds bounds, int mips, int stabilised, long nodes, long iterations) { }

    public static Result tighten(NetworkBounds start, int lookBack, double secondsPerNeuron, long nodesPerNeuron, int threads,
                                 long deadlineNanos) {
        if (lookBack < 1) throw new IllegalArgumentException("MIP tightening: look-back must be at least 1 layer, got " + lookBack);
        if (!(secondsPerNeuron > 0) || nodesPerNeuron < 1) throw new IllegalArgumentException("MIP tightening: per-neuron budget must be positive");
        if (threads < 1) throw new IllegalArgumentException("MIP tightening: threads must be at least 1, got " + threads);
        Network net = start.network();
        List<Integer> relus = new ArrayList<>();
        for (int k = 0; k < net.layerCount(); k++) if (net.layer(k) instanceof ReluLayer) relus.add(k);
        NetworkBounds b = start;
        int[] counters = new int[2]; // mips, stabilised
        long[] work = new long[2]; // nodes, iterations
        // The first ReLU layer's pre-activations are affine in the box: nothing to gain.
        for (int m = 1; m < relus.size() && System.nanoTime() < deadlineNanos; m++) {
            int k = relus.get(m);
            final NetworkBounds layerBounds = b;
            int[] unstable = java.util.stream.IntStream.range(0, net.layer(k).inputSize())
                    .filter(i -> layerBounds.lower(k - 1, i) < 0 && layerBounds.upper(k - 1, i) > 0).toArray();
            if (unstable.length == 0) continue;
            int from = m - lookBack <= 0 ? 0 : relus.get(m - lookBack);
            Network slice = slice(net, from, k);
            if (slice == null) {
                from = 0;
                slice = slice(net, 0, k);
            }
            NetworkBounds sliceBounds = b.suffix(from, slice);
            int last = slice.layerCount() - 1;
            double[] lo = b.lower(k - 1);
            double[] hi = b.upper(k - 1);
            NeuronWorkers.run(unstable, threads, deadlineNanos, () -> ReluMipEncoder.encode(sliceBounds), (enc, i) -> {
                AffineForm z = enc.neuron(last, i);
                double newLower = lo[i];
                double newUpper = hi[i];
                for (int dir = 0; dir < 2 && System.nanoTime() < deadlineNanos; dir++) {
                    boolean minimise = dir == 0;
                    Model model = enc.model();
                    setObjective(model, z, minimise);
                    double seconds = Math.min(secondsPerNeuron, Math.max(1e-3, (deadlineNanos - System.nanoTime()) / 1e9));
                    MipParameters params = MipParameters.defaults().withThreads(1).withTimeLimitSeconds(seconds).withNodeLimit(nodesPerNeuron);
                    MipResult r = new MipSolver().solve(model, params.withSafeBounds(true)); // only proven bounds tighten
                    synchronized (counters) {
                        counters[0]++;
                        work[0] += r.nodes();
                        work[1] += r.lpIterations();
                    }
                    // the bound means something once the root LP is solved: optimal, or a limit hit inside the tree
                    boolean proven = r.status() == MipStatus.OPTIMAL || (r.nodes() > 0 && (r.status() == MipStatus.TIME_LIMIT
                            || r.status() == MipStatus.NODE_LIMIT));
                    if (!proven || !Double.isFinite(r.bestBound())) continue;
                    double v = r.bestBound() + z.constant();
                    double slack = MARGIN * (1 + Math.abs(v)) + z.error(); // solver tolerance, then the form's rounding
                    if (minimise) newLower = Math.max(newLower, v - slack);
                    else newUpper = Math.min(newUpper, v + slack);
                }
                if (newLower > newUpper) return; // numerical noise on an (almost) point set: keep the old bounds
                lo[i] = newLower;
                hi[i] = newUpper;
            });
            for (int i : unstable) if (lo[i] >= 0 || hi[i] <= 0) counters[1]++;
            b = SymbolicBounds.tighten(b.restrictLayer(k - 1, lo, hi));
        }
        return new Result(b, counters[0], counters[1], work[0], work[1]);
    }

    /** Layers {@code from..to-1} as a network, or null when a residual add reaches back before the slice. */
    static Network slice(Network net, int from, int to) {
        List<Layer> layers = new ArrayList<>();
        for (int k = from; k < to; k++) {
            Layer layer = net.layer(k);
            if (layer instanceof ResidualAddLayer add) {
                if (add.source() < from - 1) return null;
                layer = new ResidualAddLayer(add.size(), add.source() - from);
            }
            layers.add(layer);
        }
        return new Network(net.sizeAfter(from - 1), layers);
    }

    private static void setObjective(Model model, AffineForm z, boolean minimise) {
        for (int j = 0; j < model.numVariables(); j++) model.setObjectiveCoefficient(model.variable(j), 0.0);
        for (int q = 0; q < z.size(); q++) model.setObjectiveCoefficient(model.variable(z.variables()[q]), z.coefficients()[q]);
        model.setObjectiveSense(minimise ? ObjectiveSense.MINIMIZE : ObjectiveSense.MAXIMIZE);
    }
}
