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
        CliNetworks.Bounded l = CliNetworks.readWithBounds(net);
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
        CliValues.index("--neuron: layer", layer, network.layerCount());
        CliValues.index("--neuron: layer " + layer + " index", index, network.sizeAfter(layer));
        double[][] box = CliNetworks.inputBox(l, common.lo, common.hi);
        InverseResult r = FeatureVisualization.neuron(network, box[0], box[1], layer, index, !minimize, common.integer, parameters(common.timeLimit));
        print(spec.commandLine().getOut(), r, common.json, null);
        return 0;
    }

    static MipParameters parameters(Double timeLimit) {
        MipParameters p = MipParameters.defaults().withThreads(1).withRelativeGap(1e-9).withAbsoluteGap(1e-9);
        CliValues.positive("--time-limit", timeLimit);
        if (timeLimit != null) p = p.withTimeLimitSeconds(timeLimit);
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
            f.put("nodes", r.nodes());
            f.put("time_s", r.timeSeconds());
            if (extra != null) f.putAll(extra);
            out.println(new ObjectMapper().writeValueAsString(f));
        } else {
            out.println("status    " + r.status());
            if (r.hasPoint()) {
                out.println(String.format(Locale.ROOT, "objective %.10g", r.objective()));
                out.println("input     " + CliValues.list(r.input()));
                out.println("output    " + CliValues.list(r.output()));
            }
            if (extra != null) for (Map.Entry<String, Object> e : extra.entrySet()) out.println(e.getKey() + " " + e.getValue());
        }
        out.flush();
    }

}
