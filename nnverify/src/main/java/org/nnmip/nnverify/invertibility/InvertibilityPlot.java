package org.nnmip.nnverify.invertibility;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * The picture of Cui et al.'s Figures 4 and 5 for a network with 2 inputs: the sign of the Jacobian determinant on a
 * grid (its change is the J0 curve, where local invertibility fails), the centre, the certified ball (square for
 * L-infinity, diamond for L1, disc for L2) and the counterexample pair, written as PNG or SVG by XChart.
 */
public final class InvertibilityPlot {
    private static final int GRID = 80;

    private InvertibilityPlot() { }

    /** Rejects a file name that is neither .png nor .svg (case-insensitive). */
    public static void checkFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("--plot: expected a .png or .svg file, got '" + file + "'");
        }
    }

    /**
     * Draws the window {@code center +- halfWidth}. {@code net} is the network whose Jacobian is drawn (Problem 3:
     * f1). The ball drawn has radius {@code result.radius()}.
     */
    public static void write(Network net, double[] center, BallNorm norm, InvertibilityResult result, double halfWidth, Path file) throws IOException {
        checkFile(file);
        if (net.inputSize() != 2 || center.length != 2) {
            throw new IllegalArgumentException("--plot: needs a network with 2 inputs, this one has " + net.inputSize());
        }
        if (!(halfWidth > 0) || !Double.isFinite(halfWidth)) throw new IllegalArgumentException("--plot: window half-width must be positive, got " + halfWidth);
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(600).height(700).title("Certified " + norm.name() + " ball and sign of det J")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // keeps the plot area near square
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        List<Double> nx = new ArrayList<>();
        List<Double> ny = new ArrayList<>();
        List<Double> zx = new ArrayList<>();
        List<Double> zy = new ArrayList<>();
        // det J is defined for square Jacobians only: other output sizes get no sign map.
        for (int a = 0; a < (net.outputSize() == 2 ? GRID : 0); a++) {
            for (int b = 0; b < GRID; b++) {
                double[] x = {center[0] - halfWidth + 2 * halfWidth * (a + 0.5) / GRID, center[1] - halfWidth + 2 * halfWidth * (b + 0.5) / GRID};
                double det = determinant(net, x);
                List<Double> sx = det > 1e-12 ? px : det < -1e-12 ? nx : zx;
                List<Double> sy = det > 1e-12 ? py : det < -1e-12 ? ny : zy;
                sx.add(x[0]);
                sy.add(x[1]);
            }
        }
        scatter(chart, "det J > 0", px, py, new Color(120, 170, 230));
        scatter(chart, "det J < 0", nx, ny, new Color(240, 170, 110));
        scatter(chart, "det J = 0", zx, zy, Color.LIGHT_GRAY);
        double r = result.radius();
        if (r > 0) {
            int k = norm == BallNorm.L2 ? 120 : 4;
            double[] bx = new double[k + 1];
            double[] by = new double[k + 1];
            for (int i = 0; i <= k; i++) {
                double t = 2 * Math.PI * i / k + (norm == BallNorm.LINF ? Math.PI / 4 : 0);
                double s = norm == BallNorm.LINF ? Math.sqrt(2) : 1; // corners of the square lie at distance r sqrt 2
                bx[i] = center[0] + s * r * Math.cos(t);
                by[i] = center[1] + s * r * Math.sin(t);
            }
            XYSeries ball = chart.addSeries(String.format(Locale.ROOT, "certified r = %.4g", r), bx, by);
            ball.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            ball.setMarker(SeriesMarkers.NONE);
            ball.setLineColor(new Color(20, 120, 40));
        }
        XYSeries c = chart.addSeries("centre", new double[] {center[0]}, new double[] {center[1]});
        c.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.setMarker(SeriesMarkers.DIAMOND);
        c.setMarkerColor(Color.BLACK);
        result.counterexample().ifPresent(p -> {
            XYSeries s = chart.addSeries("counterexample pair", new double[] {p.x()[0], p.y()[0]}, new double[] {p.x()[1], p.y()[1]});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Color.RED);
            s.setLineColor(Color.RED);
        });
        boolean svg = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        try (OutputStream out = Files.newOutputStream(file)) {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        }
    }

    private static void scatter(XYChart chart, String name, List<Double> x, List<Double> y, Color color) {
        if (x.isEmpty()) return;
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(color);
    }

    /** {@code det J(x)} through the activation pattern at x (a ReLU at exactly 0 counts as inactive). */
    static double determinant(Network net, double[] x) {
        Evaluation e = net.evaluate(x);
        double[][] j = {{1, 0}, {0, 1}};
        List<double[][]> jacobians = new ArrayList<>(); // Jacobian of each layer's output; entry 0 is the input
        jacobians.add(j);
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            if (layer instanceof AffineLayer al) {
                double[][] w = al.weights();
                double[][] nj = new double[w.length][2];
                for (int r = 0; r < w.length; r++) for (int q = 0; q < w[r].length; q++) for (int c = 0; c < 2; c++) nj[r][c] += w[r][q] * j[q][c];
                j = nj;
            } else if (layer instanceof ReluLayer) {
                double[] pre = e.preActivation(k);
                double[][] nj = new double[j.length][];
                for (int r = 0; r < pre.length; r++) nj[r] = pre[r] <= 0 ? new double[2] : j[r];
                j = nj;
            } else if (layer instanceof ResidualAddLayer add) {
                double[][] src = jacobians.get(add.source() + 1);
                double[][] nj = new double[j.length][2];
                for (int r = 0; r < j.length; r++) for (int c = 0; c < 2; c++) nj[r][c] = j[r][c] + src[r][c];
                j = nj;
            } else if (!(layer instanceof ReshapeLayer)) {
                throw new IllegalArgumentException("--plot: layer " + k + " (" + layer.describe() + ") is not supported; only affine, ReLU and residual add layers");
            }
            jacobians.add(j);
        }
        if (j.length != 2) return Double.NaN;
        return j[0][0] * j[1][1] - j[0][1] * j[1][0];
    }
}
