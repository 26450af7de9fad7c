package org.nnmip.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nnmip.nnverify.io.AtomicFile;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.io.NnetWriter;
import org.nnmip.nnverify.io.OnnxWriter;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.train.CsvDatasets;
import org.nnmip.nnverify.train.Dataset;
import org.nnmip.nnverify.train.DatasetFormatException;
import org.nnmip.nnverify.train.EpochListener;
import org.nnmip.nnverify.train.Loss;
import org.nnmip.nnverify.train.MagnitudePruning;
import org.nnmip.nnverify.train.MlpTrainer;
import org.nnmip.nnverify.train.Optimizer;
import org.nnmip.nnverify.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnmip train}: trains a fully connected ReLU network on CSV data and writes it as JSON, .nnet or ONNX. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a fully connected ReLU network (affine, ReLU, ..., affine) on CSV data and write it.",
                "Regression: the last K columns are the targets (--targets, default: the output size). Classification:",
                "--label-column; labels are sorted and numbered 0..k-1. The output format follows --out's extension.",
                "The same data, options and --seed give a byte-identical file."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "Training data (comma-separated; header row optional).")
    Path data;

    @Option(names = "--layers", paramLabel = "N0,N1,...", description = "Layer sizes: inputs, hidden layers, outputs (e.g. 2,32,32,2).")
    String layers;

    @Option(names = "--targets", paramLabel = "K", description = "Regression: the last K columns are the targets (default: the output size).")
    Integer targets;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "Classification: the label column, by header name or 0-based index (-1 = last).")
    String labelColumn;

    @Option(names = "--loss", paramLabel = "mse|ce", description = "Loss: mse or ce (softmax cross-entropy). Default: ce with --label-column, else mse.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "Optimizer (default adam).")
    String optimizer = "adam";

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default 1e-3).")
    double lr = 1e-3;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default 100).")
    int epochs = 100;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default 32).")
    int batch = 32;

    @Option(names = "--l1", paramLabel = "X", description = "L1 weight penalty (default 0).")
    double l1;

    @Option(names = "--l2", paramLabel = "X", description = "L2 weight penalty (default 0).")
    double l2;

    @Option(names = "--fgsm", paramLabel = "EPS", description = "FGSM adversarial training with this epsilon (default 0: off).")
    double fgsm;

    @Option(names = "--prune", paramLabel = "SPARSITY", description = "After training, zero this fraction of weights (magnitude pruning) and fine-tune.")
    Double prune;

    @Option(names = "--prune-scope", paramLabel = "layer|global", description = "Prune each layer to the sparsity, or all weights together (default layer).")
    String pruneScope;

    @Option(names = "--finetune-epochs", paramLabel = "N", description = "Fine-tuning epochs after pruning, pruned weights kept zero (default: --epochs).")
    Integer finetuneEpochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialisation and batch order (default 1).")
    long seed = 1;

    @Option(names = "--test-data", paramLabel = "FILE.csv", description = "Test data with the training data's columns; reported, not trained on.")
    Path testData;

    @Option(names = "--out", paramLabel = "NET.json|.nnet|.onnx", description = "Output network; written only when training succeeds.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object (loss curve, final metrics, sparsity, output) instead of text.")
    boolean json;

    /** The options after validation. */
    private record Plan(int[] sizes, String format, TrainingConfig config, MagnitudePruning.Scope scope, int finetune) { }

    @Override
    public Integer call() throws IOException {
        Plan plan = validate();
        PrintWriter stdout = spec.commandLine().getOut();
        // With --json, standard output carries only the object; progress goes to standard error.
        PrintWriter log = json ? spec.commandLine().getErr() : stdout;

        CsvDatasets.Loaded train = load(data, null, plan.sizes()[plan.sizes().length - 1]);
        checkShape(plan.sizes(), train, data);
        CsvDatasets.Loaded test = null;
        if (testData != null) {
            test = load(testData, train.classes(), plan.sizes()[plan.sizes().length - 1]);
            checkShape(plan.sizes(), test, testData);
        }
        Dataset d = train.data();
        boolean classify = labelColumn != null || plan.config().loss() == Loss.CROSS_ENTROPY;
        if (!json) {
            log.printf(Locale.ROOT, "data: %s, %d samples, %d input(s), %s%n", data, d.size(), d.inputSize(),
                    train.classes().isEmpty() ? d.targetSize() + " target(s)" : train.classes().size() + " classes");
            if (!train.classes().isEmpty()) log.println("classes: " + classMap(train.classes()));
        }

        List<Double> curve = new ArrayList<>();
        Network net = train(plan.config(), plan.sizes(), null, d, curve, "epoch", log);
        List<Double> fineCurve = new ArrayList<>();
        if (prune != null) {
            Network pruned = MagnitudePruning.prune(net, prune, plan.scope());
            log.printf(Locale.ROOT, "pruned to %.1f%% sparsity (%s); fine-tuning %d epochs%n", 100 * MagnitudePruning.sparsity(pruned),
                    plan.scope() == MagnitudePruning.Scope.GLOBAL ? "global" : "per layer", plan.finetune());
            net = train(plan.config().withKeepZeroWeights(true).withEpochs(plan.finetune()), plan.sizes(), pruned, d, fineCurve, "fine-tune epoch", log);
        }

        Loss lossKind = plan.config().loss();
        double trainLoss = MlpTrainer.loss(net, d, lossKind);
        Double trainAcc = classify ? MlpTrainer.accuracy(net, d) : null;
        Double testLoss = test == null ? null : MlpTrainer.loss(net, test.data(), lossKind);
        Double testAcc = test == null || !classify ? null : MlpTrainer.accuracy(net, test.data());
        double sparsity = MagnitudePruning.sparsity(net);

        write(net, plan.format(), d);

        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("output", out.toString());
            o.put("format", plan.format());
            ArrayNode ls = o.putArray("layers");
            for (int s : plan.sizes()) ls.add(s);
            o.put("loss", lossKind == Loss.MSE ? "mse" : "ce");
            o.put("samples", d.size());
            if (!train.classes().isEmpty()) {
                ArrayNode cs = o.putArray("classes");
                train.classes().forEach(cs::add);
            }
            ArrayNode c = o.putArray("lossCurve");
            curve.forEach(v -> addNumber(c, v));
            if (prune != null) {
                ArrayNode f = o.putArray("finetuneLossCurve");
                fineCurve.forEach(v -> addNumber(f, v));
            }
            metrics(o.putObject("train"), trainLoss, trainAcc);
            if (test != null) metrics(o.putObject("test"), testLoss, testAcc);
            o.put("sparsity", sparsity);
            stdout.println(mapper.writeValueAsString(o));
        } else {
            stdout.println("train: " + metricsText(trainLoss, trainAcc));
            if (test != null) stdout.println("test:  " + metricsText(testLoss, testAcc) + " (" + test.data().size() + " samples)");
            stdout.printf(Locale.ROOT, "sparsity: %.1f%%%n", 100 * sparsity);
            stdout.println("wrote " + out);
        }
        return 0;
    }

    private Plan validate() {
        if (data == null) throw new BadInputException("train: missing --data FILE.csv");
        if (layers == null) throw new BadInputException("train: missing --layers N0,N1,... (e.g. 2,32,32,2)");
        if (out == null) throw new BadInputException("train: missing --out NET.json|.nnet|.onnx");
        int[] sizes = parseLayers(layers);
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".json") ? "json" : name.endsWith(".nnet") ? "nnet" : name.endsWith(".onnx") ? "onnx" : null;
        if (format == null) throw new BadInputException("--out " + out + ": unknown extension, expected .json, .nnet or .onnx");
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new BadInputException("--out " + out + ": directory " + dir + " does not exist");
        if (Files.isDirectory(out)) throw new BadInputException("--out " + out + ": is a directory");
        if (targets != null && labelColumn != null) throw new BadInputException("--targets and --label-column exclude each other (regression or classification)");
        CliValues.atLeast("--targets", targets, 1);
        Loss lossKind = CliValues.choice("--loss", loss == null ? (labelColumn != null ? "ce" : "mse") : loss,
                Map.entry("mse", Loss.MSE), Map.entry("ce", Loss.CROSS_ENTROPY), Map.entry("cross-entropy", Loss.CROSS_ENTROPY));
        Optimizer opt = CliValues.choice("--optimizer", optimizer, Map.entry("adam", Optimizer.ADAM), Map.entry("sgd", Optimizer.SGD));
        CliValues.positiveFinite("--lr", lr);
        CliValues.atLeast("--epochs", epochs, 0);
        CliValues.atLeast("--batch", batch, 1);
        CliValues.nonNegativeFinite("--l1", l1);
        CliValues.nonNegativeFinite("--l2", l2);
        CliValues.nonNegativeFinite("--fgsm", fgsm);
        if (prune == null && (pruneScope != null || finetuneEpochs != null)) {
            throw new BadInputException((pruneScope != null ? "--prune-scope" : "--finetune-epochs") + " needs --prune SPARSITY");
        }
        if (prune != null && !(prune >= 0 && prune <= 1)) throw new BadInputException("--prune: sparsity must be in [0, 1], got " + prune);
        MagnitudePruning.Scope scope = CliValues.choice("--prune-scope", pruneScope == null ? "layer" : pruneScope,
                Map.entry("layer", MagnitudePruning.Scope.PER_LAYER), Map.entry("global", MagnitudePruning.Scope.GLOBAL));
        int finetune = finetuneEpochs == null ? epochs : finetuneEpochs;
        CliValues.atLeast("--finetune-epochs", finetune, 0);
        TrainingConfig cfg = TrainingConfig.defaults(lossKind).withOptimizer(opt).withLearningRate(lr).withEpochs(epochs)
                .withBatchSize(batch).withL1(l1).withL2(l2).withFgsmEpsilon(fgsm).withSeed(seed);
        return new Plan(sizes, format, cfg, scope, finetune);
    }

    private static int[] parseLayers(String text) {
        int[] sizes = CliValues.integers("--layers", text);
        if (sizes.length < 2) throw new BadInputException("--layers " + text + ": expected at least an input and an output size, e.g. 2,32,2");
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1) throw new BadInputException("--layers " + text + ": size " + (i + 1) + " is " + sizes[i] + ", expected at least 1");
        }
        return sizes;
    }

    private CsvDatasets.Loaded load(Path file, List<String> classes, int outputs) throws IOException {
        try {
            if (labelColumn != null) return CsvDatasets.classification(file, labelColumn, classes);
            return CsvDatasets.regression(file, targets != null ? targets : outputs);
        } catch (DatasetFormatException e) {
            String hint = labelColumn == null && e.getMessage().contains("expected a number") ? " (class labels need --label-column)" : "";
            throw new BadInputException(e.getMessage() + hint);
        }
    }

    private void checkShape(int[] sizes, CsvDatasets.Loaded loaded, Path file) {
        Dataset d = loaded.data();
        if (sizes[0] != d.inputSize()) {
            throw new BadInputException("--layers " + layers + ": input size " + sizes[0] + " but " + file + " has " + d.inputSize() + " input column(s)");
        }
        int outputs = sizes[sizes.length - 1];
        if (outputs != d.targetSize()) {
            String what = loaded.classes().isEmpty() ? d.targetSize() + " target column(s)" : d.targetSize() + " classes " + loaded.classes();
            throw new BadInputException("--layers " + layers + ": output size " + outputs + " but " + file + " has " + what);
        }
    }

    private Network train(TrainingConfig cfg, int[] sizes, Network start, Dataset d, List<Double> curve, String label, PrintWriter log) {
        int every = Math.max(1, cfg.epochs() / 10);
        MlpTrainer trainer = new MlpTrainer(cfg);
        EpochListener listener = (epoch, loss, snapshot) -> {
            curve.add(loss);
            if (epoch % every == 0 || epoch == cfg.epochs()) {
                log.printf(Locale.ROOT, "%s %d/%d  loss %.6g%n", label, epoch, cfg.epochs(), loss);
                log.flush();
            }
        };
        try {
            return start == null ? trainer.train(sizes, d, listener) : trainer.train(start, d, listener);
        } catch (IllegalArgumentException e) {
            // The trainer builds a network after every epoch; non-finite weights are refused there.
            String last = curve.isEmpty() ? "" : String.format(Locale.ROOT, " (last loss %.6g after epoch %d)", curve.getLast(), curve.size());
            throw new BadInputException("training diverged: " + e.getMessage() + last + "; try a smaller --lr");
        }
    }

    /** Writes the network in its format; .nnet records the training data's range as the input box. */
    private void write(Network net, String format, Dataset d) throws IOException {
        switch (format) {
            case "json" -> AtomicFile.writeString(out, JsonNetworkFormat.toJson(net) + "\n");
            case "onnx" -> OnnxWriter.write(net, out);
            default -> {
                double[] lo = new double[d.inputSize()];
                double[] hi = new double[d.inputSize()];
                Arrays.fill(lo, Double.POSITIVE_INFINITY);
                Arrays.fill(hi, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < d.size(); i++) {
                    double[] x = d.input(i);
                    for (int j = 0; j < x.length; j++) {
                        lo[j] = Math.min(lo[j], x[j]);
                        hi[j] = Math.max(hi[j], x[j]);
                    }
                }
                NnetWriter.write(net, lo, hi, out);
            }
        }
    }

    /** JSON has no infinity or NaN: a loss that overflowed is written as null. */
    private static void addNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v);
        else a.addNull();
    }

    private static void metrics(ObjectNode o, double loss, Double accuracy) {
        if (Double.isFinite(loss)) o.put("loss", loss);
        else o.putNull("loss");
        if (accuracy != null) o.put("accuracy", accuracy);
    }

    private static String metricsText(double loss, Double accuracy) {
        String s = String.format(Locale.ROOT, "loss %.6g", loss);
        return accuracy == null ? s : s + String.format(Locale.ROOT, ", accuracy %.2f%%", 100 * accuracy);
    }

    private static String classMap(List<String> classes) {
        return java.util.stream.IntStream.range(0, classes.size()).mapToObj(i -> i + " = " + classes.get(i)).collect(Collectors.joining(", "));
    }
}
