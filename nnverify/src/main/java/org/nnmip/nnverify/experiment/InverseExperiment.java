package org.nnmip.nnverify.experiment;

import static org.nnmip.nnverify.net.Evaluation.argmax;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.data.BreastCancerData;
import org.nnmip.nnverify.inverse.AdversarialProblem;
import org.nnmip.nnverify.inverse.FeatureVisualization;
import org.nnmip.nnverify.inverse.InverseResult;
import org.nnmip.nnverify.inverse.MinimalAdversarial;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.train.Loss;
import org.nnmip.nnverify.train.MlpTrainer;
import org.nnmip.nnverify.train.TrainingConfig;

/**
 * The thesis "Mathematical Optimization in Deep Learning" (M. J. Ramírez Ayerbe, Sevilla 2019), ch. 4, after
 * Fischetti &amp; Jo (2018): a 9-input ReLU classifier with two hidden layers trained on the Wisconsin breast-cancer
 * data, then (4.5.1) feature visualisation per class and (4.5.2) minimal integer adversarial examples, free, with
 * every attribute moved by at most 4 or 3, and with at most 2 attributes changed. Each optimum is re-checked by a
 * forward pass and, where small enough, by exhaustive enumeration ({@link InverseEnumeration}).
 */
public final class InverseExperiment implements Experiment {
    /** Training samples, as in the thesis (342 of its 684). */
    static final int TRAIN_SIZE = 342;
    static final int[] SIZES = {9, 8, 8, 2};
    /**
     * The thesis asks for {@code y_target >= 1.2 y_source}. Our outputs are logits (possibly negative), so the factor
     * is read on softmax probabilities, {@code p_target >= 1.2 p_source}, i.e. the logit margin ln 1.2.
     */
    static final double MARGIN = Math.log(1.2);
    static final int LOWER = BreastCancerData.MIN_VALUE;
    static final int UPPER = BreastCancerData.MAX_VALUE;
    static final List<String> SHORT_NAMES = List.of("clump", "cell size", "cell shape", "adhesion", "epith. size",
            "bare nuclei", "chromatin", "nucleoli", "mitoses");
    private static final double TOL = 1e-6;

    /** One of the thesis' three adversarial tables (and the free one they are compared with). */
    enum Setting {
        FREE("free", "Free (integer, 1…10)", Integer.MAX_VALUE, -1),
        CAP4("cap 4", "Every attribute moved by at most 4", 4, -1),
        CAP3("cap 3", "Every attribute moved by at most 3", 3, -1),
        TWO("≤ 2 changed", "At most 2 attributes changed", Integer.MAX_VALUE, 2);

        final String label;
        final String title;
        final int cap;
        final int maxChanged;

        Setting(String label, String title, int cap, int maxChanged) {
            this.label = label;
            this.title = title;
            this.cap = cap;
            this.maxChanged = maxChanged;
        }

        AdversarialProblem problem(double[] original, int source) {
            double[] lo = new double[original.length];
            double[] hi = new double[original.length];
            Arrays.fill(lo, LOWER);
            Arrays.fill(hi, UPPER);
            AdversarialProblem p = AdversarialProblem.of(original, source, 1 - source, lo, hi)
                    .withCondition(AdversarialProblem.Condition.MARGIN, MARGIN).withInteger(true);
            if (cap != Integer.MAX_VALUE) p = p.withMaxChange(cap);
            if (maxChanged >= 0) p = p.withMaxChanged(maxChanged, 1.0); // integer moves: a changed attribute moves by >= 1
            return p;
        }
    }

    /** One solved adversarial question with its independent checks. */
    record AdvRow(long id, double[] original, int source, Setting setting, InverseResult result, double seconds,
                  InverseEnumeration.Outcome enumeration, double nearestData) {
        /** The proven least distance, +inf when proven infeasible, NaN otherwise. */
        double optimum() {
            if (result.isInfeasible()) return Double.POSITIVE_INFINITY;
            return result.isOptimal() ? result.objective() : Double.NaN;
        }

        /** A proven lower bound on the least distance. */
        double lowerBound() {
            if (result.isInfeasible()) return Double.POSITIVE_INFINITY;
            if (result.isOptimal()) return result.objective();
            return Double.isNaN(result.bound()) ? 0 : result.bound();
        }
    }

    @Override public String name() { return "inverse"; }

    @Override public String description() { return "thesis ch. 4 — feature visualisation and adversarial tables on the breast-cancer classifier"; }

