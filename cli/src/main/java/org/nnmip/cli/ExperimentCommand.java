package org.nnmip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nnmip.nnverify.experiment.Experiment;
import org.nnmip.nnverify.experiment.ExperimentContext;
import org.nnmip.nnverify.experiment.ExperimentReport;
import org.nnmip.nnverify.experiment.Experiments;
import org.nnmip.nnverify.experiment.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnmip experiment NAME --out DIR}: reproduces one paper's experiments and writes a Markdown report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Reproduce a paper's experiments end to end (train, solve, tabulate, plot) and write a Markdown",
                "report with the paper's numbers beside ours into DIR. NAME: invertibility, resilience, inverse, lipschitz",
                "(--list describes them)."})
final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The experiment to run.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (created; files in it are replaced).")
    Path out;

    @Option(names = "--quick", description = "Small sizes (seconds to a minute): the same tables and checks on smaller networks.")
    boolean quick;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of training and data generation (default 1).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "Branch-and-bound threads per solve (default 1).")
    int threads = 1;

    @Option(names = "--time-limit", paramLabel = "S", description = "Time limit of each single solve in seconds (default 60).")
    double timeLimit = 60;

    @Option(names = "--list", description = "List the experiments and exit.")
    boolean list;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on standard error.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (Experiment e : Experiments.all()) stdout.printf("%-14s %s%n", e.name(), e.description());
            return 0;
        }
        if (name == null) throw new BadInputException("experiment: missing NAME (one of " + names() + ")");
        Experiment experiment = Experiments.byName(name)
                .orElseThrow(() -> new BadInputException("experiment: unknown NAME '" + name + "', expected one of " + names()));
        if (out == null) throw new BadInputException("experiment: missing --out DIR");
        if (Files.exists(out) && !Files.isDirectory(out)) throw new BadInputException("--out " + out + ": exists and is not a directory");
        CliValues.atLeast("--threads", threads, 1);
        CliValues.positive("--time-limit", timeLimit);
        Files.createDirectories(out);
        Progress progress = noProgress ? Progress.NONE : new ProgressBar(spec.commandLine().getErr(),
                System.console() != null && System.console().isTerminal());
        ExperimentReport report = experiment.run(new ExperimentContext(out, quick, seed, threads, timeLimit, progress));
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        stdout.println("report: " + report.report());
        stdout.printf(Locale.ROOT, "files: %d, checks: %d held, %d failed%n", report.files().size(),
                report.checks().size() - failed, failed);
        for (ExperimentReport.Check c : report.checks()) {
            if (!c.passed()) stdout.println("  FAILS: " + c.statement() + (c.detail() == null ? "" : " (" + c.detail() + ")"));
        }
        return 0;
    }

    private static String names() {
        return Experiments.all().stream().map(Experiment::name).collect(Collectors.joining(", "));
    }

    /**
     * A one-line text progress bar redrawn in place on a terminal; when standard error is a file or pipe, one line per
     * step instead (a log without carriage returns).
     */
    static final class ProgressBar implements Progress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean terminal;
        private int lastLength;
        private String phase = "";
        private int total;
        private int done;
        private final long started = System.nanoTime();

        ProgressBar(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void start(String phase, int total) {
            this.phase = phase;
            this.total = Math.max(total, 0);
            this.done = 0;
            draw("");
        }

        @Override
        public synchronized void step(String detail) {
            if (done < total) done++;
            draw(detail == null ? "" : detail);
            if (done == total && terminal) {
                err.println();
                lastLength = 0;
            }
        }

        @Override
        public synchronized void note(String message) {
            if (terminal && lastLength > 0) {
                err.print("\r" + " ".repeat(lastLength) + "\r");
                lastLength = 0;
            }
            err.println(message);
            err.flush();
        }

        private void draw(String detail) {
            int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
            double elapsed = (System.nanoTime() - started) / 1e9;
            String line = String.format(Locale.ROOT, "[%s%s] %d/%d %s %s (%.0f s)", "#".repeat(filled), ".".repeat(WIDTH - filled),
                    done, total, phase, detail, elapsed);
            if (terminal) {
                // Pad over the previous, possibly longer, line.
                err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
                lastLength = line.length();
            } else {
                err.println(line);
            }
            err.flush();
        }
    }
}
