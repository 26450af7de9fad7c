package org.nnmip.cli;

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
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.io.AtomicFile;
import org.nnmip.nnverify.lipschitz.BackwardEncoding;
import org.nnmip.nnverify.lipschitz.InputDomain;
import org.nnmip.nnverify.lipschitz.InputNorm;
import org.nnmip.nnverify.lipschitz.LipMip;
import org.nnmip.nnverify.lipschitz.LipschitzCertificate;
import org.nnmip.nnverify.lipschitz.LipschitzMethod;
import org.nnmip.nnverify.lipschitz.LipschitzProblem;
import org.nnmip.nnverify.lipschitz.LipschitzResult;
import org.nnmip.nnverify.lipschitz.OutputFunctional;
import org.nnmip.nnverify.lipschitz.OutputNorm;
import org.nnmip.nnverify.lipschitz.VectorLipschitzProblem;
import org.nnmip.nnverify.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnmip lipschitz}: local Lipschitz constant of a scalar network output, or of the output vector in a linear
 * norm ({@code --output-norm}), by LipMIP and the estimators.
 */
@Command(name = "lipschitz", mixinStandardHelpOptions = true,
        description = {"Local Lipschitz constant of c'f(x), or of f(x) in an output norm, over a box or ball (Jordan & Dimakis 2020, LipMIP),",
                "or a bound/estimate by LipLP, Fast-Lip, NaiveUB, RandomLB, CLEVER or SeqLip."})