    @Override
    public ExperimentReport run(ExperimentContext ctx) throws IOException {
        Progress progress = ctx.progress();
        List<Path> files = new ArrayList<>();
        BreastCancerData all = BreastCancerData.load();
        BreastCancerData.Split split = all.split(TRAIN_SIZE, ctx.seed());
        int epochs = ctx.quick() ? 150 : 400;
        TrainingConfig cfg = TrainingConfig.defaults(Loss.CROSS_ENTROPY).withLearningRate(5e-3).withEpochs(epochs)
                .withBatchSize(32).withSeed(ctx.seed());
        progress.note("training " + Arrays.toString(SIZES) + " on " + TRAIN_SIZE + " samples, " + epochs + " epochs");
        long t0 = System.nanoTime();
        Network net = new MlpTrainer(cfg).train(SIZES, split.train().dataset());
        double trainSeconds = (System.nanoTime() - t0) * 1e-9;
        double trainAcc = MlpTrainer.accuracy(net, split.train().dataset());
        double testAcc = MlpTrainer.accuracy(net, split.test().dataset());
        String netName = "breast-cancer-" + joinInts(SIZES, "-") + ".json";
        Path netFile = ctx.file("networks/" + netName);
        JsonNetworkFormat.write(net, netFile);
        files.add(netFile);
        progress.note(String.format(Locale.ROOT, "trained: train accuracy %.3f, test accuracy %.3f", trainAcc, testAcc));

        MipParameters params = MipParameters.defaults().withThreads(ctx.threads()).withTimeLimitSeconds(ctx.timeLimitSeconds())
                .withRelativeGap(1e-9).withAbsoluteGap(1e-9);

        MarkdownReport report = new MarkdownReport("Inverse problems on a breast-cancer classifier (thesis ch. 4)");
        report.paragraph("Reproduces chapter 4 (\"The inverse problem\", 4.5.1 feature visualisation, 4.5.2 adversarial examples) of "
                + "M. J. Ramírez Ayerbe, *Mathematical Optimization in Deep Learning* (final degree project, Sevilla 2019), which applies "
                + "the 0-1 MILP model of Fischetti & Jo (2018) to a small ReLU network trained on the Wisconsin breast-cancer data. "
                + "Every MILP here is solved by nnmip's own branch and bound" + (ctx.quick() ? " (quick mode: fewer epochs and examples)." : "."));
        setup(report, all, split, cfg, net, netName, trainAcc, testAcc, trainSeconds, ctx);

        List<ExperimentReport.Check> checks = new ArrayList<>();
        featureVisualisation(report, ctx, net, all, split.train(), params, files, checks);
        List<AdvRow> rows = adversarial(report, ctx, net, all, split.test(), params, files, checks);

        report.heading("Checks");
        for (ExperimentReport.Check c : checks) report.check(c.statement(), c.passed(), c.detail());
        Path out = ctx.file("report.md");
        report.write(out);
        progress.note("report: " + out + " (" + rows.size() + " adversarial solves)");
        return new ExperimentReport(out, files, report.checks());
    }

