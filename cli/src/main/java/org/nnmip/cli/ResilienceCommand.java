package org.nnmip.cli;

import static org.nnmip.nnverify.net.Evaluation.argmax;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.io.AtomicFile;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.resilience.ConfidenceResult;
import org.nnmip.nnverify.resilience.MaximumResilience;
import org.nnmip.nnverify.resilience.ResilienceCertificate;
import org.nnmip.nnverify.resilience.ResilienceOptions;
import org.nnmip.nnverify.resilience.ResilienceResult;
import org.nnmip.nnverify.resilience.XiResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnmip resilience}: maximum resilience of a classifier (Cheng, Nührenberg &amp; Ruess 2017). */
@Command(name = "resilience", mixinStandardHelpOptions = true,
        description = {"Maximum resilience: the smallest perturbation ||eps|| (l1 or linf) such that some input a of the box has",
                "class M with confidence ALPHA (z_M(a) >= ln ALPHA + z_j(a) for all j != M) while at least K other classes",
                "score >= z_M at a + eps (a + eps stays in the box). --all-classes: Xi = min over classes.",
                "--input: the local problem for that input (with --delta: is there a perturbation with ||eps|| < DELTA?)."})
final class ResilienceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.nnet, .onnx, .json); its outputs are the logits.")
    Path net;

    @Option(names = "--class", paramLabel = "M", description = "The class (default with --input: its arg max).")
    Integer classIndex;

    @Option(names = "--alpha", paramLabel = "A", description = "Confidence p_M >= A p_j (required unless --input).")
    Double alpha;

    @Option(names = "--k", paramLabel = "K", description = "Classes that must catch up (default 1).")
    int k = 1;

    @Option(names = "--norm", paramLabel = "l1|linf", description = "Perturbation norm (default l1).")
    String norm = "l1";

    @Option(names = "--input", paramLabel = "X1,...", description = "Fixed input a (the local problem).")
    String input;

    @Option(names = "--delta", paramLabel = "D", description = "With --input: decide whether some ||eps|| < D suffices (stops at the first witness).")
    Double delta;

    @Option(names = "--all-classes", description = "Xi = min over all classes of Phi_M.")
    boolean allClasses;

    @Option(names = "--lo", paramLabel = "X1,...", description = "Lower input bounds (default: the network's, if any).")
    String lo;

    @Option(names = "--hi", paramLabel = "X1,...", description = "Upper input bounds (default: the network's, if any).")
    String hi;

    @Option(names = "--time-limit", paramLabel = "S", description = "Time limit in seconds for the whole call (default none).")
    Double timeLimit;

    @Option(names = "--big-m", paramLabel = "constant|interval|symbolic", description = "Big-M source (default symbolic).")
    String bigM = "symbolic";

    @Option(names = "--constant-m", paramLabel = "M", description = "The constant big-M (raised to the interval bounds if smaller; default 1e4).")
    double constantM = 1e4;

    @Option(names = "--look-back", paramLabel = "L", description = "Look-back bound tightening over L ReLU layers (default 0 = off).")
    int lookBack;

    @Option(names = "--tighten", paramLabel = "lp|mip", description = "Per-neuron problem of look-back tightening (default lp).")
    String tighten = "lp";

    @Option(names = "--tighten-budget", paramLabel = "S", description = "Seconds for look-back tightening (default 10).")
    double tightenBudget = 10;

    @Option(names = "--no-priorities", description = "No layer-ordered branching priorities.")
    boolean noPriorities;

    @Option(names = "--three-step", description = "Three-step initialisation (confident input, Phi there, MIP start and cut).")
    boolean threeStep;

    @Option(names = "--arctan-pieces", paramLabel = "P", description = "Pieces of the sound linear enclosure of each arctan neuron (default 8); with arctan, phi is a proven lower bound and upper the checked witness.")
    int arctanPieces = 8;

    @Option(names = "--threads", paramLabel = "T", description = "With --all-classes: classes solved in parallel (default 1).")
    int threads = 1;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--certificate", paramLabel = "FILE",
            description = "--class/--alpha: write a proof of the lower bound on Phi (or of infeasibility) for check-certificate.")
    Path certificateFile;

    @Override
    public Integer call() throws IOException {
        CliNetworks.Bounded l = CliNetworks.readWithBounds(net);
        Network network = l.network();
        int classes = network.outputSize();
        if (classes < 2) throw new BadInputException("--net: the network has " + classes + " output; resilience needs at least 2 classes");
        double[][] b = CliNetworks.inputBox(l, lo, hi);
        Box box = new Box(b[0], b[1]);
        ResilienceOptions o = options(classes);
        CliValues.positiveFinite("--alpha", alpha);
        if (delta != null && input == null) throw new BadInputException("--delta needs --input");
        CliValues.positiveFinite("--delta", delta);
        if (classIndex != null) CliValues.index("--class", classIndex, classes);
        if (certificateFile != null && (allClasses || input != null)) {
            throw new BadInputException("--certificate covers Phi of one class (--class and --alpha), not --all-classes or --input");
        }
        Map<String, Object> f = new LinkedHashMap<>();
        ResilienceResult certify = null;
        if (allClasses) {
            if (classIndex != null || input != null) throw new BadInputException("--all-classes takes no --class and no --input");
            if (alpha == null) throw new BadInputException("--all-classes needs --alpha");
            XiResult r = MaximumResilience.xi(network, box, alpha, o);
            f.put("mode", "xi");
            f.put("status", r.status());
            f.put("xi", SolveCommand.number(r.xi()));
            f.put("bound", SolveCommand.number(r.bound()));
            f.put("class", r.argmin() >= 0 ? r.argmin() : null);
            common(f, o);
            witness(f, r.argmin() >= 0 ? r.perClass().get(r.argmin()) : null);
            List<Map<String, Object>> per = new ArrayList<>();
            for (ResilienceResult c : r.perClass()) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("class", c.classIndex());
                g.put("status", c.status());
                phi(g, c);
                c.confidence().ifPresent(x -> confidence(g, x));
                per.add(g);
            }
            f.put("classes", per);
            f.put("seconds", r.seconds());
        } else if (input != null) {
            double[] a = CliValues.numbers("--input", input, network.inputSize());
            if (!box.contains(a, 0.0)) throw new BadInputException("--input is not inside the box given by --lo/--hi (or the network's bounds)");
            double[] y = network.apply(a);
            int m = classIndex != null ? classIndex : argmax(y);
            ResilienceResult r = delta != null ? MaximumResilience.local(network, box, a, m, delta, o)
                    : MaximumResilience.minimalPerturbation(network, box, a, m, o);
            f.put("mode", "local");
            f.put("status", r.status());
            phi(f, r);
            f.put("class", m);
            if (delta != null) f.put("delta", delta);
            common(f, o);
            double margin = Double.POSITIVE_INFINITY;
            for (int j = 0; j < y.length; j++) if (j != m) margin = Math.min(margin, y[m] - y[j]);
            f.put("input_confidence", SolveCommand.number(Math.exp(margin)));
            if (alpha != null) f.put("input_has_alpha", margin >= Math.log(alpha));
            witness(f, r);
            stats(f, r);
        } else {
            if (classIndex == null) throw new BadInputException("give --class (or --all-classes, or --input)");
            if (alpha == null) throw new BadInputException("--alpha is required (unless --input)");
            ResilienceResult r = MaximumResilience.phi(network, box, classIndex, alpha, o);
            f.put("mode", "phi");
            f.put("status", r.status());
            phi(f, r);
            f.put("class", classIndex);
            f.put("alpha", alpha);
            common(f, o);
            witness(f, r);
            r.confidence().ifPresent(x -> confidence(f, x));
            stats(f, r);
            certify = r;
        }
        print(spec.commandLine().getOut(), f);
        if (certificateFile != null) writeCertificate(network, box, certify, o);
        return 0;
    }

    /** Phi's proven bound (or infeasibility) gets a certificate, or a note on stderr why not. */
    private void writeCertificate(Network network, Box box, ResilienceResult r, ResilienceOptions o) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ResilienceCertificate cert = ResilienceCertificate.prove(network, box, classIndex, alpha, o, r,
                    timeLimit != null ? timeLimit : Double.POSITIVE_INFINITY);
            AtomicFile.writeString(certificateFile, cert.toJson() + "\n");
            err.println("certificate written to " + certificateFile + ": " + cert.claim().describe() + " ("
                    + cert.leaves().size() + " branch-and-bound leaves)");
        } catch (IllegalStateException e) {
            err.println("no certificate written: " + e.getMessage());
        }
        err.flush();
    }

    private ResilienceOptions options(int classes) {
        if (k < 1 || k > classes - 1) throw new BadInputException("--k: " + k + " out of range [1, " + (classes - 1) + "]");
        ResilienceOptions.Norm nm = CliValues.choice("--norm", norm,
                Map.entry("l1", ResilienceOptions.Norm.L1), Map.entry("linf", ResilienceOptions.Norm.LINF));
        ResilienceOptions.BigM bm = CliValues.choice("--big-m", bigM, Map.entry("constant", ResilienceOptions.BigM.CONSTANT),
                Map.entry("interval", ResilienceOptions.BigM.INTERVAL), Map.entry("symbolic", ResilienceOptions.BigM.SYMBOLIC));
        ResilienceOptions.Tightening t = CliValues.choice("--tighten", tighten,
                Map.entry("lp", ResilienceOptions.Tightening.LP), Map.entry("mip", ResilienceOptions.Tightening.MIP));
        CliValues.positiveFinite("--constant-m", constantM);
        CliValues.atLeast("--arctan-pieces", arctanPieces, 1);
        CliValues.atLeast("--threads", threads, 1);
        CliValues.atLeast("--look-back", lookBack, 0);
        CliValues.nonNegativeFinite("--tighten-budget", tightenBudget);
        return ResilienceOptions.defaults().withNorm(nm).withK(k).withBigM(bm).withConstantM(constantM).withLookBack(lookBack)
                .withTightening(t).withTighteningSeconds(tightenBudget).withPriorities(!noPriorities).withThreeStepInit(threeStep)
                .withMip(VisualizeCommand.parameters(timeLimit)).withArctanPieces(arctanPieces).withThreads(threads);
    }

    /**
     * phi and bound; with arctan (a relaxation) phi is the certified lower bound, upper the norm of the witness that
     * passed the forward check (as the issue asks: Proposition 3 of Cheng et al.).
     */
    private static void phi(Map<String, Object> f, ResilienceResult r) {
        if (r.relaxed()) {
            f.put("relaxed", true);
            f.put("phi", SolveCommand.number(r.bound()));
            f.put("upper", SolveCommand.number(r.phi()));
        } else {
            f.put("phi", SolveCommand.number(r.phi()));
        }
        f.put("bound", SolveCommand.number(r.bound()));
    }

    private void common(Map<String, Object> f, ResilienceOptions o) {
        f.put("k", o.k());
        f.put("norm", o.norm().name().toLowerCase(Locale.ROOT));
    }

    private static void witness(Map<String, Object> f, ResilienceResult r) {
        ResilienceResult.Witness w = r == null ? null : r.witness().orElse(null);
        f.put("input", w == null ? null : w.input());
        f.put("perturbation", w == null ? null : w.perturbation());
        f.put("output", w == null ? null : w.output());
        f.put("perturbed_output", w == null ? null : w.perturbedOutput());
        f.put("overtaking", w == null ? null : w.overtaking());
    }

    private static void confidence(Map<String, Object> f, ConfidenceResult c) {
        f.put("alpha_max", SolveCommand.number(c.alphaMax()));
        f.put("alpha_bound", SolveCommand.number(c.alphaBound()));
        f.put("alpha_max_status", c.status());
        f.put("alpha_max_input", c.input().orElse(null));
    }

    private static void stats(Map<String, Object> f, ResilienceResult r) {
        f.put("nodes", r.nodes());
        f.put("binaries", r.binaries());
        f.put("seconds", r.seconds());
    }

    private void print(PrintWriter out, Map<String, Object> f) throws IOException {
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(f));
        } else {
            for (Map.Entry<String, Object> e : f.entrySet()) {
                Object v = e.getValue();
                if (v == null) continue;
                String s = v instanceof double[] d ? CliValues.list(d) : String.valueOf(v);
                out.println(String.format(Locale.ROOT, "%-17s %s", e.getKey(), s));
            }
        }
        out.flush();
    }


}
