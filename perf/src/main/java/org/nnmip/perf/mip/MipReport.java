package org.nnmip.perf.mip;

import org.nnmip.model.Model;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Markdown report of a {@link MipBenchmark} run: per-instance cells, correctness verdicts, solved counts, time
 * ratios and shifted geometric means.
 *
 * <p>Shifted geometric mean (MIPLIB/Mittelmann convention, Achterberg 2007 Sec. A.3):
 * {@code sgm(t) = exp(mean(log(t_i + s))) - s} with shift {@code s} = 1 s, over all instances, where a run that is
 * not solved (limit, wrong answer, error) counts as the time limit. The shift keeps instances solved in
 * milliseconds from dominating the mean.
 */
final class MipReport {
    static final double SHIFT_SECONDS = 1.0;

    /** Runs of one contender on one instance, summarised. */
    record Summary(MipBackend.Run representative, double medianSeconds, Verdict verdict, int reps) {
        boolean solved() {
            return verdict.isSolved();
        }
    }

    private final MipBenchmark.Settings settings;
    private final List<MipBenchmark.Instance> instances;
    private final List<MipBenchmark.Contender> contenders;
    private final Map<String, Map<String, List<MipBackend.Run>>> runs;
    private final String loadBefore;
    private final String loadAfter;

    MipReport(MipBenchmark.Settings settings, List<MipBenchmark.Instance> instances,
              List<MipBenchmark.Contender> contenders, Map<String, Map<String, List<MipBackend.Run>>> runs,
              String loadBefore, String loadAfter) {
        this.settings = settings;
        this.instances = instances;
        this.contenders = contenders;
        this.runs = runs;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    Summary summary(MipBenchmark.Instance in, String contender) {
        List<MipBackend.Run> rs = new ArrayList<>(runs.get(in.name()).get(contender));
        Verdict v = Verdict.OK;
        for (MipBackend.Run r : rs) {
            v = Verdict.worse(v, Verdict.judge(r, in.model(), in.knownOptimum(), in.known(), MipBenchmark.RELATIVE_GAP));
        }
        rs.sort(Comparator.comparingDouble(MipBackend.Run::seconds));
        MipBackend.Run median = rs.get((rs.size() - 1) / 2);
        double t = rs.size() % 2 == 1 ? median.seconds()
                : 0.5 * (rs.get(rs.size() / 2 - 1).seconds() + rs.get(rs.size() / 2).seconds());
        return new Summary(median, t, v, rs.size());
    }

    /** Time used for means: the measured median if solved, else the time limit. */
    double chargedSeconds(Summary s) {
        return s.solved() ? s.medianSeconds() : settings.timeLimit();
    }

    void printComparison(PrintStream out) {
        String ours = contenders.get(0).name();
        List<MipBenchmark.Contender> theirs = contenders.subList(1, contenders.size());
        printHeader(out, "MIP side-by-side");
        StringBuilder head = new StringBuilder("| instance | rows | cols | ints | known opt |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
        for (MipBenchmark.Contender c : contenders) {
            head.append(' ').append(c.name()).append(" |");
            rule.append("---|");
        }
        for (MipBenchmark.Contender c : theirs) {
            head.append(" ours/").append(c.name()).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        List<String> alarms = new ArrayList<>();
        for (MipBenchmark.Instance in : instances) {
            Model m = in.model();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s |", in.name(),
                    m.numConstraints(), m.numVariables(), m.numIntegerVariables(), known(in)));
            Summary o = summary(in, ours);
            for (MipBenchmark.Contender c : contenders) {
                Summary s = summary(in, c.name());
                row.append(' ').append(cell(s)).append(" |");
                if (s.verdict().isWrong()) alarms.add(alarm(in, c.name(), s));
            }
            for (MipBenchmark.Contender c : theirs) row.append(' ').append(ratioCell(o, summary(in, c.name()))).append(" |");
            out.println(row);
        }
        out.println();
        printLegend(out);
        out.println();
        StringBuilder solved = new StringBuilder("Solved (proven optimal and correct) within " + fmt(settings.timeLimit())
                + " s:");
        for (MipBenchmark.Contender c : contenders) {
            long n = instances.stream().filter(in -> summary(in, c.name()).solved()).count();
            solved.append(String.format(Locale.ROOT, "  %s %d/%d", c.name(), n, instances.size()));
        }
        out.println(solved);
        printAlarms(out, alarms);
        StringBuilder sgm = new StringBuilder(String.format(Locale.ROOT,
                "Shifted geometric mean of time (shift %.0f s, unsolved counted as the %s s limit), all %d instances:",
                SHIFT_SECONDS, fmt(settings.timeLimit()), instances.size()));
        for (MipBenchmark.Contender c : contenders) {
            sgm.append(String.format(Locale.ROOT, "  %s %.2f s", c.name(), shiftedGeometricMean(charged(c.name()),
                    SHIFT_SECONDS)));
        }
        out.println(sgm);
        StringBuilder ratio = new StringBuilder("Ratio of shifted geometric means ours/theirs (< 1: nnmip faster):");
        StringBuilder both = new StringBuilder("Geometric mean of ours/theirs on instances both solved:");
        double oursSgm = shiftedGeometricMean(charged(ours), SHIFT_SECONDS);
        for (MipBenchmark.Contender c : theirs) {
            ratio.append(String.format(Locale.ROOT, "  %s %.2f", c.name(),
                    oursSgm / shiftedGeometricMean(charged(c.name()), SHIFT_SECONDS)));
            List<Double> rs = new ArrayList<>();
            for (MipBenchmark.Instance in : instances) {
                Summary o = summary(in, ours);
                Summary t = summary(in, c.name());
                if (o.solved() && t.solved()) rs.add(o.medianSeconds() / t.medianSeconds());
            }
            both.append(String.format(Locale.ROOT, "  %s %s (%d inst.)", c.name(),
                    rs.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", geometricMean(rs)), rs.size()));
        }
        out.println(ratio);
        out.println(both);
    }

    void printSpeedup(PrintStream out) {
        String one = contenders.get(0).name();
        String many = contenders.get(1).name();
        printHeader(out, "nnmip parallel speed-up");
        out.println("| instance | known opt | " + one + " | " + many + " | speed-up t1/t" + contenders.get(1).threads()
                + " | nodes ratio |");
        out.println("|---|---:|---|---|---:|---:|");
        List<String> alarms = new ArrayList<>();
        List<Double> speedups = new ArrayList<>();
        for (MipBenchmark.Instance in : instances) {
            Summary a = summary(in, one);
            Summary b = summary(in, many);
            if (a.verdict().isWrong()) alarms.add(alarm(in, one, a));
            if (b.verdict().isWrong()) alarms.add(alarm(in, many, b));
            String speed;
            if (a.solved() && b.solved()) {
                double sp = a.medianSeconds() / b.medianSeconds();
                speedups.add(sp);
                speed = String.format(Locale.ROOT, "%.2f", sp);
            } else {
                speed = ratioCell(a, b).equals("-") ? "-" : "limit";
            }
            long n1 = a.representative().nodes();
            long n2 = b.representative().nodes();
            String nodes = n1 > 0 && n2 >= 0 ? String.format(Locale.ROOT, "%.2f", (double) n2 / n1) : "-";
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", in.name(), known(in), cell(a), cell(b),
                    speed, nodes);
        }
        out.println();
        out.println("speed-up = median time with 1 thread / median time with " + contenders.get(1).threads()
                + " threads (> 1: parallel is faster); nodes ratio = nodes(" + many + ") / nodes(" + one + ").");
        printLegend(out);
        out.println();
        printAlarms(out, alarms);
        out.printf(Locale.ROOT, "Geometric mean speed-up on instances both solved: %s (%d inst.)%n",
                speedups.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", geometricMean(speedups)), speedups.size());
        out.printf(Locale.ROOT, "Shifted geometric mean of time (shift %.0f s, unsolved = limit): %s %.2f s, %s %.2f s%n",
                SHIFT_SECONDS, one, shiftedGeometricMean(charged(one), SHIFT_SECONDS), many,
                shiftedGeometricMean(charged(many), SHIFT_SECONDS));
    }

    private void printHeader(PrintStream out, String title) {
        out.println("### " + title + " (" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")");
        out.println();
        StringBuilder threads = new StringBuilder();
        for (MipBenchmark.Contender c : contenders) {
            threads.append(c.name()).append('=').append(c.threads());
            if (c.backend() instanceof OrToolsMipBackend o && !o.threadsHonoured()) {
                threads.append(" (setNumThreads refused: solver default)");
            }
            threads.append(", ");
        }
        threads.setLength(threads.length() - 2);
        out.printf(Locale.ROOT, "- %d instance(s) from %s; time limit %s s; %s; threads: %s.%n", instances.size(),
                settings.dir(), fmt(settings.timeLimit()),
                settings.reps() == 1 ? "1 run each" : "median of " + settings.reps() + " runs each", threads);
        out.printf(Locale.ROOT, "- Order rotates per instance and repetition; time is wall clock including model "
                + "hand-over; relative gap %.0e for nnmip, SCIP and CBC (ojAlgo: its own default).%n",
                MipBenchmark.RELATIVE_GAP);
        out.printf(Locale.ROOT, "- Machine: %d cores, Java %s, load average before %s / after %s (shared machine: "
                        + "numbers are indicative).%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), loadBefore, loadAfter);
        out.println();
    }

    private static void printLegend(PrintStream out) {
        out.println("Cells: time s (nodes) verdict. ok = claimed optimal and equal to the known optimum within 1e-6 "
                + "relative; ~gap = within the allowed relative gap; otherwise the status with incumbent/bound. "
                + "Ratio cells: ours/theirs where both solved; <x / >x: only ours / only theirs solved (the other "
                + "charged the limit); - neither.");
    }

    private static void printAlarms(PrintStream out, List<String> alarms) {
        if (alarms.isEmpty()) {
            out.println("Wrong answers: none (every claimed optimum matched, every point was feasible, no bound cut "
                    + "off the known optimum).");
            return;
        }
        out.println("**!!! WRONG ANSWERS: " + alarms.size() + " !!!**");
        for (String a : alarms) out.println("- **" + a + "**");
    }

    private static String alarm(MipBenchmark.Instance in, String solver, Summary s) {
        MipBackend.Run r = s.representative();
        return String.format(Locale.ROOT, "%s on %s: %s (status %s, objective %s, bound %s, known %s)", solver,
                in.name(), s.verdict(), r.status(), num(r.objective()), num(r.bound()), known(in));
    }

    private static String known(MipBenchmark.Instance in) {
        if (!in.known()) return "?";
        return Double.isNaN(in.knownOptimum()) ? "infeasible" : num(in.knownOptimum());
    }

    static String cell(Summary s) {
        MipBackend.Run r = s.representative();
        String base = String.format(Locale.ROOT, "%.2f (%s)", s.medianSeconds(),
                r.nodes() < 0 ? "-" : Long.toString(r.nodes()));
        return base + " " + switch (s.verdict()) {
            case OK -> "ok";
            case UNVERIFIED -> "optimal (unverified)";
            case WITHIN_GAP -> "~gap " + num(r.objective());
            case NOT_SOLVED -> r.status() + " inc " + num(r.objective())
                    + (Double.isNaN(r.bound()) ? "" : " bnd " + num(r.bound()));
            case ERROR -> "**ERROR " + r.status() + "**";
            default -> "**" + s.verdict() + " " + r.status() + " " + num(r.objective()) + "**";
        };
    }

    private String ratioCell(Summary ours, Summary theirs) {
        if (ours.solved() && theirs.solved()) {
            return String.format(Locale.ROOT, "%.2f", ours.medianSeconds() / theirs.medianSeconds());
        }
        if (ours.solved()) return String.format(Locale.ROOT, "<%.2f", ours.medianSeconds() / settings.timeLimit());
        if (theirs.solved()) return String.format(Locale.ROOT, ">%.2f", settings.timeLimit() / theirs.medianSeconds());
        return "-";
    }

    private List<Double> charged(String contender) {
        List<Double> t = new ArrayList<>();
        for (MipBenchmark.Instance in : instances) t.add(chargedSeconds(summary(in, contender)));
        return t;
    }

    static double shiftedGeometricMean(List<Double> values, double shift) {
        double logSum = 0;
        for (double v : values) logSum += Math.log(v + shift);
        return Math.exp(logSum / values.size()) - shift;
    }

    static double geometricMean(List<Double> values) {
        return shiftedGeometricMean(values, 0);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "none";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        // 10 significant digits, enough to show a 1e-6 relative difference; no trailing zeros.
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.10g", v).trim()).stripTrailingZeros()
                .toPlainString();
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /** The 1/5/15-minute load average where the OS exposes it, else "n/a". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
