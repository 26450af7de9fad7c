package org.nnmip.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.nnmip.io.ModelFiles;
import org.nnmip.nnverify.io.AtomicFile;
import org.nnmip.io.ModelFormatException;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.mip.HighsStyleNodeLog;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.model.Model;
import org.nnmip.model.SolutionChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nnmip solve FILE}: solves an LP or MIP from an MPS file. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve an LP or MIP given as an MPS file (fixed or free, optionally .gz).",
                "LPs go to the dual simplex, MIPs to the parallel branch-and-bound."})
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The model (.mps, .mps.gz).")
    Path file;

    @Option(names = "--time-limit", paramLabel = "S", description = "Wall-clock limit in seconds (default: none).")
    double timeLimit = Double.POSITIVE_INFINITY;

    @Option(names = "--threads", paramLabel = "N", description = "Branch-and-bound worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--gap", paramLabel = "G", description = "Relative MIP gap at which to stop (default: 1e-4).")
    Double gap;

    @Option(names = "--node-limit", paramLabel = "N", description = "Maximum branch-and-bound nodes.")
    Long nodeLimit;

    @Option(names = "--relax", description = "Solve the LP relaxation of a MIP (integrality dropped).")
    boolean relax;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the report and log.")
    boolean json;

    @Option(names = "--solution", paramLabel = "FILE", description = "Write the variable values to FILE.")
    Path solutionFile;

    @Option(names = "--quiet", description = "No node log.")
    boolean quiet;

    @Option(names = "--memory-limit", paramLabel = "MB", description = "Stop the MIP search with status memory_limit when the heap in use passes MB MiB.")
    Long memoryLimit;

    /** The running MIP solver, for the Ctrl-C / SIGTERM hook. */
    private volatile MipSolver activeSolver;

    @Override
    public Integer call() throws IOException, ModelFormatException {
        validateOptions();
        PrintWriter out = spec.commandLine().getOut();
        Model model = ModelFiles.read(file);
        if (!json) {
            out.printf(Locale.ROOT, "Model %s: %d rows, %d columns (%d integer), %d nonzeros%n", model.name(),
                    model.numConstraints(), model.numVariables(), model.numIntegerVariables(), model.numNonzeros());
        }
        long start = System.nanoTime();
        try (GracefulShutdown shutdown = GracefulShutdown.install(this::interruptSolver, 5000,
                () -> InterruptReport.print(out, json, "status", model.name(), (System.nanoTime() - start) * 1e-9))) {
            Outcome outcome = model.isMip() && !relax ? solveMip(model, out) : solveLp(model);
            if (outcome.values != null) {
                outcome.fields.put("max_violation", maxViolation(outcome.check));
            }
            if (!shutdown.claimReport()) return Main.EXIT_INTERRUPTED; // the hook already printed what was known
            if (solutionFile != null && outcome.values != null) writeSolution(model, outcome);
            if (json) {
                ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
                out.println(mapper.writeValueAsString(outcome.fields));
            } else {
                printReport(out, outcome);
            }
            out.flush();
        }
        return 0;
    }

    private void interruptSolver() {
        MipSolver s = activeSolver;
        if (s != null) s.interrupt();
    }

    private void validateOptions() {
        CliValues.positive("--time-limit", timeLimit);
        CliValues.atLeast("--threads", threads, 1);
        CliValues.nonNegative("--gap", gap);
        CliValues.atLeast("--node-limit", nodeLimit, 0);
        CliValues.atLeast("--memory-limit", memoryLimit, 1);
    }

    /** What a solve produced, in the shape both outputs use. */
    private record Outcome(Map<String, Object> fields, double[] values, SolutionChecker.Report check) {
    }

    private Outcome solveLp(Model model) {
        LpProblem lp = model.toLpProblem();
        LpSolver solver = new LpSolver(lp, LpParameters.defaults().withTimeLimitSeconds(timeLimit));
        solver.solve();
        LpResult r = solver.result();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", model.name());
        f.put("type", "lp");
        f.put("status", r.status().jsonName());
        boolean optimal = r.status() == LpStatus.OPTIMAL;
        f.put("objective", number(optimal ? r.objective() : Double.NaN));
        f.put("bound", number(optimal ? r.objective() : Double.NaN));
        f.put("gap", optimal ? 0.0 : null);
        f.put("nodes", 0);
        f.put("iterations", r.iterations());
        f.put("time_s", r.timeSeconds());
        double[] x = optimal ? r.columnValues() : null;
        SolutionChecker.Report check = x == null ? null : SolutionChecker.withDefaults().check(model, x);
        return new Outcome(f, x, check);
    }

    private Outcome solveMip(Model model, PrintWriter out) {
        MipParameters p = MipParameters.defaults().withTimeLimitSeconds(timeLimit);
        if (threads != null) p = p.withThreads(threads);
        if (gap != null) p = p.withRelativeGap(gap);
        if (nodeLimit != null) p = p.withNodeLimit(nodeLimit);
        if (memoryLimit != null) p = p.withMemoryLimitMb(memoryLimit);
        MipSolver solver = new MipSolver();
        activeSolver = solver;
        if (!json && !quiet) solver.setLogListener(new HighsStyleNodeLog(line -> {
            out.println(line);
            out.flush();
        }));
        // Ctrl-C / SIGTERM (GracefulShutdown in call()): the search stops and the incumbent and bound are reported.
        MipResult r = solver.solve(model, p);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", model.name());
        f.put("type", "mip");
        f.put("status", r.status().jsonName());
        f.put("objective", number(r.objective()));
        f.put("bound", number(r.bestBound()));
        f.put("gap", number(r.gap()));
        f.put("nodes", r.nodes());
        f.put("iterations", r.lpIterations());
        f.put("time_s", r.timeSeconds());
        double[] x = r.incumbent().orElse(null);
        SolutionChecker.Report check = x == null ? null : SolutionChecker.withDefaults().check(model, x);
        return new Outcome(f, x, check);
    }

    /** JSON has no infinities or NaN: finite numbers stay numbers, infinities become "inf"/"-inf", NaN null. */
    static Object number(double v) {
        if (Double.isNaN(v)) return null;
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return v;
    }

    private void printReport(PrintWriter out, Outcome o) {
        Map<String, Object> f = o.fields;
        out.printf(Locale.ROOT, "%-14s %s%n", "Status", f.get("status"));
        out.printf(Locale.ROOT, "%-14s %s%n", "Objective", format(f.get("objective")));
        if ("mip".equals(f.get("type"))) {
            out.printf(Locale.ROOT, "%-14s %s%n", "Best bound", format(f.get("bound")));
            Object g = f.get("gap");
            out.printf(Locale.ROOT, "%-14s %s%n", "Gap", g instanceof Double d ? String.format(Locale.ROOT, "%.4g%%", 100 * d)
                    : String.valueOf(g));
            out.printf(Locale.ROOT, "%-14s %s%n", "Nodes", f.get("nodes"));
        }
        out.printf(Locale.ROOT, "%-14s %s%n", "Iterations", f.get("iterations"));
        out.printf(Locale.ROOT, "%-14s %.3f s%n", "Time", (Double) f.get("time_s"));
        if (o.check != null) {
            out.printf(Locale.ROOT, "%-14s %s (max violation %.2e)%n", "Check",
                    o.check.feasible() ? "feasible" : "INFEASIBLE: " + o.check.text(), maxViolation(o.check));
        }
        if (solutionFile != null) {
            out.printf(Locale.ROOT, "%-14s %s%n", "Solution", o.values == null ? "none to write" : solutionFile);
        }
    }

    private static double maxViolation(SolutionChecker.Report c) {
        return Math.max(c.maxBoundViolation(), Math.max(c.maxRowViolation(), c.maxIntegralityViolation()));
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.10g", d) : String.valueOf(v == null ? "-" : v);
    }

    /** Writes {@code name value} lines, the format HiGHS, Gurobi and CBC solution readers accept. */
    private void writeSolution(Model model, Outcome o) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# status ").append(o.fields.get("status")).append('\n');
        sb.append("# objective ").append(o.fields.get("objective")).append('\n');
        for (int j = 0; j < model.numVariables(); j++) {
            sb.append(model.variable(j).name()).append(' ').append(Double.toString(o.values[j])).append('\n');
        }
        AtomicFile.writeString(solutionFile, sb.toString());
    }
}