    private static void setup(MarkdownReport report, BreastCancerData all, BreastCancerData.Split split, TrainingConfig cfg, Network net,
                              String netName, double trainAcc, double testAcc, double trainSeconds, ExperimentContext ctx) {
        report.heading("Set-up");
        report.paragraph("**Data.** The original Wisconsin data (699 rows, nine attributes each an integer 1…10, class 2 benign / 4 malignant). "
                + "The " + all.skippedRows() + " rows with a missing bare-nuclei value (`?`) are skipped, not imputed, leaving " + all.size()
                + " samples (" + all.count(0) + " benign, " + all.count(1) + " malignant). The thesis used 684 samples (699 − 16 = 683 here), 342 for "
                + "training; we take " + split.train().size() + " for training and " + split.test().size() + " for testing by a seeded "
                + "shuffle (seed " + ctx.seed() + "). Inputs are the raw integers, unscaled, so the MILPs' integrality is the data's.");
        report.paragraph("**Network.** Layers " + Arrays.toString(SIZES) + " (two ReLU hidden layers, linear output = logits), trained by our "
                + "MlpTrainer: He initialisation, Adam (learning rate " + cfg.learningRate() + "), cross-entropy, batches of " + cfg.batchSize()
                + ", " + cfg.epochs() + " epochs, seed " + cfg.seed() + ". Saved as `networks/" + netName + "`. The thesis trained its network "
                + "in AMPL by continuous optimisation; its hidden sizes and weights are not available here, so the networks differ.");
        report.table(List.of("", "ours", "thesis"), List.of(
                List.of("training samples", Integer.toString(split.train().size()), "342"),
                List.of("training accuracy", pct(trainAcc), "not retrieved"),
                List.of("test accuracy", pct(testAcc), "not retrieved"),
                List.of("training time", MarkdownReport.seconds(trainSeconds), "—")));
        report.paragraph("**Adversarial condition.** The thesis (after Fischetti & Jo) asks for `y_target ≥ 1.2 · y_source` with the L1 "
                + "distance to the original minimised. Our outputs are logits, which can be negative, so the factor 1.2 is applied to "
                + "softmax probabilities: `p_target ≥ 1.2 · p_source`, i.e. `y_target − y_source ≥ ln 1.2 ≈ " + fmt(MARGIN) + "`. "
                + "Attributes stay integers in 1…10. **Thesis numbers:** only the chapter's outline (sections 4.5.1 and 4.5.2) could be "
                + "retrieved here, not its tables, so no thesis values are printed beside ours; with a different network they would "
                + "not be comparable number by number anyway.");
    }

    // ---------------------------------------------------------------- feature visualisation (4.5.1)

    private static void featureVisualisation(MarkdownReport report, ExperimentContext ctx, Network net, BreastCancerData all,
                                             BreastCancerData train, MipParameters params, List<Path> files, List<ExperimentReport.Check> checks) throws IOException {
        Progress progress = ctx.progress();
        report.heading("Feature visualisation per class (4.5.1)");
        report.paragraph("For each class c the integer input in [1, 10]^9 that maximises (a) the logit margin `y_c − y_other` "
                + "(the input the network is most sure belongs to c) and (b) the output unit `y_c` alone (Fischetti & Jo's "
                + "\"maximise one unit\"). Every data sample is a feasible point, so each optimum must be at least the best value "
                + "reached on the " + all.size() + " samples.");
        int outLayer = net.layerCount() - 1;
        double[] lo = filled(LOWER);
        double[] hi = filled(UPPER);
        List<List<String>> table = new ArrayList<>();
        double[][] marginOptimum = new double[2][];
        boolean allOptimal = true;
        boolean classOk = true;
        boolean dominates = true;
        boolean integral = true;
        boolean bounded = true;
        StringBuilder dominanceDetail = new StringBuilder();
        progress.start("feature visualisation", 4);
        for (int c = 0; c < 2; c++) {
            for (int kind = 0; kind < 2; kind++) {
                double[] w = new double[2];
                w[c] = 1;
                if (kind == 0) w[1 - c] = -1;
                long t = System.nanoTime();
                InverseResult r = FeatureVisualization.linear(net, lo, hi, outLayer, w, true, true, params);
                double secs = (System.nanoTime() - t) * 1e-9;
                double dataBest = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < all.size(); i++) dataBest = Math.max(dataBest, dot(w, net.apply(all.input(i))));
                allOptimal &= r.isOptimal();
                String predicted = "—";
                if (r.hasPoint()) {
                    double[] y = net.apply(r.input());
                    int pc = argmax(y);
                    predicted = className(pc);
                    if (kind == 0) {
                        classOk &= pc == c;
                        marginOptimum[c] = r.input();
                    }
                    integral &= isIntegral(r.input());
                    bounded &= inBox(r.input());
                    boolean dom = r.objective() >= dataBest - TOL * (1 + Math.abs(dataBest));
                    // The solver's proven bound must enclose the re-evaluated value.
                    bounded &= Double.isNaN(r.bound()) || r.objective() <= r.bound() + TOL * (1 + Math.abs(r.bound()));
                    dominates &= dom;
                    dominanceDetail.append(String.format(Locale.ROOT, "%s %s: %s ≥ %s; ", className(c), kind == 0 ? "margin" : "unit",
                            fmt(r.objective()), fmt(dataBest)));
                } else {
                    classOk = false;
                    dominates = false;
                }
                List<String> row = new ArrayList<>();
                row.add(className(c));
                row.add(kind == 0 ? "max y_c − y_other" : "max y_c");
                row.add(r.status());
                row.add(r.hasPoint() ? fmt(r.objective()) : "—");
                row.add(fmt(dataBest));
                row.add(r.hasPoint() ? vector(r.input()) : "—");
                row.add(predicted);
                row.add(MarkdownReport.seconds(secs));
                table.add(row);
                progress.step(className(c) + (kind == 0 ? " margin" : " unit"));
            }
        }
        report.table(List.of("class c", "objective", "status", "optimum", "best data sample", "input (a…i)", "network says", "time"), table);
        report.paragraph("Attributes a…i: " + String.join(", ", BreastCancerData.ATTRIBUTES) + ".");

