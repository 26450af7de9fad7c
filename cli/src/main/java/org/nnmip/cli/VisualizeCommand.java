package org.nnmip.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.inverse.FeatureVisualization;
import org.nnmip.nnverify.inverse.InverseResult;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.io.NetworkFormatException;
import org.nnmip.nnverify.io.NnetNetwork;
import org.nnmip.nnverify.io.NnetReader;
import org.nnmip.nnverify.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnmip visualize}: the input in a box that maximises (or minimises) one neuron (feature visualisation). */
@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = {"Feature visualisation: the input in a box maximising (or minimising) one neuron, solved exactly as a MIP.",
                "LAYER is the index of a network layer (its output; an affine layer before a ReLU gives the pre-activation) or 'output'.",
                ".nnet networks take normalised inputs; their stored input bounds (normalised) are the default box."})
final class VisualizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.nnet, .onnx, .json).")
    Path net;

    @Option(names = "--neuron", required = true, paramLabel = "LAYER:INDEX", description = "The neuron, e.g. 2:0 or output:1.")
    String neuron;

    @Option(names = "--minimize", description = "Minimise instead of maximise.")
    boolean minimize;

    @Mixin
    InverseOptions common = new InverseOptions();

    @Override
    public Integer call() throws IOException {
        Loaded l = load(net);
        Network network = l.network();
        int layer;
        int index;
        String[] parts = neuron.split(":");
        if (parts.length != 2) throw new BadInputException("--neuron: expected LAYER:INDEX, got '" + neuron + "'");
        try {
            layer = parts[0].trim().equalsIgnoreCase("output") ? network.layerCount() - 1 : Integer.parseInt(parts[0].trim());
            index = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("--neuron: expected LAYER:INDEX with integers (or LAYER 'output'), got '" + neuron + "'");
        }
        if (layer < 0 || layer >= network.layerCount()) {
            throw new BadInputException("--neuron: layer " + layer + " out of range [0, " + network.layerCount() + ")");
        }
        if (index < 0 || index >= network.sizeAfter(layer)) {
            throw new BadInputException("--neuron: index " + index + " out of range [0, " + network.sizeAfter(layer) + ") of layer " + layer);
        }
        double[][] box = box(l, common.lo, common.hi);
        InverseResult r = FeatureVisualization.neuron(network, box[0], box[1], layer, index, !minimize, common.integer, parameters(common.timeLimit));
        print(spec.commandLine().getOut(), r, common.json, null);
        return 0;
    }

    record Loaded(Network network, double[] lower, double[] upper) { }

    /** Reads the network; a .nnet file also gives its (normalised) input bounds. */
    static Loaded load(Path file) throws IOException {
        try {
            if (file.toString().toLowerCase(Locale.ROOT).endsWith(".nnet")) {
                NnetNetwork n = NnetReader.read(file);
                return new Loaded(n.rawNetwork(), n.normalizeInput(n.inputMins()), n.normalizeInput(n.inputMaxes()));
            }
            return new Loaded(NetworkFiles.read(file), null, null);
        } catch (NetworkFormatException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The input box from --lo/--hi, else the network's own bounds. */
    static double[][] box(Loaded l, String lo, String hi) {
        int n = l.network().inputSize();
        if ((lo == null) != (hi == null)) throw new BadInputException("--lo and --hi must be given together");
        if (lo == null) {
            if (l.lower() == null) throw new BadInputException("the network has no input bounds: give --lo and --hi");
            return new double[][] {l.lower(), l.upper()};
        }
        double[] a = LipschitzCommand.vector(lo, "--lo", n);
        double[] b = LipschitzCommand.vector(hi, "--hi", n);
        for (int i = 0; i < n; i++) {
            if (!(a[i] <= b[i])) throw new BadInputException("--lo/--hi: component " + i + " has lo " + a[i] + " > hi " + b[i]);
        }
        return new double[][] {a, b};
    }

    static MipParameters parameters(Double timeLimit) {
        MipParameters p = MipParameters.defaults().withThreads(1).withRelativeGap(1e-9).withAbsoluteGap(1e-9);
        if (timeLimit != null) {
            if (!(timeLimit > 0)) throw new BadInputException("--time-limit must be positive, got " + timeLimit);
            p = p.withTimeLimitSeconds(timeLimit);
        }
        return p;
    }

    static void print(PrintWriter out, InverseResult r, boolean json, Map<String, Object> extra) throws IOException {
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("status", r.status());
            f.put("objective", SolveCommand.number(r.objective()));
            f.put("bound", SolveCommand.number(r.bound()));
            f.put("input", r.hasPoint() ? r.input() : null);
            f.put("output", r.hasPoint() ? r.output() : null);
            if (extra != null) f.putAll(extra);
            out.println(new ObjectMapper().writeValueAsString(f));
        } else {
            out.println("status    " + r.status());
            if (r.hasPoint()) {
                out.println(String.format(Locale.ROOT, "objective %.10g", r.objective()));
                out.println("input     " + join(r.input()));
                out.println("output    " + join(r.output()));
            }
            if (extra != null) for (Map.Entry<String, Object> e : extra.entrySet()) out.println(e.getKey() + " " + e.getValue());
        }
        out.flush();
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", v[i]));
        return sb.toString();
    }
}
