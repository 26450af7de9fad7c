package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnmip experiment}: listing and the bad-input paths (the experiments themselves are tested in nnverify). */
class ExperimentCommandTest {
    @Test
    void listsEveryExperiment() {
        InverseCommandsTest.Run r = InverseCommandsTest.run("experiment", "--list");
        assertEquals(0, r.exit(), r.err());
        for (String name : new String[] {"invertibility", "resilience", "inverse", "lipschitz"}) {
            assertTrue(r.out().contains(name), r.out());
        }
    }

    @Test
    void badInputIsExitTwoWithOneLine(@TempDir Path dir) throws IOException {
        assertBad("unknown NAME 'nosuch'", "experiment", "nosuch", "--out", dir.toString());
        assertBad("missing NAME", "experiment", "--out", dir.toString());
        assertBad("missing --out", "experiment", "lipschitz");
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertBad("not a directory", "experiment", "lipschitz", "--out", file.toString());
        assertBad("--threads", "experiment", "lipschitz", "--out", dir.toString(), "--threads", "0");
        assertBad("--time-limit", "experiment", "lipschitz", "--out", dir.toString(), "--time-limit", "-1");
    }

    @Test
    void progressIsOneLinePerStepInALogAndRedrawnOnATerminal() {
        java.io.StringWriter log = new java.io.StringWriter();
        ExperimentCommand.ProgressBar bar = new ExperimentCommand.ProgressBar(new java.io.PrintWriter(log), false);
        bar.start("training", 2);
        bar.step("epoch 1");
        bar.note("trained A");
        bar.step("epoch 2");
        String[] lines = log.toString().split("\n");
        assertEquals(4, lines.length, log.toString());
        assertTrue(lines[1].contains("1/2 training epoch 1") && lines[3].contains("2/2"), log.toString());
        assertTrue(!log.toString().contains("\r"), log.toString());
        java.io.StringWriter tty = new java.io.StringWriter();
        ExperimentCommand.ProgressBar live = new ExperimentCommand.ProgressBar(new java.io.PrintWriter(tty), true);
        live.start("a rather long phase name", 1);
        live.step("x");
        assertTrue(tty.toString().contains("\r[") && tty.toString().endsWith("\n"), tty.toString());
    }

    private static void assertBad(String expected, String... args) {
        InverseCommandsTest.Run r = InverseCommandsTest.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}