final class LipschitzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.onnx, .nnet, .json).")
    Path net;

    @Option(names = "--lo", paramLabel = "X1,...", description = "Lower corner of the input box.")
    String lo;

    @Option(names = "--hi", paramLabel = "X1,...", description = "Upper corner of the input box.")
    String hi;

    @Option(names = "--center", paramLabel = "X1,...", description = "Centre of the input ball.")
    String center;

    @Option(names = "--radius", paramLabel = "R", description = "Radius of the input ball (in --ball-norm).")
    Double radius;

    @Option(names = "--ball-norm", paramLabel = "linf|l1", description = "Norm of the ball (default: the input norm).")
    String ballNorm;

    @Option(names = "--input-norm", paramLabel = "linf|l1", description = "Input norm (default linf; the gradient is measured in the dual norm).")
    String inputNorm = "linf";

    @Option(names = "--output-index", paramLabel = "J", description = "Use output f_J.")
    Integer outputIndex;

    @Option(names = "--output-weights", paramLabel = "C1,...", description = "Use c'f with these weights.")
    String outputWeights;

    @Option(names = "--logit-diff", paramLabel = "I,J", description = "Use f_I - f_J.")
    String logitDiff;

    @Option(names = "--output-norm", paramLabel = "l1|linf|cross:I",
            description = "Lipschitz constant of the whole output vector in this norm: sup ||J(x)||_{input->output}; cross:I is max_{j!=I} |f_I - f_j|.")
    String outputNorm;

    @Option(names = "--encoding", paramLabel = "switch|d2",
            description = "Backward-pass switch encoding of LipMIP/LipLP: switch (interval hull, default) or d2 (App. D.2 bounds widened to 0).")
    String encoding = "switch";

    @Option(names = "--method", paramLabel = "M", description = "lipmip (default), liplp, fastlip, naive, randomlb, clever, seqlip or all.")
    String method = "lipmip";

    @Option(names = "--gap", paramLabel = "G", description = "Relative gap at which LipMIP stops (default 1e-6).")
    Double gap;

    @Option(names = "--time-limit", paramLabel = "S", description = "Time limit of LipMIP/LipLP in seconds (default none).")
    Double timeLimit;

    @Option(names = "--threads", paramLabel = "N", description = "Branch-and-bound threads (default 1).")
    Integer threads;

    @Option(names = "--samples", paramLabel = "N", description = "Sample points of RandomLB/CLEVER (default 2000).")
    int samples = 2000;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sampling methods (default 1).")
    long seed = 1;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--certificate", paramLabel = "FILE",
            description = "Write a proof of LipMIP's upper bound for check-certificate (re-solves with leaf recording).")
    Path certificateFile;

    @Override
    public Integer call() throws IOException {
        InputNorm norm = CliValues.parsed("--input-norm", inputNorm, InputNorm::parse, "linf or l1");
        CliValues.nonNegative("--gap", gap);
        CliValues.positive("--time-limit", timeLimit);
        CliValues.atLeast("--threads", threads, 1);
        CliValues.atLeast("--samples", samples, 1);
        List<LipschitzMethod> methods = parseMethods();
        if (certificateFile != null && !methods.contains(LipschitzMethod.LIPMIP)) {
            throw new BadInputException("--certificate certifies LipMIP's upper bound: use --method lipmip or all");
        }
        BackwardEncoding enc = CliValues.parsed("--encoding", encoding, BackwardEncoding::parse, "switch or d2");
        Network network = CliNetworks.read(net);
        InputDomain domain = domain(network.inputSize(), norm);
        LipschitzProblem problem = null;
        VectorLipschitzProblem vector = null;
        if (outputNorm != null) {
            if (outputIndex != null || outputWeights != null || logitDiff != null) {
                throw new BadInputException("--output-norm cannot be combined with --output-index, --output-weights or --logit-diff");
            }
            OutputNorm beta;
            try {
                beta = OutputNorm.parse(outputNorm);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--output-norm: " + e.getMessage());
            }
            try {
                vector = new VectorLipschitzProblem(network, beta, domain, norm);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(net + ": --output-norm " + beta.cliName() + ": " + e.getMessage());
            }
        } else {
            OutputFunctional output = output(network.outputSize());
            try {
                problem = new LipschitzProblem(network, output, domain, norm);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(net + ": " + e.getMessage());
            }
        }
        MipParameters mip = LipMip.defaultParameters();
        if (gap != null) mip = mip.withRelativeGap(gap);
        if (timeLimit != null) mip = mip.withTimeLimitSeconds(timeLimit);
        if (threads != null) mip = mip.withThreads(threads);
        LipschitzMethod.Settings settings = new LipschitzMethod.Settings(mip, samples, seed);

        List<LipschitzResult> results = new ArrayList<>();
        for (LipschitzMethod m : methods) results.add(vector != null ? m.compute(vector, settings, enc) : m.compute(problem, settings, enc));
        double reference = Double.NaN;
        for (LipschitzResult r : results) if (r.method().equals("lipmip") && r.isOptimal()) reference = r.value();

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Object body;
            if (results.size() == 1) {
                Map<String, Object> f = fields(results.getFirst(), Double.NaN, false);
                if (vector != null) f.put("output_norm", vector.outputNorm().cliName());
                body = f;
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (LipschitzResult r : results) rows.add(fields(r, reference, true));
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("input_norm", norm.cliName());
                if (vector != null) all.put("output_norm", vector.outputNorm().cliName());
                all.put("results", rows);
                body = all;
            }
            out.println(new ObjectMapper().writeValueAsString(body));
        } else {
            out.printf(Locale.ROOT, "%-9s %-12s %-18s %14s %14s %14s %9s%s%n", "method", "kind", "status", "value", "lower", "upper",
                    "time_s", results.size() > 1 ? "   rel_err" : "");
            for (LipschitzResult r : results) {
                out.printf(Locale.ROOT, "%-9s %-12s %-18s %14s %14s %14s %9.3f%s%n", r.method(), r.kind().name().toLowerCase(Locale.ROOT),
                        r.status(), fmt(r.value()), fmt(r.lower()), fmt(r.upper()), r.timeSeconds(),
                        results.size() > 1 ? String.format(Locale.ROOT, " %10s", fmt(relativeError(r.value(), reference))) : "");
            }
            for (LipschitzResult r : results) {
                if (r.method().equals("lipmip") && r.point().isPresent()) {
                    out.println("arg max x = " + CliValues.list(r.point().get()));
                    out.println((vector != null ? "J'u       = " : "gradient  = ") + CliValues.list(r.gradient().orElseThrow()));
                }
            }
        }
        out.flush();
        if (certificateFile != null) writeCertificate(results, problem, vector, enc);
        return 0;
    }

    /** LipMIP's upper bound gets a certificate (or a note on stderr why not). */
    private void writeCertificate(List<LipschitzResult> results, LipschitzProblem problem, VectorLipschitzProblem vector,
                                  BackwardEncoding enc) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        LipschitzResult lip = results.stream().filter(r -> r.method().equals("lipmip")).findFirst().orElse(null);
        double limit = timeLimit != null ? timeLimit : Double.POSITIVE_INFINITY;
        try {
            var cert = vector != null ? LipschitzCertificate.prove(vector, enc, lip.upper(), limit)
                    : LipschitzCertificate.prove(problem, enc, lip.upper(), limit);
            AtomicFile.writeString(certificateFile, cert.toJson() + "\n");
            err.println("certificate written to " + certificateFile + ": L <= " + cert.claim().upper() + " ("
                    + cert.leaves().size() + " branch-and-bound leaves)");
        } catch (IllegalStateException e) {
            err.println("no certificate written: " + e.getMessage());
        }
        err.flush();
    }

    private List<LipschitzMethod> parseMethods() {
        if ("all".equalsIgnoreCase(method)) return List.of(LipschitzMethod.values());
        return List.of(CliValues.parsed("--method", method, LipschitzMethod::parse, "lipmip, liplp, fastlip, naive, randomlb, clever, seqlip or all"));
    }

    private InputDomain domain(int n, InputNorm norm) {
        boolean box = lo != null || hi != null;
        boolean ball = center != null || radius != null;
        if (box == ball) throw new BadInputException("give the input set as either --lo and --hi, or --center and --radius");
        try {
            if (box) {
                double[][] b = CliValues.box(lo, hi, n);
                return InputDomain.box(b[0], b[1]);
            }
            if (center == null || radius == null) throw new BadInputException("--center and --radius must be given together");
            CliValues.nonNegativeFinite("--radius", radius);
            double[] c = CliValues.numbers("--center", center, n);
            InputNorm bn = ballNorm == null ? norm : CliValues.parsed("--ball-norm", ballNorm, InputNorm::parse, "linf or l1");
            return bn == InputNorm.L1 ? InputDomain.l1Ball(c, radius) : InputDomain.linfBall(c, radius);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private OutputFunctional output(int m) {
        int given = (outputIndex != null ? 1 : 0) + (outputWeights != null ? 1 : 0) + (logitDiff != null ? 1 : 0);
        if (given > 1) throw new BadInputException("give at most one of --output-index, --output-weights, --logit-diff");
        try {
            if (outputIndex != null) return OutputFunctional.index(outputIndex, m);
            if (outputWeights != null) return new OutputFunctional(CliValues.numbers("--output-weights", outputWeights, m));
            if (logitDiff != null) {
                int[] p = CliValues.integers("--logit-diff", logitDiff, 2);
                return OutputFunctional.logitDifference(p[0], p[1], m);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (m != 1) throw new BadInputException("the network has " + m + " outputs: choose one with --output-index, --output-weights or --logit-diff");
        return OutputFunctional.index(0, 1);
    }

    private static double relativeError(double value, double reference) {
        if (Double.isNaN(value) || Double.isNaN(reference)) return Double.NaN;
        return reference == 0 ? (value == 0 ? 0 : Double.POSITIVE_INFINITY) : (value - reference) / reference;
    }

    private static Map<String, Object> fields(LipschitzResult r, double reference, boolean withError) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("method", r.method());
        f.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
        f.put("status", r.status());
        f.put("value", SolveCommand.number(r.value()));
        f.put("lower", SolveCommand.number(r.lower()));
        f.put("upper", SolveCommand.number(r.upper()));
        f.put("time_s", r.timeSeconds());
        f.put("nodes", r.nodes());
        if (withError) f.put("rel_error", SolveCommand.number(relativeError(r.value(), reference)));
        f.put("point", r.point().orElse(null));
        f.put("gradient", r.gradient().orElse(null));
        return f;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.8g", v);
    }

}
