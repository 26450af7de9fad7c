package org.nnmip.nnverify.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nnmip.nnverify.lipschitz.BoundKind;
import org.nnmip.nnverify.lipschitz.LipschitzMethod;
import org.nnmip.nnverify.lipschitz.LipschitzProblem;
import org.nnmip.nnverify.lipschitz.LipschitzResult;

/**
 * Jordan &amp; Dimakis, Tables 1 and 2: every method on a group of Lipschitz problems, each method's mean time and mean
 * relative error {@code (value - L) / L} against LipMIP (over the instances LipMIP solved to optimality), and the
 * ordering their guarantees promise: every lower bound at most LipMIP's proven upper bound, every upper bound at
 * least LipMIP's proven lower bound (valid whether or not LipMIP finished; with LipMIP optimal it is the chain
 * lower &le; L &le; upper).
 */
final class LipschitzComparison {
    /** Relative slack of the ordering checks (LipMIP's own gap is 1e-6). */
    static final double TOLERANCE = 1e-6;

    /** One problem and what every method said about it. */
    record Instance(String name, Map<LipschitzMethod, LipschitzResult> results) {
        LipschitzResult lipmip() { return results.get(LipschitzMethod.LIPMIP); }

        /** The exact constant when LipMIP finished, NaN otherwise. */
        double exact() { return lipmip().isOptimal() ? lipmip().value() : Double.NaN; }

        /** Orderings violated on this instance (empty when the guarantees hold). */
        List<String> violations() {
            List<String> v = new ArrayList<>();
            double lo = lipmip().lower();
            double hi = lipmip().upper();
            for (LipschitzResult r : results.values()) {
                if (r.kind() == BoundKind.LOWER_BOUND && r.value() > hi * (1 + TOLERANCE) + 1e-9) {
                    v.add(name + ": " + r.method() + " " + r.value() + " > LipMIP upper " + hi);
                }
                if (r.kind() == BoundKind.UPPER_BOUND && r.value() < lo * (1 - TOLERANCE) - 1e-9) {
                    v.add(name + ": " + r.method() + " " + r.value() + " < LipMIP lower " + lo);
                }
            }
            return v;
        }
    }

    private LipschitzComparison() { }

    /** Runs every method of {@link LipschitzMethod} on the problem (LipMIP first). */
    static Instance run(String name, LipschitzProblem problem, LipschitzMethod.Settings settings) {
        Map<LipschitzMethod, LipschitzResult> results = new EnumMap<>(LipschitzMethod.class);
        for (LipschitzMethod m : LipschitzMethod.values()) results.put(m, m.compute(problem, settings));
        return new Instance(name, results);
    }

    /**
     * One row per method: kind, mean relative error against LipMIP over the instances LipMIP solved, the range of
     * those errors, and mean time. LipMIP's own row gives its mean value and how many instances it solved.
     */
    static List<List<String>> rows(List<Instance> instances) {
        List<List<String>> rows = new ArrayList<>();
        for (LipschitzMethod m : LipschitzMethod.values()) {
            double time = 0;
            double errSum = 0;
            double errMin = Double.POSITIVE_INFINITY;
            double errMax = Double.NEGATIVE_INFINITY;
            int solved = 0;
            for (Instance in : instances) {
                LipschitzResult r = in.results().get(m);
                time += r.timeSeconds();
                double exact = in.exact();
                if (Double.isNaN(exact) || Double.isNaN(r.value())) continue;
                double err = (r.value() - exact) / exact;
                errSum += err;
                errMin = Math.min(errMin, err);
                errMax = Math.max(errMax, err);
                solved++;
            }
            LipschitzResult first = instances.getFirst().results().get(m);
            String kind = kindName(first.kind());
            String err;
            if (m == LipschitzMethod.LIPMIP) {
                err = "exact on " + solved + "/" + instances.size();
            } else if (solved == 0) {
                err = "—";
            } else {
                err = percent(errSum / solved) + " [" + percent(errMin) + ", " + percent(errMax) + "]";
            }
            rows.add(List.of(methodName(m), kind, err, MarkdownReport.seconds(time / instances.size())));
        }
        return rows;
    }

    /** Per-instance detail: LipMIP's status, bounds and time, and every other method's value. */
    static List<String> detailHeader() {
        List<String> h = new ArrayList<>(List.of("instance", "LipMIP status", "LipMIP [lower, upper]", "LipMIP time"));
        for (LipschitzMethod m : LipschitzMethod.values()) if (m != LipschitzMethod.LIPMIP) h.add(methodName(m));
        return h;
    }

    static List<List<String>> detailRows(List<Instance> instances) {
        List<List<String>> rows = new ArrayList<>();
        for (Instance in : instances) {
            LipschitzResult l = in.lipmip();
            List<String> row = new ArrayList<>(List.of(in.name(), l.status(),
                    "[" + MarkdownReport.num(l.lower()) + ", " + MarkdownReport.num(l.upper()) + "]", MarkdownReport.seconds(l.timeSeconds())));
            for (LipschitzMethod m : LipschitzMethod.values()) {
                if (m != LipschitzMethod.LIPMIP) row.add(MarkdownReport.num(in.results().get(m).value()));
            }
            rows.add(row);
        }
        return rows;
    }

    static String methodName(LipschitzMethod m) {
        return switch (m) {
            case LIPMIP -> "LipMIP";
            case LIPLP -> "LipLP";
            case FASTLIP -> "FastLip";
            case NAIVE -> "NaiveUB";
            case RANDOMLB -> "RandomLB";
            case CLEVER -> "CLEVER";
            case SEQLIP -> "SeqLip";
        };
    }

    static String kindName(BoundKind k) {
        return switch (k) {
            case EXACT -> "exact";
            case LOWER_BOUND -> "lower bound";
            case UPPER_BOUND -> "upper bound";
            case HEURISTIC -> "heuristic";
        };
    }

    static String percent(double fraction) {
        double p = 100 * fraction;
        return (p >= 0 ? "+" : "−") + String.format(java.util.Locale.ROOT, Math.abs(p) >= 100 ? "%.0f%%" : "%.1f%%", Math.abs(p));
    }
}
