package org.nnmip.nnverify.inverse;

import java.util.Arrays;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;

/**
 * Feature visualisation as a MIP: the input in a box that maximises (or minimises) a linear function of one layer's
 * output, e.g. a single hidden neuron or an output (Fischetti &amp; Jo 2018, "Deep neural networks and mixed integer
 * linear optimization", Sec. 4, "feature visualization"). Layer {@code k} is the output of {@code net.layer(k)};
 * for a hidden neuron choose the affine layer before its ReLU to get the pre-activation value; {@code k = -1} is the input.
 */
public final class FeatureVisualization {
    /** Relative tolerance of the forward-pass re-check of the solver's objective. */
    static final double RECHECK_TOLERANCE = 1e-5;

    private FeatureVisualization() { }

    /** Optimises neuron {@code index} of layer {@code layer}'s output. */
    public static InverseResult neuron(Network net, double[] lo, double[] hi, int layer, int index, boolean maximize,
                                       boolean integer, MipParameters params) {
        checkLayer(net, layer);
        int size = net.sizeAfter(layer);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("neuron: index " + index + " out of range [0, " + size + ") of layer " + layer);
        }
        double[] w = new double[size];
        w[index] = 1.0;
        return linear(net, lo, hi, layer, w, maximize, integer, params);
    }

    /** Optimises {@code weights . (layer output)} over the box (integer points only when {@code integer}). */
    public static InverseResult linear(Network net, double[] lo, double[] hi, int layer, double[] weights, boolean maximize,
                                       boolean integer, MipParameters params) {
        checkLayer(net, layer);
        if (weights.length != net.sizeAfter(layer)) {
            throw new IllegalArgumentException("weights: expected " + net.sizeAfter(layer) + " values for layer " + layer + ", got " + weights.length);
        }
        checkBox(net, lo, hi);
        long start = System.nanoTime();
        Box box = InverseModels.inputBox(lo, hi, integer);
        if (box == null) return InverseResult.withoutPoint("infeasible", Double.NaN, start, 0);
        // Layers after the optimised one do not constrain it: encode only the prefix.
        Network prefix = new Network(net.inputSize(), net.layers().subList(0, Math.max(layer, 0) + 1));
        ReluMipEncoding enc = InverseModels.encode(prefix, box, integer);
        Model model = enc.model();
        AffineForm[] forms = new AffineForm[weights.length];
        for (int i = 0; i < forms.length; i++) forms[i] = enc.neuron(layer, i);
        double[] dense = InverseModels.combine(model, forms, weights);
        InverseModels.setObjective(model, dense);
        model.setObjectiveSense(maximize ? ObjectiveSense.MAXIMIZE : ObjectiveSense.MINIMIZE);
        CompletionHeuristic heuristic = new CompletionHeuristic(enc, box, integer, (x, p) -> { });
        double[] centre = heuristic.point(heuristic.center());
        if (centre != null) model.setStart(centre);
        MipResult r = new MipSolver().addHeuristic(heuristic).solve(model, params.withSafeBounds(true)); // certified bound
        if (r.status() == MipStatus.INFEASIBLE) return InverseResult.withoutPoint("infeasible", Double.NaN, start, r.nodes());
        if (r.incumbent().isEmpty()) return InverseResult.withoutPoint(r.status().jsonName(), r.bestBound(), start, r.nodes());
        double[] x = InverseModels.cleanInput(enc.inputOf(r.incumbent().get()), box, integer);
        double[] layerOut = layer < 0 ? x.clone() : net.evaluate(x).layerOutput(layer);
        double value = 0;
        for (int i = 0; i < weights.length; i++) value += weights[i] * layerOut[i];
        String status = r.status() == MipStatus.OPTIMAL ? "optimal" : "feasible";
        if (Math.abs(value - r.objective()) > RECHECK_TOLERANCE * (1 + Math.abs(value))) status = "unverified";
        return new InverseResult(status, value, r.bestBound(), x, net.apply(x), InverseResult.seconds(start), r.nodes());
    }

    static void checkLayer(Network net, int layer) {
        if (layer < -1 || layer >= net.layerCount()) {
            throw new IllegalArgumentException("layer: " + layer + " out of range [-1, " + net.layerCount() + ")");
        }
    }

    static void checkBox(Network net, double[] lo, double[] hi) {
        int n = net.inputSize();
        if (lo.length != n || hi.length != n) {
            throw new IllegalArgumentException("input box: expected " + n + " bounds, got " + lo.length + " and " + hi.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i]) || lo[i] > hi[i]) {
                throw new IllegalArgumentException("input box: component " + i + " [" + lo[i] + ", " + hi[i] + "] is not a finite interval");
            }
        }
    }

    /** Lowest and highest value of every output over the box (two MIPs per output). */
    public static OutputRange outputRange(Network net, double[] lo, double[] hi, boolean integer, MipParameters params) {
        int m = net.outputSize();
        double[] min = new double[m];
        double[] max = new double[m];
        boolean exact = true;
        for (int j = 0; j < m; j++) {
            InverseResult a = neuron(net, lo, hi, net.layerCount() - 1, j, false, integer, params);
            InverseResult b = neuron(net, lo, hi, net.layerCount() - 1, j, true, integer, params);
            if (a.isInfeasible() || b.isInfeasible()) {
                Arrays.fill(min, Double.NaN);
                Arrays.fill(max, Double.NaN);
                return new OutputRange(min, max, false);
            }
            // Without a proven optimum the solver's bound still encloses the range.
            min[j] = a.isOptimal() ? a.objective() : a.bound();
            max[j] = b.isOptimal() ? b.objective() : b.bound();
            exact &= a.isOptimal() && b.isOptimal();
        }
        return new OutputRange(min, max, exact);
    }

    /**
     * Output ranges; {@code exact} when every end point is an attained optimum, else the ends are solver bounds
     * (an enclosure), or NaN when the box has no (integer) point.
     */
    public record OutputRange(double[] min, double[] max, boolean exact) {
        public OutputRange {
            min = min.clone();
            max = max.clone();
        }
        @Override public double[] min() { return min.clone(); }
        @Override public double[] max() { return max.clone(); }
    }
}
