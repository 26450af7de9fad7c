package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.Network;

class InverseExperimentTest {
    @Test
    void quickRunWritesReportNetworkAndPlotsAndEveryCheckHolds(@TempDir Path dir) throws Exception {
        ExperimentContext ctx = new ExperimentContext(dir, true, 1, 1, 60, Progress.NONE);
        ExperimentReport r = new InverseExperiment().run(ctx);

        String failed = r.checks().stream().filter(c -> !c.passed()).map(c -> c.statement() + " (" + c.detail() + ")")
                .collect(Collectors.joining("; "));
        assertTrue(r.allChecksPassed(), "failed checks: " + failed);
        assertTrue(r.checks().size() >= 10, "checks: " + r.checks().size());

        assertEquals(dir.resolve("report.md"), r.report());
        String md = Files.readString(r.report());
        for (String s : new String[] {"Feature visualisation per class", "Free (integer, 1…10)", "Every attribute moved by at most 4",
                "Every attribute moved by at most 3", "At most 2 attributes changed", "feature-visualisation.png", "adversarial-distances.png"}) {
            assertTrue(md.contains(s), "report lacks " + s);
        }
        Path net = dir.resolve("networks/breast-cancer-9-8-8-2.json");
        for (Path p : new Path[] {net, dir.resolve("feature-visualisation.png"), dir.resolve("adversarial-distances.png"), dir.resolve("adversarial.csv")}) {
            assertTrue(Files.size(p) > 0, p + " missing or empty");
            assertTrue(r.files().contains(p), p + " not listed");
        }
        Network n = JsonNetworkFormat.read(net);
        assertEquals(9, n.inputSize());
        assertEquals(2, n.outputSize());
    }
}
