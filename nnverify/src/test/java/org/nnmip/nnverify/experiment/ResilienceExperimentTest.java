package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.Network;

class ResilienceExperimentTest {
    @Test
    void quickModeHoldsTheInvariantsAndWritesEveryFile(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        ExperimentReport r = new ResilienceExperiment().run(new ExperimentContext(dir, true, 1, 1, 60, Progress.NONE));
        System.out.printf(Locale.ROOT, "resilience --quick: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String text = Files.readString(r.report());
        assertEquals(dir.resolve("report.md"), r.report());
        assertTrue(r.allChecksPassed(), text);
        List<String> statements = r.checks().stream().map(ExperimentReport.Check::statement).toList();
        assertTrue(statements.stream().anyMatch(s -> s.startsWith("Φ_m is non-decreasing in α")), statements.toString());
        assertTrue(statements.stream().anyMatch(s -> s.startsWith("every configuration that finishes")), statements.toString());
        assertTrue(statements.stream().anyMatch(s -> s.startsWith("every witness holds")), statements.toString());
        for (Path f : r.files()) assertTrue(Files.size(f) > 0, f.toString());
        assertTrue(Files.exists(dir.resolve("phi-vs-alpha.png")));
        assertTrue(Files.exists(dir.resolve("ablation-times.png")));
        assertTrue(text.contains("## Table 1") && text.contains("## Table 2"), text);
        // The networks written are the ones solved: reading them back gives the same function.
        List<Path> nets = r.files().stream().filter(f -> f.toString().endsWith(".json")).toList();
        assertEquals(3, nets.size(), nets.toString());
        for (Path f : nets) {
            Network n = JsonNetworkFormat.read(f);
            assertTrue(n.inputSize() == 27 || n.inputSize() == 576, f.toString());
        }
    }
}
