package org.nnmip.perf.mip;

import org.junit.jupiter.api.Test;
import org.nnmip.model.Model;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the harness code path end to end on p0033 (optimum 3089), a few seconds in all. */
class MipBenchmarkTest {
    private static final String MIP_DIR = Path.of(System.getProperty("nnmip.testdata"), "mip").toString();

    @Test
    void everySolverFindsTheKnownOptimumOfP0033() throws Exception {
        MipBenchmark.Settings s = MipBenchmark.Settings.parse(new String[] {
                "--dir", MIP_DIR, "--instances", "p0033", "--time-limit", "20"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Map<String, List<MipBackend.Run>>> runs = MipBenchmark.run(s, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        Model p0033 = MipBenchmark.loadInstances(s).get(0).model();
        assertEquals(List.of("nnmip", "scip", "cbc", "ojalgo"), List.copyOf(runs.get("p0033").keySet()));
        for (var e : runs.get("p0033").entrySet()) {
            MipBackend.Run r = e.getValue().get(0);
            assertTrue(r.claimsOptimal(), e.getKey() + " " + r.status());
            assertEquals(3089, r.objective(), 3089e-6, e.getKey());
            assertEquals(Verdict.OK, Verdict.judge(r, p0033, 3089, true, MipBenchmark.RELATIVE_GAP), e.getKey());
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("| p0033 | 16 | 33 | 33 | 3089 |"), out);
        assertTrue(out.contains("nnmip 1/1  scip 1/1  cbc 1/1  ojalgo 1/1"), out);
        assertTrue(out.contains("Wrong answers: none"), out);
    }

    @Test
    void speedupModeRunsNnmipWithOneAndTwoThreads() throws Exception {
        MipBenchmark.Settings s = MipBenchmark.Settings.parse(new String[] {
                "--dir", MIP_DIR, "--instances", "p0033", "--time-limit", "20", "--speedup"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var runs = MipBenchmark.run(s, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(List.of("nnmip-1t", "nnmip-2t"), List.copyOf(runs.get("p0033").keySet()));
        for (List<MipBackend.Run> rs : runs.get("p0033").values()) assertEquals(3089, rs.get(0).objective(), 3089e-6);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("speed-up t1/t2"), out);
        assertTrue(out.contains("Geometric mean speed-up on instances both solved:"), out);
    }

    @Test
    void badOptionsAreRejectedByName() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MipBenchmark.contenders(MipBenchmark.Settings.parse(new String[] {"--solvers", "nnmip,highs"})));
        assertTrue(e.getMessage().contains("highs"), e.getMessage());
        assertThrows(() -> MipBenchmark.Settings.parse(new String[] {"--frobnicate", "1"}), "--frobnicate");
    }

    private static void assertThrows(org.junit.jupiter.api.function.Executable x, String named) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, x);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
