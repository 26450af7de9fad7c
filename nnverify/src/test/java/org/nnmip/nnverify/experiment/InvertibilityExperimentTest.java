package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.Network;

class InvertibilityExperimentTest {

    @Test
    void quickRunWritesReportPlotsAndNetworksAndEveryCheckHolds(@TempDir Path dir) throws Exception {
        ExperimentReport r = new InvertibilityExperiment().run(new ExperimentContext(dir, true, 1, 1, 30, Progress.NONE));
        assertTrue(Files.isRegularFile(r.report()), "report missing");
        assertEquals(dir.resolve("report.md"), r.report());
        String text = Files.readString(r.report());
        String failed = r.checks().stream().filter(c -> !c.passed()).map(c -> c.statement() + " (" + c.detail() + ")").collect(Collectors.joining("\n"));
        assertTrue(r.allChecksPassed(), failed + "\n" + text);
        assertTrue(r.checks().size() >= 6, "expected the 1-D, ordering, pair and Table 1 checks, got " + r.checks().size());
        for (String section : List.of("1. The one-dimensional example", "2. Brusselator", "3. Van der Pol", "r_AB", "r_BA")) {
            assertTrue(text.contains(section), "report lacks " + section);
        }
        List<Path> plots = r.files().stream().filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".svg")).toList();
        assertTrue(plots.size() >= 2, "expected Brusselator plots, got " + plots);
        for (Path p : r.files()) assertTrue(Files.size(p) > 0, p + " is empty");
        for (Path p : plots) assertTrue(text.contains(dir.relativize(p).toString()) || p.toString().endsWith(".svg"), "plot not linked: " + p);
        List<Path> nets = r.files().stream().filter(p -> p.toString().endsWith(".json")).toList();
        assertTrue(nets.stream().anyMatch(p -> p.getFileName().toString().equals("vdp_A.json")));
        assertTrue(nets.stream().anyMatch(p -> p.getFileName().toString().equals("one_d_1-10-10-1.json")));
        for (Path p : nets) assertTrue(p.startsWith(dir.resolve("networks")), p.toString());
        // networks read back and are deterministic per seed: the 1-D network is the same on a second quick run
        Network oneD = JsonNetworkFormat.read(dir.resolve("networks/one_d_1-10-10-1.json"));
        assertEquals(1, oneD.inputSize());
    }

    @Test
    void sliceFoldsTheThirdInputIntoTheBias() throws IOException {
        Network net = org.nnmip.nnverify.train.MlpTrainer.heInitialized(new int[] {3, 5, 2}, 3);
        Network s = InvertibilityExperiment.slice(net, 0.37);
        for (double[] p : new double[][] {{0.1, 0.2}, {-1, 2}, {1.5, 0.3}}) {
            double[] full = net.apply(new double[] {p[0], p[1], 0.37});
            double[] cut = s.apply(p);
            assertEquals(full[0], cut[0], 1e-12);
            assertEquals(full[1], cut[1], 1e-12);
        }
    }

    @Test
    void exactOneDimensionalRadiiOfAHandBuiltTent() {
        // f(x) = relu(x) - 2 relu(x - 1): flat left of 0, slope 1 on [0, 1], slope -1 right of 1.
        Network tent = new Network(1, List.of(
                org.nnmip.nnverify.net.AffineLayer.dense(new double[][] {{1}, {1}}, new double[] {0, -1}),
                new org.nnmip.nnverify.net.ReluLayer(2),
                org.nnmip.nnverify.net.AffineLayer.dense(new double[][] {{1, -2}}, new double[] {0})));
        OneDimensionalPieces p = OneDimensionalPieces.of(tent, -3, 4);
        assertEquals(3, p.pieces().size());
        assertEquals(0.5, p.localRadius(0.5), 1e-12);
        assertEquals(0.2, p.localRadius(0.8), 1e-12);
        assertEquals(1.0, p.pseudoRadius(0.5, tent.apply(new double[] {0.5})[0]), 1e-12);
        assertEquals(0.4, p.pseudoRadius(0.8, tent.apply(new double[] {0.8})[0]), 1e-12);
        assertEquals(0.0, p.localRadius(-1), 0); // flat: not injective at all
    }
}
