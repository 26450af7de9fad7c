package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.Network;

class LipschitzExperimentTest {
    @Test
    void quickRunWritesTheReportPlotsAndNetworksAndTheInvariantsHold(@TempDir Path dir) throws Exception {
        ExperimentReport r = new LipschitzExperiment().run(new ExperimentContext(dir, true, 1, 1, 60, Progress.NONE));
        for (ExperimentReport.Check c : r.checks()) assertTrue(c.passed(), c.statement() + ": " + c.detail());
        List<String> statements = r.checks().stream().map(ExperimentReport.Check::statement).toList();
        assertTrue(statements.stream().anyMatch(s -> s.contains("lower-bound estimator")), statements.toString());
        assertTrue(statements.stream().anyMatch(s -> s.contains("bracket")), statements.toString());
        assertTrue(statements.stream().anyMatch(s -> s.contains("tighten")), statements.toString());
        assertEquals(dir.resolve("report.md"), r.report());
        String text = Files.readString(r.report());
        for (String section : List.of("Table 1", "Table 2", "Table 4", "Figure 1", "Figure 5", "The paper beside ours")) {
            assertTrue(text.contains(section), "report lacks " + section);
        }
        for (String method : List.of("LipMIP", "LipLP", "FastLip", "NaiveUB", "RandomLB", "CLEVER", "SeqLip")) {
            assertTrue(text.contains("| " + method + " |"), "report lacks the " + method + " row");
        }
        for (String png : List.of("figure1-training.png", "figure5-width.png", "figure5-depth.png")) {
            assertTrue(Files.size(dir.resolve(png)) > 1000, png);
            assertTrue(text.contains("](" + png + ")"), "report does not show " + png);
        }
        long networks = 0;
        for (Path f : r.files()) {
            assertTrue(Files.exists(f), f.toString());
            if (f.toString().endsWith(".json")) {
                assertTrue(f.startsWith(dir.resolve("networks")), f.toString());
                Network net = JsonNetworkFormat.read(f); // reads back what it wrote
                assertEquals(2, net.outputSize());
                networks++;
            }
        }
        assertTrue(networks >= 1 + 1 + 4 + 4, "networks written: " + networks);
    }
}
