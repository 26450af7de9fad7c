package org.nnmip.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.io.NetworkFormatException;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;
import org.nnmip.nnverify.property.VnnlibFormatException;
import org.nnmip.nnverify.property.VnnlibParser;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nnmip verify --net NET --prop FILE.vnnlib}: decides a VNN-LIB property (sat / unsat / unknown). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a VNN-LIB property of a ReLU network (.nnet, .onnx, .json).",
                "sat = counterexample found (re-checked by a forward pass), unsat = property holds.",
                ".nnet networks are taken on normalised inputs with raw outputs, the units of VNN-COMP properties."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.nnet, .onnx, .json).")
    Path netFile;

    @Option(names = "--prop", required = true, paramLabel = "FILE", description = "The property (.vnnlib).")
    Path propFile;

    @Option(names = "--timeout", paramLabel = "S", description = "Wall-clock limit in seconds over the whole property (default: none).")
    double timeout = Double.POSITIVE_INFINITY;

    @Option(names = "--strategy", paramLabel = "S", description = "mip, split or auto (default: auto = split for at most 16 inputs).")
    String strategy = "auto";

    @Option(names = "--threads", paramLabel = "N", description = "Branch-and-bound threads per MIP (default: 1).")
    int threads = 1;

    @Option(names = "--lp-tighten", description = "Tighten unstable ReLU bounds by LP before each MIP (helps deep MIPs, costs on wide nets).")
    boolean lpTighten;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the report.")
    boolean json;

    @Option(names = "--counterexample", paramLabel = "FILE", description = "Write a found counterexample as ((X_0 v) ... (Y_0 v) ...).")
    Path counterexampleFile;

    @Option(names = "--certificate", paramLabel = "FILE", description = "On unsat, write a proof for check-certificate (re-solves each sub-problem with leaf recording).")
    Path certificateFile;

    @Override
    public Integer call() throws IOException {
        if (!(timeout > 0)) throw new BadInputException("--timeout must be positive, got " + timeout);
        if (threads < 1) throw new BadInputException("--threads must be at least 1, got " + threads);
        Strategy s = Strategy.parse(strategy);
        Network net;
        Property property;
        try {
            net = NetworkFiles.read(netFile);
        } catch (NetworkFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        try {
            property = VnnlibParser.parse(propFile);
        } catch (VnnlibFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        VerificationOptions options = VerificationOptions.defaults().withTimeLimitSeconds(timeout).withStrategy(s).withThreads(threads)
                .withLpTightening(lpTighten);
        VerificationResult r = new Verifier(net, options).verify(property);
        if (certificateFile != null) writeCertificate(net, property, r);
        if (counterexampleFile != null && r.counterexample().isPresent()) {
            AtomicFiles.writeString(counterexampleFile, r.counterexample().get().format() + "\n");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(new ObjectMapper().writeValueAsString(fields(r)));
        else printReport(out, r);
        out.flush();
        return 0;
    }

    /** An unsat answer gets a certificate (or a note why not); a sat one is certified by --counterexample. */
    private void writeCertificate(Network net, Property property, VerificationResult r) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (r.verdict() != org.nnmip.nnverify.verify.Verdict.UNSAT) {
            err.println("no certificate written: the result is " + r.verdict().jsonName() + " (a sat answer is checked with --counterexample)");
            return;
        }
        try {
            AtomicFiles.writeString(certificateFile, org.nnmip.nnverify.verify.UnsatCertificate.prove(net, property, timeout).toJson() + "\n");
        } catch (IllegalStateException e) {
            err.println("no certificate written: " + e.getMessage());
        }
        err.flush();
    }

    private Map<String, Object> fields(VerificationResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("result", r.verdict().jsonName());
        f.put("time_s", r.timeSeconds());
        if (r.counterexample().isPresent()) {
            f.put("input", r.counterexample().get().input());
            f.put("output", r.counterexample().get().output());
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

    private void printReport(PrintWriter out, VerificationResult r) {
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
            if (counterexampleFile != null) out.printf(Locale.ROOT, "%-14s %s%n", "Counterexample", counterexampleFile);
        }
    }
}
