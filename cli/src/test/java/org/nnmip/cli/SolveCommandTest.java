package org.nnmip.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SolveCommandTest {
    private static final Path TESTDATA = Path.of(System.getProperty("nnmip.testdata", "../testdata"));

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void solvesAnLpAndReportsJson() throws IOException {
        Run r = run("solve", TESTDATA.resolve("lp/afiro.mps").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("optimal", j.get("status").asText());
        assertEquals(-464.7531428571, j.get("objective").asDouble(), 1e-6);
        assertTrue(j.get("iterations").asLong() > 0);
        assertTrue(j.get("time_s").asDouble() >= 0);
        assertTrue(j.get("max_violation").asDouble() < 1e-6);
    }

    @Test
    void solvesAMipWithLogAndWritesTheSolution(@TempDir Path dir) throws IOException {
        Path sol = dir.resolve("p0033.sol");
        Run r = run("solve", TESTDATA.resolve("mip/p0033.mps").toString(), "--threads", "2",
                "--solution", sol.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Status         optimal"), r.out());
        assertTrue(r.out().contains("BestBound"), "node log header expected:\n" + r.out());
        assertTrue(r.out().contains("3089"), r.out());
        // The written solution has one line per variable and reproduces the optimum.
        java.util.List<String> lines = Files.readAllLines(sol).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(33, lines.size());
        double sum = 0;
        for (String l : lines) {
            double v = Double.parseDouble(l.split(" ")[1]);
            assertEquals(Math.rint(v), v, 1e-6, "binary value expected: " + l);
            sum += v;
        }
        assertTrue(sum > 0);
    }

    @Test
    void mipJsonCarriesBoundGapAndNodes() throws IOException {
        Run r = run("solve", TESTDATA.resolve("mip/p0033.mps").toString(), "--json", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("optimal", j.get("status").asText());
        assertEquals(3089.0, j.get("objective").asDouble(), 1e-6);
        assertTrue(j.get("bound").asDouble() <= 3089.0 + 1e-6);
        assertTrue(j.get("gap").asDouble() <= 1e-4);
        assertTrue(j.has("nodes"));
    }

    @Test
    void relaxFlagSolvesTheLpRelaxation() throws IOException {
        Run r = run("solve", TESTDATA.resolve("mip/p0033.mps").toString(), "--json", "--relax");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("lp", j.get("type").asText());
        assertTrue(j.get("objective").asDouble() < 3089.0 - 1);
    }

    @Test
    void malformedFileGivesFileLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.mps");
        Files.writeString(bad, "NAME x\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 abc\nENDATA\n");
        Run r = run("solve", bad.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("bad.mps:6"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace expected: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingFileAndBadOptionsExitTwo(@TempDir Path dir) {
        Run missing = run("solve", dir.resolve("nope.mps").toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Run badLimit = run("solve", TESTDATA.resolve("lp/afiro.mps").toString(), "--time-limit", "-3");
        assertEquals(Main.EXIT_BAD_INPUT, badLimit.exit());
        assertTrue(badLimit.err().contains("--time-limit"), badLimit.err());

        Run unknown = run("solve", "--frobnicate", TESTDATA.resolve("lp/afiro.mps").toString());
        assertEquals(Main.EXIT_BAD_INPUT, unknown.exit());
        assertTrue(unknown.err().contains("frobnicate"), unknown.err());
    }

    @Test
    void solutionFileIsNotWrittenWhenThereIsNoSolution(@TempDir Path dir) throws IOException {
        Path lp = dir.resolve("inf.mps");
        Files.writeString(lp, """
                NAME inf
                ROWS
                 N obj
                 G c1
                 L c2
                COLUMNS
                 x obj 1 c1 1
                 x c2 1
                RHS
                 rhs c1 2 c2 1
                ENDATA
                """);
        Path sol = dir.resolve("inf.sol");
        Run r = run("solve", lp.toString(), "--json", "--solution", sol.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("infeasible", j.get("status").asText());
        assertFalse(Files.exists(sol));
    }
}
