package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during {@code solve} (a real subprocess): the CLI reports status interrupted with its incumbent and bound
 * and exits; {@code --memory-limit} stops the search with status memory_limit.
 */
class InterruptAndMemoryTest {
    @TempDir Path dir;

    /**
     * A market-split instance (Cornuejols and Dawande) with slacks in the objective: trivially feasible, LP bound 0,
     * and hopeless for plain branch-and-bound, so the search is still running when the signal arrives.
     */
    static Path marketSplit(Path dir, long seed) throws Exception {
        Random rnd = new Random(seed);
        int m = 4;
        int n = 10 * (m - 1);
        int[][] a = new int[m][n];
        StringBuilder sb = new StringBuilder("NAME MARKET\nROWS\n N COST\n");
        for (int i = 0; i < m; i++) sb.append(" E R").append(i).append('\n');
        sb.append("COLUMNS\n M1 'MARKER' 'INTORG'\n");
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a[i][j] = rnd.nextInt(100);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) sb.append(" X").append(j).append(" R").append(i).append(' ').append(a[i][j]).append('\n');
        }
        sb.append(" M2 'MARKER' 'INTEND'\n");
        for (int i = 0; i < m; i++) {
            sb.append(" SP").append(i).append(" COST 1\n SP").append(i).append(" R").append(i).append(" 1\n");
            sb.append(" SM").append(i).append(" COST 1\n SM").append(i).append(" R").append(i).append(" -1\n");
        }
        sb.append("RHS\n");
        for (int i = 0; i < m; i++) {
            int sum = 0;
            for (int j = 0; j < n; j++) sum += a[i][j];
            sb.append(" RHS R").append(i).append(' ').append(sum / 2).append('\n');
        }
        sb.append("BOUNDS\n");
        for (int j = 0; j < n; j++) sb.append(" BV BND X").append(j).append('\n');
        sb.append("ENDATA\n");
        Path f = dir.resolve("market.mps");
        Files.writeString(f, sb.toString());
        return f;
    }

    private static Process startCli(Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-modules") || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc")) cmd.add(a);
        }
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(new File(out + ".err")).start();
    }

    /** Waits until {@code file} contains {@code text} (or the process ended, or 30 s passed). */
    private static void awaitText(Process p, Path file, String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && p.isAlive()) {
            if (Files.exists(file) && Files.readString(file).contains(text)) return;
            Thread.sleep(50);
        }
    }

    /**
     * Waits until the child has used {@code seconds} of CPU (or ended, or 60 s passed): on a loaded machine wall time
     * says nothing about whether the JVM got past start-up and installed its shutdown hook, CPU time does.
     */
    private static void awaitCpu(Process p, double seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long needed = (long) (seconds * 1e9);
        while (System.nanoTime() < end && p.isAlive()) {
            long used = p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(Long.MAX_VALUE);
            if (used >= needed) return;
            Thread.sleep(50);
        }
    }

    @Test
    void sigtermDuringSolveReportsTheIncumbentAndBound() throws Exception {
        Path mps = marketSplit(dir, 7);
        Path out = dir.resolve("solve.out");
        Process p = startCli(out, "solve", mps.toString(), "--threads", "1");
        awaitText(p, out, "Nodes"); // the node log header: the tree search is running
        Thread.sleep(300);
        assertTrue(p.isAlive(), "the search ended before the signal: " + Files.readString(out));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the CLI did not exit after SIGTERM");
        String text = Files.readString(out);
        String err = Files.readString(Path.of(out + ".err"));
        assertTrue(text.contains("Status         interrupted"), text);
        assertTrue(text.matches("(?s).*Best bound\\s+-?[0-9.eE+-]+\\n.*"), text);
        assertTrue(text.matches("(?s).*Objective\\s+[0-9.eE+-]+\\n.*"), "an incumbent is reported: " + text);
        assertTrue(text.contains("Check          feasible"), text);
        assertFalse(err.contains("Exception"), err);
        assertEquals(143, p.exitValue(), "exit status of a SIGTERM'd JVM"); // 128 + 15
    }

    @Test
    void sigtermDuringJsonSolveGivesOneJsonObject() throws Exception {
        Path mps = marketSplit(dir, 8);
        Path out = dir.resolve("solve.json");
        Process p = startCli(out, "solve", mps.toString(), "--threads", "1", "--json");
        awaitCpu(p, 2.5); // JSON mode prints nothing until the end
        assertTrue(p.isAlive(), "the search ended before the signal: " + Files.readString(out));
        p.destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the CLI did not exit after SIGTERM");
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));
        assertEquals("interrupted", j.get("status").asText(), j.toString());
        assertTrue(j.get("bound").isNumber() && j.get("bound").asDouble() >= -1e-6, j.toString());
        assertTrue(j.get("objective").isNumber() && j.get("objective").asDouble() >= j.get("bound").asDouble() - 1e-6, j.toString());
    }

    @Test
    void sigtermDuringVerifyReportsInterrupted() throws Exception {
        Path nn = Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn", "mnistfc");
        Path out = dir.resolve("verify.json");
        // An unsat MNIST instance that takes several seconds: the signal arrives while it is being decided.
        Process p = startCli(out, "verify", "--net", nn.resolve("mnist-net_256x2.onnx").toString(),
                "--prop", nn.resolve("vnnlib/prop_0_0.03.vnnlib").toString(), "--json");
        awaitCpu(p, 3.0); // past JVM start and network loading: the hook is installed once verification starts
        org.junit.jupiter.api.Assumptions.assumeTrue(p.isAlive(), "the verification finished before the signal");
        p.destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the CLI did not exit after SIGTERM");
        String text = Files.readString(out);
        assertTrue(text.contains("\"result\""), "no JSON report: '" + text + "'");
        JsonNode j = new ObjectMapper().readTree(text);
        // Either the verdict was already out when the signal came, or the verifier stops: unknown with its margin bound.
        String result = j.get("result").asText();
        assertTrue(result.equals("unknown") || result.equals("unsat"), j.toString());
        if (result.equals("unknown")) {
            assertEquals("interrupted", j.get("reason").asText(), j.toString());
            assertTrue(j.get("margin_bound").isNumber(), "the symbolic bound of the undecided part: " + j);
        }
        assertTrue(j.get("time_s").asDouble() > 0, j.toString());
        assertFalse(Files.readString(Path.of(out + ".err")).contains("Exception"));
    }

    @Test
    void verifyMemoryLimitStopsWithResultUnknown() throws Exception {
        Path nn = Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn", "acasxu");
        String net = nn.resolve("ACASXU_run2a_3_3_batch_2000.nnet").toString();
        String prop = nn.resolve("vnnlib/prop_3.vnnlib").toString();
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", net, "--prop", prop, "--memory-limit", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("unknown", j.get("result").asText(), j.toString());
        assertEquals("memory_limit", j.get("reason").asText(), j.toString());
        assertTrue(j.get("margin_bound").isNumber(), j.toString());
        SolveCommandTest.Run bad = SolveCommandTest.run("verify", "--net", net, "--prop", prop, "--memory-limit", "0");
        assertEquals(Main.EXIT_BAD_INPUT, bad.exit());
        assertTrue(bad.err().contains("--memory-limit"), bad.err());
    }

    @Test
    void memoryLimitStopsTheSearchWithThatStatus() throws Exception {
        Path mps = marketSplit(dir, 9);
        // 1 MiB is below any JVM's live heap, so the first check in the tree stops the search.
        SolveCommandTest.Run r = SolveCommandTest.run("solve", mps.toString(), "--threads", "1", "--memory-limit", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("memory_limit", j.get("status").asText(), j.toString());
        assertTrue(j.get("bound").asDouble() >= -1e-6 && j.get("bound").asDouble() <= j.get("objective").asDouble() + 1e-6, j.toString());
        SolveCommandTest.Run bad = SolveCommandTest.run("solve", mps.toString(), "--memory-limit", "0");
        assertEquals(Main.EXIT_BAD_INPUT, bad.exit());
        assertTrue(bad.err().contains("--memory-limit"), bad.err());
    }
}
