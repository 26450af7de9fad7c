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
import org.nnmip.nnverify.invertibility.InvertibilityOptions;
import org.nnmip.nnverify.invertibility.InvertibilityResult;
import org.nnmip.nnverify.invertibility.LocalInvertibility;
import org.nnmip.nnverify.invertibility.PseudoInvertibility;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.io.NetworkFormatException;
import org.nnmip.nnverify.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nnmip invertibility}: certified (pseudo-)local invertibility radius around a point (Cui et al.). */
@Command(name = "invertibility", mixinStandardHelpOptions = true,
        description = {"Largest radius around --center on which the network is injective (--problem local), or within which",
                "no other input maps to f(center) (--problem pseudo), by mixed-integer programming (Cui et al.)."})
final class InvertibilityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.onnx, .nnet, .json).")
    Path net;

    @Option(names = "--center", required = true, paramLabel = "X1,...", description = "Centre of the input ball.")
    String center;

    @Option(names = "--problem", paramLabel = "local|pseudo", description = "local (default) or pseudo.")
    String problem = "local";

    @Option(names = "--norm", paramLabel = "linf|l1", description = "Norm of the ball (default linf).")
    String norm = "linf";

    @Option(names = "--max-radius", paramLabel = "R", description = "Largest radius considered (default 1).")
    double maxRadius = 1.0;

    @Option(names = "--tol", paramLabel = "T", description = "Inputs closer than T (L-inf) count as equal (default 1e-6).")
    Double tol;

    @Option(names = "--radius-tol", paramLabel = "T", description = "Bisection stops when upper - radius <= T (default 1e-4 * max radius).")
    Double radiusTol;

    @Option(names = "--time-limit", paramLabel = "S", description = "Time limit per MILP in seconds (default 60).")
    Double timeLimit;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        BallNorm ballNorm = switch (norm.toLowerCase(Locale.ROOT)) {
            case "linf" -> BallNorm.LINF;
            case "l1" -> BallNorm.L1;
            default -> throw new BadInputException("--norm: expected linf or l1, got '" + norm + "'");
        };
        boolean local = switch (problem.toLowerCase(Locale.ROOT)) {
            case "local" -> true;
            case "pseudo" -> false;
            default -> throw new BadInputException("--problem: expected local or pseudo, got '" + problem + "'");
        };
        if (!(maxRadius > 0) || !Double.isFinite(maxRadius)) throw new BadInputException("--max-radius must be positive and finite, got " + maxRadius);
        if (tol != null && !(tol > 0)) throw new BadInputException("--tol must be positive, got " + tol);
        if (radiusTol != null && !(radiusTol > 0)) throw new BadInputException("--radius-tol must be positive, got " + radiusTol);
        if (timeLimit != null && !(timeLimit > 0)) throw new BadInputException("--time-limit must be positive, got " + timeLimit);
        Network network;
        try {
            network = NetworkFiles.read(net);
        } catch (NetworkFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        double[] c = LipschitzCommand.vector(center, "--center", network.inputSize());
        InvertibilityResult r;
        try {
            InvertibilityOptions o = InvertibilityOptions.defaults(ballNorm, maxRadius);
            if (tol != null) o = o.withInjectivityTol(tol);
            if (radiusTol != null) o = o.withRadiusTol(radiusTol);
            if (timeLimit != null) o = o.withTimeLimitSeconds(timeLimit);
            r = local ? LocalInvertibility.compute(network, c, o) : PseudoInvertibility.compute(network, c, o);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(net + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("problem", local ? "local" : "pseudo");
            f.put("norm", ballNorm.name().toLowerCase(Locale.ROOT));
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
            }
            f.put("counterexample", cx);
            out.println(new ObjectMapper().writeValueAsString(f));
        } else {
            out.printf(Locale.ROOT, "status  %s%nradius  %.9g%nupper   %s%nmilps   %d%n", r.status().jsonName(), r.radius(),
                    Double.isInfinite(r.upper()) ? "inf" : String.format(Locale.ROOT, "%.9g", r.upper()), r.milps());
            r.counterexample().ifPresent(p -> {
                out.println("x       " + join(p.x()) + "   f(x) = " + join(p.fx()));
                out.println("y       " + join(p.y()) + "   f(y) = " + join(p.fy()));
            });
        }
        out.flush();
        return 0;
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", v[i]));
        return sb.toString();
    }
}
