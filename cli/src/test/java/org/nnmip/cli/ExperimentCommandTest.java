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

    private static void assertBad(String expected, String... args) {
        InverseCommandsTest.Run r = InverseCommandsTest.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}
