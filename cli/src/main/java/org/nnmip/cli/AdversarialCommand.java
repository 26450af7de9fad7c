package org.nnmip.cli;

import static org.nnmip.nnverify.net.Evaluation.argmax;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.inverse.AdversarialProblem;
import org.nnmip.nnverify.inverse.InverseResult;
import org.nnmip.nnverify.inverse.MinimalAdversarial;
import org.nnmip.nnverify.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnmip adversarial}: the closest input (L1 or L∞) whose target output beats the source output. */
@Command(name = "adversarial", mixinStandardHelpOptions = true,
        description = {"Minimal adversarial example: minimise ||x - input|| subject to output TARGET >= F * output SOURCE",
                "(--factor, default 1.2; meaningful for non-negative outputs) or >= output SOURCE + M (--margin)."})
final class AdversarialCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.nnet, .onnx, .json).")
    Path net;

    @Option(names = "--input", required = true, paramLabel = "X1,...", description = "The original input.")
    String input;

    @Option(names = "--target", required = true, paramLabel = "J", description = "The output to make win.")
    int target;

    @Option(names = "--source", paramLabel = "I", description = "The output to beat (default: the original's arg max).")
    Integer source;

    @Option(names = "--factor", paramLabel = "F", description = "Require y_J >= F y_I (default 1.2).")
    Double factor;

    @Option(names = "--margin", paramLabel = "M", description = "Require y_J >= y_I + M instead.")
    Double margin;

    @Option(names = "--norm", paramLabel = "l1|linf", description = "Distance minimised (default l1).")
    String norm = "l1";

    @Option(names = "--max-change", paramLabel = "D", description = "Largest change of any one attribute.")
    Double maxChange;

    @Option(names = "--max-changed", paramLabel = "K", description = "Largest number of changed attributes.")
    Integer maxChanged;

    @Option(names = "--step", paramLabel = "S", description = "Least change of a changed attribute (default 0).")
    double step;

    @Option(names = "--start", paramLabel = "X1,...", description = "A known input of the target class, used as a MIP start "
            + "(completed by a forward pass; ignored if it misses the condition within the limits).")
    String start;

    @Mixin
    InverseOptions common = new InverseOptions();

    @Override
    public Integer call() throws IOException {
        if (factor != null && margin != null) throw new BadInputException("give at most one of --factor and --margin");
        AdversarialProblem.Norm nm = CliValues.choice("--norm", norm,
                Map.entry("l1", AdversarialProblem.Norm.L1), Map.entry("linf", AdversarialProblem.Norm.LINF));
        CliValues.nonNegative("--max-change", maxChange);
        CliValues.atLeast("--max-changed", maxChanged, 0);
        CliValues.nonNegativeFinite("--step", step);
        CliNetworks.Bounded l = CliNetworks.readWithBounds(net);
        Network network = l.network();
        double[] x = CliValues.numbers("--input", input, network.inputSize());
        int m = network.outputSize();
        CliValues.index("--target", target, m);
        int src = CliValues.index("--source", source != null ? source : argmax(network.apply(x)), m);
        if (src == target) throw new BadInputException("--target " + target + " is the source class; choose another or give --source");
        double[][] box = CliNetworks.inputBox(l, common.lo, common.hi);
        AdversarialProblem.Condition c = margin != null ? AdversarialProblem.Condition.MARGIN : AdversarialProblem.Condition.FACTOR;
        double v = margin != null ? margin : factor != null ? factor : 1.2;
        AdversarialProblem p = new AdversarialProblem(x, src, target, c, v, nm, box[0], box[1],
                maxChange == null ? Double.POSITIVE_INFINITY : maxChange, maxChanged == null ? -1 : maxChanged, step, common.integer);
        double[] x0 = start == null ? null : CliValues.numbers("--start", start, network.inputSize());
        InverseResult r = MinimalAdversarial.solve(network, p, VisualizeCommand.parameters(common.timeLimit), x0);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("source", src);
        extra.put("target", target);
        if (c == AdversarialProblem.Condition.FACTOR
                && IntervalBounds.compute(network, new Box(box[0], box[1])).outputLower()[src] < -1e-9) { // the bounds round outwards
            // With y_I < 0 the factor condition is weaker than y_J > y_I (thesis setting assumes non-negative outputs).
            extra.put("note", "output " + src + " may be negative over the box; consider --margin");
        }
        VisualizeCommand.print(spec.commandLine().getOut(), r, common.json, extra);
        return 0;
    }

}
