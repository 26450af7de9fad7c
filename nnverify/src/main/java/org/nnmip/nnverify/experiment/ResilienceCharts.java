package org.nnmip.nnverify.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nnmip.nnverify.resilience.ResilienceResult;

/** The plots of the resilience experiment: Phi_m against alpha, and the ablation's time per configuration. */
final class ResilienceCharts {
    /** One solved Phi_m(alpha) on a network, with the best sampled witness pair ({@link ResilienceSampling}). */
    record Point(String network, double alpha, ResilienceResult result, double sampled) { }

    private ResilienceCharts() {
    }

    /**
     * Witnessed Phi_m (markers and line), proven lower bound (dashed) and best sampled pair (crosses) per network
     * against alpha; infeasible alpha left out.
     */
    static Path phiVersusAlpha(Path file, List<Point> points, int m) throws IOException {
        XYChart chart = new XYChartBuilder().width(700).height(450).title("Φ_" + m + "(α, 1), L1")
                .xAxisTitle("α (confidence ratio)").yAxisTitle("‖ε‖₁").build();
        Set<String> nets = new LinkedHashSet<>();
        for (Point p : points) nets.add(p.network());
        for (String net : nets) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> bx = new ArrayList<>();
            List<Double> by = new ArrayList<>();
            List<Double> sx = new ArrayList<>();
            List<Double> sy = new ArrayList<>();
            for (Point p : points) {
                if (!p.network().equals(net)) continue;
                if (Double.isFinite(p.sampled())) {
                    sx.add(p.alpha());
                    sy.add(p.sampled());
                }
                if (p.result().hasWitness()) {
                    x.add(p.alpha());
                    y.add(p.result().phi());
                }
                if (Double.isFinite(p.result().bound())) {
                    bx.add(p.alpha());
                    by.add(Math.max(0, p.result().bound()));
                }
            }
            if (!x.isEmpty()) chart.addSeries(net + " Φ (witness)", x, y).setMarker(SeriesMarkers.CIRCLE);
            if (!sx.isEmpty()) {
                XYSeries s = chart.addSeries(net + " sampled pair", sx, sy);
                s.setMarker(SeriesMarkers.CROSS);
                s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
            }
            if (!bx.isEmpty()) {
                XYSeries s = chart.addSeries(net + " lower bound", bx, by);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        if (chart.getSeriesMap().isEmpty()) chart.addSeries("no witness", new double[] {1}, new double[] {0});
        Charts.save(chart, file);
        return file;
    }

    /** Shifted geometric mean time per configuration, local question and Phi side by side. */
    static Path ablation(Path file, List<ResilienceAblation.Run> localRuns, List<ResilienceAblation.Run> phiRuns,
                         List<ResilienceAblation.Config> localConfigs, List<ResilienceAblation.Config> phiConfigs, double limit) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title("Table 1 ablation: shifted geometric mean time")
                .xAxisTitle("configuration").yAxisTitle("seconds (unsolved at the limit)").build();
        chart.getStyler().setXAxisLabelRotation(20);
        List<String> names = new ArrayList<>();
        for (ResilienceAblation.Config c : phiConfigs) names.add(c.name());
        addSeries(chart, "local question", names, localRuns, localConfigs, limit);
        addSeries(chart, "Φ_m full MIP", names, phiRuns, phiConfigs, limit);
        Charts.save(chart, file);
        return file;
    }

    private static void addSeries(CategoryChart chart, String title, List<String> names, List<ResilienceAblation.Run> runs,
                                  List<ResilienceAblation.Config> configs, double limit) {
        if (runs.isEmpty()) return;
        List<Double> y = new ArrayList<>();
        for (String n : names) {
            ResilienceAblation.Config c = configs.stream().filter(k -> k.name().equals(n)).findFirst().orElse(null);
            y.add(c == null ? 0.0 : ResilienceAblation.shiftedGeoMean(runs.stream().filter(r -> r.config() == c).toList(), limit));
        }
        chart.addSeries(title, names, y);
    }
}
