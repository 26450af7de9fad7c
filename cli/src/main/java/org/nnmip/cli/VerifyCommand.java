package org.nnmip.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.nnmip.nnverify.io.AtomicFile;
import org.nnmip.nnverify.net.ExactEvaluation;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputCondition;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.BoundTightening;
import org.nnmip.nnverify.encode.TighteningStep;
import org.nnmip.nnverify.property.LocalRobustnessProperty;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;
import org.nnmip.nnverify.property.VnnlibFormatException;
import org.nnmip.nnverify.property.VnnlibParser;
import org.nnmip.nnverify.verify.RobustnessVerifier;
import org.nnmip.nnverify.verify.Strategy;
import org.nnmip.nnverify.verify.VerificationOptions;
import org.nnmip.nnverify.verify.VerificationResult;
import org.nnmip.nnverify.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nnmip verify --net NET --prop FILE.vnnlib} decides a VNN-LIB property, {@code nnmip verify --net NET --input X
 * --epsilon E --label C [--norm linf|l1] [--top-k K]} local robustness around X (sat / unsat / unknown).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a VNN-LIB property of a ReLU network (.nnet, .onnx, .json).",
                "sat = counterexample found (re-checked by a forward pass), unsat = property holds.",
                ".nnet networks are taken on normalised inputs with raw outputs, the units of VNN-COMP properties."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.nnet, .onnx, .json).")
    Path netFile;

    @Option(names = "--prop", paramLabel = "FILE", description = "The property (.vnnlib). Either this or --input/--epsilon/--label.")
    Path propFile;

    @Option(names = "--input", paramLabel = "X1,...", description = "Local robustness: the input point, comma-separated (@FILE reads it from a file).")
    String input;

    @Option(names = "--epsilon", paramLabel = "E", description = "Local robustness: radius of the perturbation ball.")
    Double epsilon;

    @Option(names = "--norm", paramLabel = "N", description = "Local robustness: linf or l1 (default: linf).")
    String norm = "linf";

    @Option(names = "--label", paramLabel = "C", description = "Local robustness: the true class (output index).")
    Integer label;

    @Option(names = "--top-k", paramLabel = "K", description = "Local robustness: the label must stay among the K highest outputs (default: 1).")
    int topK = 1;

    @Option(names = "--domain", paramLabel = "LO,HI", description = "Local robustness: clip the ball to LO <= x_i <= HI (e.g. 0,1 for images).")
    String domain;

    @Option(names = "--tighten", paramLabel = "STEP", description = "Bound tightening before each MIP: interval, symbolic (default), lp or mip (each includes the weaker ones).")
    String tighten;

    @Option(names = "--timeout", paramLabel = "S", description = "Wall-clock limit in seconds over the whole property (default: none).")
    double timeout = Double.POSITIVE_INFINITY;

    @Option(names = "--strategy", paramLabel = "S", description = "mip, split or auto (default: auto = split for at most 16 inputs).")
    String strategy = "auto";

    @Option(names = "--threads", paramLabel = "N", description = "Branch-and-bound threads per MIP (default: 1).")
    int threads = 1;

    @Option(names = "--lp-tighten", description = "Same as --tighten lp (helps deep MIPs, costs on wide nets).")
    boolean lpTighten;

    @Option(names = "--show-bounds", description = "First print the stable/unstable ReLU counts after each tightening step on the (first) input box.")
    boolean showBounds;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the report.")
    boolean json;

    @Option(names = "--counterexample", paramLabel = "FILE", description = "Write a found counterexample as ((X_0 v) ... (Y_0 v) ...).")
    Path counterexampleFile;

    @Option(names = "--certificate", paramLabel = "FILE", description = "On unsat, write a proof for check-certificate (re-solves each sub-problem with leaf recording).")
    Path certificateFile;

    @Option(names = "--memory-limit", paramLabel = "MB", description = "Stop with result unknown (reason memory_limit) when the heap in use passes MB MiB.")
    Long memoryLimit;

    /** The running verifier, for the Ctrl-C / SIGTERM hook. */
    private volatile Runnable stopVerifier = () -> { };

    @Override
    public Integer call() throws IOException {
        CliValues.positive("--timeout", timeout);
        CliValues.atLeast("--threads", threads, 1);
        CliValues.atLeast("--memory-limit", memoryLimit, 1);
        Strategy s = Strategy.parse(strategy);
        boolean robustness = input != null || epsilon != null || label != null;
        if (robustness == (propFile != null)) {
            throw new BadInputException("give exactly one of --prop FILE or --input X --epsilon E --label C");
        }
        if (robustness && certificateFile != null) throw new BadInputException("--certificate is for --prop properties only");
        if (tighten != null && lpTighten) throw new BadInputException("give --tighten or --lp-tighten, not both");
        TighteningStep step = tighten != null ? TighteningStep.parse(tighten) : lpTighten ? TighteningStep.LP : TighteningStep.SYMBOLIC;
        Network net = CliNetworks.read(netFile);
        VerificationOptions options = VerificationOptions.defaults().withTimeLimitSeconds(timeout).withStrategy(s).withThreads(threads)
                .withTightening(BoundTightening.Options.upTo(step)).withMemoryLimitMb(memoryLimit == null ? 0 : memoryLimit);
        // Ctrl-C / SIGTERM: the verifier stops and reports unknown (reason interrupted) with its margin bound; the hook
        // reports "interrupted" itself only if that takes too long (e.g. inside LP bound tightening).
        long start = System.nanoTime();
        GracefulShutdown shutdown = GracefulShutdown.install(() -> stopVerifier.run(), 5000, () -> InterruptReport.print(spec.commandLine().getOut(),
                json, "result", null, (System.nanoTime() - start) * 1e-9));
        VerificationResult r;
        OutputCondition violation; // the output condition a counterexample meets, for the violation report
        try {
            if (robustness) {
                LocalRobustnessProperty rp = robustnessProperty(net);
                violation = rp.topK() == 1 ? rp.topOneCondition() : null;
                if (showBounds) printBounds(net, rp.region(), options);
                RobustnessVerifier v = new RobustnessVerifier(net, options);
                stopVerifier = v::interrupt;
                if (shutdown.signalled()) v.interrupt();
                r = v.verify(rp);
            } else {
                Property property;
                try {
                    property = VnnlibParser.parse(propFile);
                } catch (VnnlibFormatException e) {
                    throw new BadInputException(e.getMessage());
                }
                violation = property.outputCondition();
                if (showBounds) printBounds(net, property.inputBoxes().getFirst(), options);
                Verifier v = new Verifier(net, options);
                stopVerifier = v::interrupt;
                if (shutdown.signalled()) v.interrupt();
                r = v.verify(property);
                if (certificateFile != null && !shutdown.signalled()) writeCertificate(net, property, r);
            }
        } catch (RuntimeException | Error e) {
            shutdown.close();
            throw e;
        }
        if (!shutdown.claimReport()) return Main.EXIT_INTERRUPTED;
        if (counterexampleFile != null && r.counterexample().isPresent()) {
            AtomicFile.writeString(counterexampleFile, r.counterexample().get().format() + "\n");
        }
        PrintWriter out = spec.commandLine().getOut();
        Violation v = r.counterexample().isPresent() && violation != null
                ? Violation.of(net, violation, r.counterexample().get().input()) : null;
        if (json) out.println(new ObjectMapper().writeValueAsString(fields(r, v)));
        else printReport(out, r, v);
        out.flush();
        shutdown.close();
        return 0;
    }

    /** The tightening steps' ReLU counts on {@code box}, to stderr (stdout stays one JSON object with --json). */
    private void printBounds(Network net, Box box, VerificationOptions options) {
        long deadline = Double.isInfinite(timeout) ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
        PrintWriter err = spec.commandLine().getErr();
        for (BoundTightening.StepReport s : BoundTightening.run(net, box, options.tightening(), threads, deadline).steps()) {
            err.println("Bounds         " + s);
        }
        err.flush();
    }

    /** An unsat answer gets a certificate (or a note why not); a sat one is certified by --counterexample. */
    private void writeCertificate(Network net, Property property, VerificationResult r) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (r.verdict() != org.nnmip.nnverify.verify.Verdict.UNSAT) {
            err.println("no certificate written: the result is " + r.verdict().jsonName() + " (a sat answer is checked with --counterexample)");
            return;
        }
        try {
            AtomicFile.writeString(certificateFile, org.nnmip.nnverify.verify.UnsatCertificate.prove(net, property, timeout).toJson() + "\n");
        } catch (IllegalStateException e) {
            err.println("no certificate written: " + e.getMessage());
        }
        err.flush();
    }

    private LocalRobustnessProperty robustnessProperty(Network net) {
        if (input == null || epsilon == null || label == null) throw new BadInputException("local robustness needs --input, --epsilon and --label");
        double[] x = CliValues.numbers("--input", input, net.inputSize());
        LocalRobustnessProperty.Norm n = CliValues.parsed("--norm", norm, LocalRobustnessProperty.Norm::parse, "linf or l1");
        Box box = null;
        if (domain != null) {
            double[] d = CliValues.numbers("--domain", domain, 2);
            if (!(d[0] <= d[1])) throw new BadInputException("--domain must be LO,HI with LO <= HI, got '" + domain + "'");
            double[] lo = new double[x.length];
            double[] hi = new double[x.length];
            java.util.Arrays.fill(lo, d[0]);
            java.util.Arrays.fill(hi, d[1]);
            box = new Box(lo, hi);
        }
        return new LocalRobustnessProperty(x, epsilon, n, label, topK, net.outputSize(), box);
    }

    /**
     * How far a counterexample's output is inside the violation set (>= 0: violated), from a double forward pass and
     * from an exact decimal one (empty for networks with arctan layers, or an unbounded margin).
     */
    record Violation(double margin, Optional<BigDecimal> exactMargin) {
        static Violation of(Network net, OutputCondition condition, double[] x) {
            Optional<BigDecimal> exact = ExactEvaluation.supports(net)
                    ? condition.exactMargin(ExactEvaluation.apply(net, x)) : Optional.empty();
            return new Violation(condition.margin(net.apply(x)), exact);
        }

        /** The exact margin with 17 significant digits, rounded toward zero (so its sign is the exact sign). */
        String exactText() {
            return exactMargin.map(m -> m.round(new MathContext(17, RoundingMode.DOWN)).toString()).orElse("n/a");
        }
    }

    private Map<String, Object> fields(VerificationResult r, Violation v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("result", r.verdict().jsonName());
        f.put("time_s", r.timeSeconds());
        if (r.counterexample().isPresent()) {
            f.put("input", r.counterexample().get().input());
            f.put("output", r.counterexample().get().output());
        }
        if (v != null) {
            f.put("violation", v.margin());
            f.put("violation_exact", v.exactMargin().isPresent() ? v.exactText() : null);
        }
        if (!r.reason().isEmpty()) f.put("reason", r.reason());
        if (!Double.isNaN(r.bound())) f.put("margin_bound", SolveCommand.number(r.bound()));
        VerificationResult.Statistics st = r.statistics();
        f.put("subproblems", st.subproblems());
        f.put("mip_solves", st.mipSolves());
        f.put("nodes", st.mipNodes());
        f.put("iterations", st.lpIterations());
        f.put("max_binaries", st.binaries());
        f.put("boxes", st.boxes());
        f.put("evaluations", st.evaluations());
        return f;
    }

    private void printReport(PrintWriter out, VerificationResult r, Violation v) {
        VerificationResult.Statistics st = r.statistics();
        out.printf(Locale.ROOT, "%-14s %s%n", "Result", r.verdict().jsonName());
        if (!r.reason().isEmpty()) out.printf(Locale.ROOT, "%-14s %s%n", "Reason", r.reason());
        if (!Double.isNaN(r.bound())) {
            out.printf(Locale.ROOT, "%-14s %s (a counterexample needs >= 0)%n", "Margin bound", SolveCommand.number(r.bound()));
        }
        out.printf(Locale.ROOT, "%-14s %.3f s%n", "Time", r.timeSeconds());
        out.printf(Locale.ROOT, "%-14s %d sub-problems, %d boxes bounded, %d MIPs (%d nodes, %d LP iterations, max %d binaries)%n",
                "Work", st.subproblems(), st.boxes(), st.mipSolves(), st.mipNodes(), st.lpIterations(), st.binaries());
        if (r.counterexample().isPresent()) {
            VnnlibCounterexample c = r.counterexample().get();
            double[] x = c.input();
            double[] y = c.output();
            for (int i = 0; i < x.length; i++) out.printf(Locale.ROOT, "  X_%d = %s%n", i, Double.toString(x[i]));
            for (int j = 0; j < y.length; j++) out.printf(Locale.ROOT, "  Y_%d = %s%n", j, Double.toString(y[j]));
            if (v != null) {
                out.printf(Locale.ROOT, "%-14s %s (double), %s (exact decimal arithmetic); >= 0 means violated%n", "Violation",
                        Double.toString(v.margin()), v.exactText());
            }
            if (counterexampleFile != null) out.printf(Locale.ROOT, "%-14s %s%n", "Counterexample", counterexampleFile);
        }
    }
}
