package org.nnmip.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nnmip.nnverify.invertibility.BallNorm;
import org.nnmip.nnverify.invertibility.InvertibilityCertificate;
import org.nnmip.nnverify.invertibility.InvertibilityOptions;
import org.nnmip.nnverify.invertibility.InvertibilityPlot;
import org.nnmip.nnverify.invertibility.InvertibilityResult;
import org.nnmip.nnverify.invertibility.LocalInvertibility;
import org.nnmip.nnverify.invertibility.PseudoInvertibility;
import org.nnmip.nnverify.invertibility.TransformInvertibility;
import org.nnmip.nnverify.io.AtomicFile;
import org.nnmip.nnverify.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnmip invertibility}: certified (pseudo-)local and transformation invertibility radii around a point (Cui et al.). */
@Command(name = "invertibility", mixinStandardHelpOptions = true,
        description = {"Largest radius around --center on which the network is injective (--problem local), within which",
                "no other input maps to f(center) (--problem pseudo), or on which --net2 is a function of --net and the",
                "reverse (--problem transform), by mixed-integer programming (Cui et al.)."})
final class InvertibilityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.onnx, .nnet, .json).")
    Path net;

    @Option(names = "--center", required = true, paramLabel = "X1,...", description = "Centre of the input ball.")
    String center;

    @Option(names = "--problem", paramLabel = "local|pseudo|transform", description = "local (default), pseudo or transform.")
    String problem = "local";

    @Option(names = "--net2", paramLabel = "NET2", description = "Second network (--problem transform): r_12 is the radius on which NET2 is a function of NET, r_21 the reverse.")
    Path net2;

    @Option(names = "--norm", paramLabel = "linf|l1|l2", description = "Norm of the ball (default linf; l2 by lazily added tangent cuts).")
    String norm = "linf";

    @Option(names = "--max-cut-rounds", paramLabel = "N", description = "L2: tangent cuts per radius (pseudo: in all) before it counts as undecided (default 100).")
    Integer maxCutRounds;

    @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png", description = "2 inputs: draw the sign of det J, the centre, the certified ball and the counterexample pair.")
    Path plot;

    @Option(names = "--max-radius", paramLabel = "R", description = "Largest radius considered (default 1).")
    double maxRadius = 1.0;

    @Option(names = "--tol", paramLabel = "T", description = "Inputs closer than T (L-inf) count as equal (default 1e-6).")
    Double tol;

    @Option(names = "--radius-tol", paramLabel = "T", description = "Bisection stops when upper - radius <= T (default 1e-4 * max radius).")
    Double radiusTol;

    @Option(names = "--eps", paramLabel = "E", description = "Pseudo: preimages closer than E to the centre are not sought (default 1e-4 * max radius).")
    Double eps;

    @Option(names = "--time-limit", paramLabel = "S", description = "Time limit per MILP in seconds (default 60).")
    Double timeLimit;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--certificate", paramLabel = "FILE",
            description = "local or pseudo, linf/l1: write a proof of the certified radius for check-certificate (re-solves with leaf recording).")
    Path certificateFile;

    @Override
    public Integer call() throws IOException {
        BallNorm ballNorm = CliValues.choice("--norm", norm,
                Map.entry("linf", BallNorm.LINF), Map.entry("l1", BallNorm.L1), Map.entry("l2", BallNorm.L2));
        String kind = CliValues.choice("--problem", problem,
                Map.entry("local", "local"), Map.entry("pseudo", "pseudo"), Map.entry("transform", "transform"));
        if (kind.equals("transform") != (net2 != null)) {
            throw new BadInputException(net2 == null ? "--problem transform needs --net2" : "--net2 is only used with --problem transform");
        }
        CliValues.positiveFinite("--max-radius", maxRadius);
        CliValues.positive("--tol", tol);
        CliValues.positive("--radius-tol", radiusTol);
        if (eps != null && !(eps > 0 && eps < maxRadius)) throw new BadInputException("--eps must be in (0, --max-radius), got " + eps);
        if (eps != null && !kind.equals("pseudo")) throw new BadInputException("--eps is only used with --problem pseudo");
        CliValues.positive("--time-limit", timeLimit);
        CliValues.atLeast("--max-cut-rounds", maxCutRounds, 0);
        if (certificateFile != null && (kind.equals("transform") || ballNorm == BallNorm.L2)) {
            throw new BadInputException("--certificate covers --problem local and pseudo with --norm linf or l1");
        }
        if (plot != null) {
            try {
                InvertibilityPlot.checkFile(plot);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        Network network = CliNetworks.read(net);
        Network second = net2 == null ? null : CliNetworks.read(net2);
        if (second != null && second.inputSize() != network.inputSize()) {
            throw new BadInputException(net2 + ": takes " + second.inputSize() + " inputs but " + net + " takes " + network.inputSize());
        }
        if (plot != null && network.inputSize() != 2) throw new BadInputException("--plot: needs a network with 2 inputs, " + net + " has " + network.inputSize());
        double[] c = CliValues.numbers("--center", center, network.inputSize());
        InvertibilityResult r;
        InvertibilityResult reverse = null;
        InvertibilityOptions o;
        try {
            o = InvertibilityOptions.defaults(ballNorm, maxRadius);
            if (tol != null) o = o.withInjectivityTol(tol);
            if (radiusTol != null) o = o.withRadiusTol(radiusTol);
            if (timeLimit != null) o = o.withTimeLimitSeconds(timeLimit);
            if (eps != null) o = o.withEps(eps);
            if (maxCutRounds != null) o = o.withMaxCutRounds(maxCutRounds);
            switch (kind) {
                case "local" -> r = LocalInvertibility.compute(network, c, o);
                case "pseudo" -> r = PseudoInvertibility.compute(network, c, o);
                default -> {
                    TransformInvertibility.Both both = TransformInvertibility.both(network, second, c, o);
                    r = both.r12();
                    reverse = both.r21();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(net + ": " + e.getMessage());
        }
        if (plot != null) {
            double reach = Math.max(r.radius(), Double.isFinite(r.upper()) ? r.upper() : 0.0);
            InvertibilityPlot.write(network, c, ballNorm, r, reach > 0 ? 1.5 * reach : maxRadius, plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            LinkedHashMap<String, Object> f = fields(r);
            f.putFirst("norm", ballNorm.name().toLowerCase(Locale.ROOT));
            f.putFirst("problem", kind);
            if (reverse != null) f.put("reverse", fields(reverse));
            if (kind.equals("pseudo")) f.put("eps", o.eps()); // preimages nearer than this are not sought
            if (plot != null) f.put("plot", plot.toString());
            out.println(new ObjectMapper().writeValueAsString(f));
        } else {
            print(out, reverse == null ? "" : "r_12 (net2 a function of net)", r);
            if (reverse != null) print(out, "r_21 (net a function of net2)", reverse);
            if (plot != null) out.println("plot    " + plot);
        }
        out.flush();
        if (certificateFile != null) writeCertificate(network, c, r, o, kind.equals("pseudo"));
        return 0;
    }

    /** A positive certified radius gets a certificate (or a note on stderr why not). */
    private void writeCertificate(Network network, double[] c, InvertibilityResult r, InvertibilityOptions o, boolean pseudo)
            throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            InvertibilityCertificate cert = pseudo ? InvertibilityCertificate.provePseudo(network, c, r, o)
                    : InvertibilityCertificate.prove(network, c, r.radius(), o);
            AtomicFile.writeString(certificateFile, cert.toJson() + "\n");
            err.println("certificate written to " + certificateFile + ": " + cert.claim().describe() + " ("
                    + cert.leafCount() + " branch-and-bound leaves)");
        } catch (IllegalStateException e) {
            err.println("no certificate written: " + e.getMessage());
        }
        err.flush();
    }

    /** status, radius, upper, milps and the counterexample pair (outputs re-evaluated by the forward pass). */
    private static LinkedHashMap<String, Object> fields(InvertibilityResult r) {
        LinkedHashMap<String, Object> f = new LinkedHashMap<>();
        f.put("status", r.status().jsonName());
        f.put("radius", SolveCommand.number(r.radius()));
        f.put("upper", SolveCommand.number(r.upper()));
        f.put("milps", r.milps());
        Map<String, Object> cx = null;
        if (r.counterexample().isPresent()) {
            var p = r.counterexample().get();
            cx = new LinkedHashMap<>();
            cx.put("x", p.x());
            cx.put("y", p.y());
            cx.put("fx", p.fx());
            cx.put("fy", p.fy());
            if (p.gx().length > 0) {
                cx.put("f2x", p.gx());
                cx.put("f2y", p.gy());
            }
        }
        f.put("counterexample", cx);
        return f;
    }

    private static void print(PrintWriter out, String title, InvertibilityResult r) {
        if (!title.isEmpty()) out.println(title);
        out.printf(Locale.ROOT, "status  %s%nradius  %.9g%nupper   %s%nmilps   %d%n", r.status().jsonName(), r.radius(),
                Double.isInfinite(r.upper()) ? "inf" : String.format(Locale.ROOT, "%.9g", r.upper()), r.milps());
        r.counterexample().ifPresent(p -> {
            out.println("x       " + CliValues.list(p.x()) + "   f(x) = " + CliValues.list(p.fx()) + (p.gx().length > 0 ? "   f2(x) = " + CliValues.list(p.gx()) : ""));
            out.println("y       " + CliValues.list(p.y()) + "   f(y) = " + CliValues.list(p.fy()) + (p.gy().length > 0 ? "   f2(y) = " + CliValues.list(p.gy()) : ""));
        });
    }

}