        if (marginOptimum[0] != null && marginOptimum[1] != null) {
            org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(900).height(450)
                    .title("Feature visualisation: the most benign and most malignant integer inputs")
                    .xAxisTitle("attribute").yAxisTitle("value (1…10)").build();
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(10.0);
            chart.getStyler().setXAxisLabelRotation(30);
            chart.addSeries("most benign (MILP)", SHORT_NAMES, boxed(marginOptimum[0]));
            chart.addSeries("most malignant (MILP)", SHORT_NAMES, boxed(marginOptimum[1]));
            chart.addSeries("benign mean (training)", SHORT_NAMES, boxed(classMean(train, 0)));
            chart.addSeries("malignant mean (training)", SHORT_NAMES, boxed(classMean(train, 1)));
            Path png = ctx.file("feature-visualisation.png");
            Charts.save(chart, png);
            files.add(png);
            report.image("feature visualisation per class", "feature-visualisation.png");
            report.paragraph(extrapolationNote(marginOptimum, train));
        }
        checks.add(new ExperimentReport.Check("feature visualisation: every MILP solved to proven optimality", allOptimal, ""));
        checks.add(new ExperimentReport.Check("feature visualisation: the margin-maximising input of class c is classified c (forward pass)", classOk, ""));
        checks.add(new ExperimentReport.Check("feature visualisation: each optimum ≥ the best value on every data sample (data points are feasible)", dominates,
                dominanceDetail.toString()));
        checks.add(new ExperimentReport.Check("feature visualisation: inputs integral, inside [1, 10], value within the solver's proven bound",
                integral && bounded, ""));
    }

    // ---------------------------------------------------------------- adversarial examples (4.5.2)

    private static List<AdvRow> adversarial(MarkdownReport report, ExperimentContext ctx, Network net, BreastCancerData all,
                                            BreastCancerData test, MipParameters params, List<Path> files, List<ExperimentReport.Check> checks) throws IOException {
        Progress progress = ctx.progress();
        int perClass = ctx.quick() ? 2 : 10;
        long budget = ctx.quick() ? 300_000 : 20_000_000;
        int[] originals = pickOriginals(net, test, perClass);
        report.heading("Adversarial examples (4.5.2)");
        report.paragraph("Originals: the first " + perClass + " distinct test samples of each class that the network classifies "
                + "correctly with at least the required margin (seeded split order). For each we solve the minimum-L1 integer "
                + "adversarial MILP towards the other class in four settings. Every point is re-evaluated by a forward pass. The column "
                + "*enumeration* checks optimality independently: every integer point strictly closer than the MILP optimum (within "
                + "the setting's limits) is evaluated and none may meet the condition (\"proved\"); past " + budget + " points the "
                + "check is skipped. For *≤ 2 changed* the enumeration covers the whole feasible set and must match the MILP exactly.");
        List<AdvRow> rows = new ArrayList<>();
        progress.start("adversarial examples", originals.length * Setting.values().length);
        for (int s : originals) {
            double[] xt = test.input(s);
            int src = test.label(s);
            double[] nearestPoint = nearestData(net, all, xt, 1 - src);
            double nearest = nearestPoint == null ? Double.POSITIVE_INFINITY : l1(nearestPoint, xt);
            for (Setting st : Setting.values()) {
                AdversarialProblem p = st.problem(xt, src);
                // The nearest sample of the target class is a known adversarial point: a MIP start (ignored by the
                // solver where a setting's limits exclude it).
                InverseResult r = MinimalAdversarial.solve(net, p, params, nearestPoint);
                double secs = r.timeSeconds();
                InverseEnumeration.Question q = new InverseEnumeration.Question(xt, src, 1 - src, MARGIN, LOWER, UPPER,
                        st.cap == Integer.MAX_VALUE ? UPPER - LOWER : st.cap, st.maxChanged);
                int radius;
                if (st == Setting.TWO) radius = 2 * (UPPER - LOWER); // the whole feasible set
                else if (r.isOptimal()) radius = (int) Math.round(r.objective()) - 1;
                else radius = xt.length * (UPPER - LOWER); // infeasible or unknown: try everything within the budget
                InverseEnumeration.Outcome e = InverseEnumeration.search(net, q, radius, budget);
                rows.add(new AdvRow(test.id(s), xt, src, st, r, secs, e, nearest));
                progress.step("#" + test.id(s) + " " + st.label + ": " + r.status() + (r.hasPoint() ? " " + fmt(r.objective()) : ""));
            }
        }
        for (Setting st : Setting.values()) {
            report.subheading(st.title);
            List<List<String>> table = new ArrayList<>();
            for (AdvRow row : rows) {
                if (row.setting != st) continue;
                InverseResult r = row.result;
                List<String> cells = new ArrayList<>();
                cells.add("#" + row.id);
                cells.add(className(row.source) + " → " + className(1 - row.source));
                cells.add(vector(row.original));
                cells.add(r.hasPoint() ? vector(r.input()) : "—");
                cells.add(r.hasPoint() ? fmt(r.objective()) : "—");
                cells.add(r.hasPoint() ? Integer.toString(changed(row.original, r.input())) : "—");
                cells.add(r.hasPoint() ? fmt(maxMove(row.original, r.input())) : "—");
                cells.add(r.hasPoint() ? fmt(net.apply(r.input())[1 - row.source] - net.apply(r.input())[row.source]) : "—");
                cells.add(r.status());
                if (st == Setting.FREE) cells.add(fmt(row.nearestData));
                cells.add(enumerationVerdict(row));
                cells.add(MarkdownReport.seconds(row.seconds));
                table.add(cells);
            }
            List<String> header = new ArrayList<>(List.of("sample", "class", "original x̃ (a…i)", "adversarial x", "L1", "changed",
                    "max move", "y_t − y_s", "status"));
            if (st == Setting.FREE) header.add("nearest data point of target class (L1)");
            header.add("enumeration");
            header.add("time");
            report.table(header, table);
        }
        Path csv = ctx.file("adversarial.csv");
        writeCsv(csv, rows);
        files.add(csv);
        report.paragraph("All rows also in `adversarial.csv`.");
        summary(report, rows);
        report.paragraph(constraintNote(rows));
        plotDistances(ctx, report, rows, files);
        adversarialChecks(rows, net, checks);
        return rows;
    }

    /** What the margin optima say, computed: how many attributes sit at a box corner, and where they defy the class mean. */
    private static String extrapolationNote(double[][] optimum, BreastCancerData train) {
        StringBuilder sb = new StringBuilder("**Reading.** ");
        for (int c = 0; c < 2; c++) {
            double[] mean = classMean(train, c);
            int corners = 0;
            List<String> against = new ArrayList<>();
            for (int k = 0; k < 9; k++) {
                if (optimum[c][k] == LOWER || optimum[c][k] == UPPER) corners++;
                // far from the class mean on the side of the other class
                if (Math.abs(optimum[c][k] - mean[k]) >= 5) against.add(SHORT_NAMES.get(k) + " " + vector(new double[] {optimum[c][k]}) + " (mean " + fmt(mean[k]) + ")");
            }
            sb.append("The most ").append(className(c)).append(" input has ").append(corners).append(" of 9 attributes at 1 or 10");
            sb.append(against.isEmpty() ? "; every attribute is within 5 of the class mean. "
                    : "; far from the " + className(c) + " training mean: " + String.join(", ", against) + ". ");
        }
        sb.append("A ReLU network is piecewise linear, so its output keeps growing along directions the data never visit, and the "
                + "maximiser sits at a corner of the box: feature visualisation shows what the network extrapolates, not a typical "
                + "patient (compare each optimum with the best data sample in the table).");
        return sb.toString();
    }

    /** The first {@code perClass} distinct, confidently correct test samples of each class. */
    static int[] pickOriginals(Network net, BreastCancerData test, int perClass) {
        List<Integer> picked = new ArrayList<>();
        int[] count = new int[2];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < test.size() && (count[0] < perClass || count[1] < perClass); i++) {
            int c = test.label(i);
            if (count[c] >= perClass) continue;
            double[] y = net.apply(test.input(i));
            if (y[c] - y[1 - c] < MARGIN) continue;
            if (!seen.add(Arrays.toString(test.features(i)))) continue;
            picked.add(i);
            count[c]++;
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The L1-nearest data sample that the network puts in {@code target} with the margin (null if none). */
    private static double[] nearestData(Network net, BreastCancerData all, double[] x, int target) {
        double best = Double.POSITIVE_INFINITY;
        double[] arg = null;
        for (int i = 0; i < all.size(); i++) {
            double[] z = all.input(i);
            double[] y = net.apply(z);
            if (y[target] - y[1 - target] >= MARGIN && l1(z, x) < best) {
                best = l1(z, x);
                arg = z;
            }
        }
        return arg;
    }

    private static double l1(double[] a, double[] b) {
        double d = 0;
        for (int k = 0; k < a.length; k++) d += Math.abs(a[k] - b[k]);
        return d;
    }

    private static String enumerationVerdict(AdvRow row) {
        InverseEnumeration.Outcome e = row.enumeration;
        if (!e.complete()) return "skipped (> budget)";
        double opt = row.optimum();
        if (row.setting == Setting.TWO) {
            if (Double.isNaN(opt)) return "exhaustive " + fmt(e.best());
            return e.best() == opt ? "exact (" + e.evaluated() + " pts)" : "MISMATCH: " + fmt(e.best());
        }
        if (row.result.isInfeasible()) return e.best() == Double.POSITIVE_INFINITY ? "proved infeasible (" + e.evaluated() + " pts)" : "MISMATCH: " + fmt(e.best());
        if (Double.isNaN(opt)) return e.best() == Double.POSITIVE_INFINITY ? "none closer" : "closer point " + fmt(e.best());
        return e.best() == Double.POSITIVE_INFINITY ? "proved (" + e.evaluated() + " pts)" : "BETTER POINT " + fmt(e.best());
    }

    private static void summary(MarkdownReport report, List<AdvRow> rows) {
        report.subheading("Summary");
        List<List<String>> table = new ArrayList<>();
        for (Setting st : Setting.values()) {
            int n = 0, opt = 0, inf = 0, found = 0, proved = 0;
            double sum = 0, time = 0, maxTime = 0;
            for (AdvRow r : rows) {
                if (r.setting != st) continue;
                n++;
                if (r.result.isOptimal()) opt++;
                if (r.result.isInfeasible()) inf++;
                if (r.result.hasPoint()) {
                    found++;
                    sum += r.result.objective();
                }
                String v = enumerationVerdict(r);
                if (v.startsWith("proved") || v.startsWith("exact")) proved++;
                time += r.seconds;
                maxTime = Math.max(maxTime, r.seconds);
            }
            table.add(List.of(st.label, Integer.toString(n), Integer.toString(opt), Integer.toString(inf), Integer.toString(n - opt - inf),
                    found == 0 ? "—" : fmt(sum / found), proved + "/" + n, MarkdownReport.seconds(time), MarkdownReport.seconds(maxTime)));
        }
        report.table(List.of("setting", "originals", "optimal", "infeasible", "limit hit", "mean L1 (found)", "enumeration-verified",
                "total time", "max time"), table);
    }

    private static void writeCsv(Path file, List<AdvRow> rows) throws IOException {
        StringBuilder sb = new StringBuilder("id,source,target,setting,status,l1,bound,changed,max_move,original,adversarial,seconds,enumeration\n");
        for (AdvRow r : rows) {
            InverseResult x = r.result;
            sb.append(r.id).append(',').append(className(r.source)).append(',').append(className(1 - r.source)).append(',')
                    .append(r.setting.name().toLowerCase(Locale.ROOT)).append(',').append(x.status()).append(',')
                    .append(x.hasPoint() ? Double.toString(x.objective()) : "").append(',').append(x.bound()).append(',')
                    .append(x.hasPoint() ? Integer.toString(changed(r.original, x.input())) : "").append(',')
                    .append(x.hasPoint() ? Double.toString(maxMove(r.original, x.input())) : "").append(',')
                    .append(vector(r.original)).append(',').append(x.hasPoint() ? vector(x.input()) : "").append(',')
                    .append(String.format(Locale.ROOT, "%.4f", r.seconds)).append(',')
                    .append(enumerationVerdict(r).replace(',', ';')).append('\n');
        }
        java.nio.file.Files.writeString(file, sb);
    }

    /** How often each limit made the optimum worse than the free one, and by how much (computed from the rows). */
    private static String constraintNote(List<AdvRow> rows) {
        StringBuilder sb = new StringBuilder("**Reading.** ");
        double[] freeSum = new double[2];
        int[] freeN = new int[2];
        for (AdvRow f : rows) {
            if (f.setting != Setting.FREE || !f.result.hasPoint()) continue;
            freeSum[f.source] += f.result.objective();
            freeN[f.source]++;
        }
        sb.append("Free optimum, mean L1: benign → malignant ").append(freeN[0] == 0 ? "—" : fmt(freeSum[0] / freeN[0]))
                .append(", malignant → benign ").append(freeN[1] == 0 ? "—" : fmt(freeSum[1] / freeN[1])).append(". ");
        for (Setting st : new Setting[] {Setting.CAP4, Setting.CAP3, Setting.TWO}) {
            int worse = 0, none = 0, n = 0;
            double extra = 0;
            for (AdvRow r : rows) {
                if (r.setting != st) continue;
                n++;
                AdvRow f = rows.stream().filter(x -> x.setting == Setting.FREE && x.id == r.id && Arrays.equals(x.original, r.original))
                        .findFirst().orElseThrow();
                if (r.result.isInfeasible()) none++;
                else if (r.result.hasPoint() && f.result.hasPoint() && r.result.objective() > f.result.objective() + TOL) {
                    worse++;
                    extra += r.result.objective() - f.result.objective();
                }
            }
            sb.append(st.label).append(": larger optimum for ").append(worse).append(" of ").append(n)
                    .append(worse > 0 ? " (mean +" + fmt(extra / worse) + ")" : "")
                    .append(none > 0 ? ", no adversarial example at all for " + none : "").append("; ");
        }
        sb.append("elsewhere the free optimum already met the limit.");
        return sb.toString();
    }

    private static void plotDistances(ExperimentContext ctx, MarkdownReport report, List<AdvRow> rows, List<Path> files) throws IOException {
        List<String> samples = new ArrayList<>();
        for (AdvRow r : rows) if (r.setting == Setting.FREE) samples.add("#" + r.id + " " + (r.source == 0 ? "B" : "M"));
        if (samples.isEmpty()) return;
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(1000).height(450)
                .title("Minimal L1 distance of an integer adversarial example (missing bar: none exists)")
                .xAxisTitle("original (B benign → malignant, M malignant → benign)").yAxisTitle("L1 distance").build();
        chart.getStyler().setXAxisLabelRotation(45);
        for (Setting st : Setting.values()) {
            List<Double> ys = new ArrayList<>();
            for (AdvRow r : rows) if (r.setting == st) ys.add(r.result.hasPoint() ? r.result.objective() : 0.0);
            chart.addSeries(st.label, samples, ys);
        }
        Path png = ctx.file("adversarial-distances.png");
        Charts.save(chart, png);
        files.add(png);
        report.image("minimal adversarial distances per setting", "adversarial-distances.png");
    }

    private static void adversarialChecks(List<AdvRow> rows, Network net, List<ExperimentReport.Check> checks) {
        boolean flips = true, integral = true, caps = true, monotone = true, allDecided = true, enumOk = true, twoExact = true, nearOk = true;
        int points = 0, decided = 0, verified = 0, twoCount = 0;
        StringBuilder monoDetail = new StringBuilder();
        for (AdvRow r : rows) {
            InverseResult res = r.result;
            if (res.isOptimal() || res.isInfeasible()) decided++;
            else allDecided = false;
            if (res.hasPoint()) {
                points++;
                double[] x = res.input();
                double[] y = net.apply(x);
                flips &= argmax(y) == 1 - r.source && y[1 - r.source] - y[r.source] >= MARGIN - TOL && !res.status().equals("unverified");
                integral &= isIntegral(x) && inBox(x);
                if (r.setting.cap != Integer.MAX_VALUE) caps &= maxMove(r.original, x) <= r.setting.cap;
                if (r.setting.maxChanged >= 0) caps &= changed(r.original, x) <= r.setting.maxChanged;
                if (r.setting == Setting.FREE) nearOk &= res.objective() <= r.nearestData + TOL;
            }
            String v = enumerationVerdict(r);
            if (v.startsWith("proved") || v.startsWith("exact")) verified++;
            enumOk &= !v.startsWith("BETTER") && !v.startsWith("MISMATCH") && !v.startsWith("closer");
            if (r.setting == Setting.TWO) {
                twoCount++;
                twoExact &= r.enumeration.complete() && v.startsWith("exact");
            }
        }
        // More constraints cannot help: every capped / count-limited optimum is >= the free one (and cap 3 >= cap 4).
        for (AdvRow f : rows) {
            if (f.setting != Setting.FREE) continue;
            AdvRow c4 = null;
            for (AdvRow r : rows) {
                if (r.id != f.id || !Arrays.equals(r.original, f.original) || r.setting == Setting.FREE) continue;
                double value = r.result.hasPoint() ? r.result.objective() : r.lowerBound();
                boolean ok = value >= f.lowerBound() - TOL;
                if (r.setting == Setting.CAP4) c4 = r;
                monotone &= ok;
                if (!ok) monoDetail.append("#").append(f.id).append(' ').append(r.setting.label).append("; ");
            }
            for (AdvRow r : rows) {
                if (r.id == f.id && Arrays.equals(r.original, f.original) && r.setting == Setting.CAP3 && c4 != null) {
                    double value = r.result.hasPoint() ? r.result.objective() : r.lowerBound();
                    boolean ok = value >= c4.lowerBound() - TOL;
                    monotone &= ok;
                    if (!ok) monoDetail.append("#").append(f.id).append(" cap 3 < cap 4; ");
                }
            }
        }
        checks.add(new ExperimentReport.Check("adversarial: every MILP ended proven optimal or proven infeasible (no limit hit)", allDecided,
                decided + "/" + rows.size()));
        checks.add(new ExperimentReport.Check("adversarial: every example found, re-evaluated by a forward pass, flips the class with the margin ln 1.2",
                flips && points > 0, points + " examples"));
        checks.add(new ExperimentReport.Check("adversarial: every example is integral and inside [1, 10]^9", integral, ""));
        checks.add(new ExperimentReport.Check("adversarial: per-attribute caps (4, 3) and the 2-changed-attributes limit respected", caps, ""));
        checks.add(new ExperimentReport.Check("adversarial: capped and count-limited optima ≥ the free optimum, and cap 3 ≥ cap 4 (more constraints cannot help)",
                monotone, monoDetail.toString()));
        checks.add(new ExperimentReport.Check("adversarial: the free optimum ≤ the L1 distance to the nearest data sample the network puts in the target class",
                nearOk, ""));
        checks.add(new ExperimentReport.Check("adversarial: exhaustive enumeration finds no point better than a MILP optimum", enumOk,
                verified + "/" + rows.size() + " optima proved by enumeration, the rest over the budget"));
        checks.add(new ExperimentReport.Check("adversarial: ≤ 2 changed attributes — MILP optimum equals the exhaustive optimum over all pairs", twoExact && twoCount > 0,
                twoCount + " originals"));
    }

    // ---------------------------------------------------------------- small helpers

    private static double[] classMean(BreastCancerData d, int c) {
        double[] m = new double[9];
        int n = 0;
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) != c) continue;
            double[] x = d.input(i);
            for (int k = 0; k < 9; k++) m[k] += x[k];
            n++;
        }
        for (int k = 0; k < 9; k++) m[k] /= Math.max(n, 1);
        return m;
    }

    static int changed(double[] a, double[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) n++;
        return n;
    }

    static double maxMove(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    static boolean isIntegral(double[] x) {
        for (double v : x) if (v != Math.rint(v)) return false;
        return true;
    }

    static boolean inBox(double[] x) {
        for (double v : x) if (v < LOWER || v > UPPER) return false;
        return true;
    }


    private static double dot(double[] w, double[] y) {
        double s = 0;
        for (int i = 0; i < w.length; i++) s += w[i] * y[i];
        return s;
    }

    private static double[] filled(double v) {
        double[] a = new double[9];
        Arrays.fill(a, v);
        return a;
    }

    private static List<Double> boxed(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) l.add(d);
        return l;
    }

    private static String className(int c) {
        return c == 0 ? "benign" : "malignant";
    }

    private static String vector(double[] x) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < x.length; i++) sb.append(i == 0 ? "" : " ").append(x[i] == Math.rint(x[i]) ? Long.toString((long) x[i]) : fmt(x[i]));
        return sb.toString();
    }

    private static String joinInts(int[] v, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : sep).append(v[i]);
        return sb.toString();
    }

    private static String fmt(double v) {
        return MarkdownReport.num(v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
