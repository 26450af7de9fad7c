package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnmip.io.ModelFiles;
import org.nnmip.model.Model;

/** MIPLIB 3 instances from testdata/mip: the published optimum (miplib3.solu) within 1e-6 relative (p0201 is in the manual benchmark only: several seconds). */
class MiplibTest {
    static Path dir() {
        return Path.of(System.getProperty("nnmip.testdata", "testdata"), "mip");
    }

    static Map<String, Double> optima() throws IOException {
        Map<String, Double> m = new HashMap<>();
        for (String line : Files.readAllLines(dir().resolve("miplib3.solu"))) {
            String[] t = line.trim().split("\\s+");
            if (t.length >= 3 && t[0].equals("=opt=")) m.put(t[1], Double.parseDouble(t[2]));
        }
        return m;
    }

    static MipResult solve(String name, int threads) throws Exception {
        Model model = ModelFiles.read(dir().resolve(name + ".mps"));
        MipParameters p = MipParameters.defaults().withThreads(threads).withRelativeGap(1e-9)
                .withTimeLimitSeconds(60);
        MipResult r = new MipSolver().solve(model, p);
        if (r.incumbent().isPresent()) {
            assertTrue(model.check(r.incumbent().get()).feasible(), name + ": incumbent infeasible");
            assertEquals(model.evaluate(r.incumbent().get()), r.objective(), 1e-6 * Math.max(1, Math.abs(r.objective())));
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"p0033", "flugpl", "egout", "stein27", "enigma", "lseu", "mod008", "bell5"})
    void solvesToPublishedOptimum(String name) throws Exception {
        double opt = optima().get(name);
        MipResult r = solve(name, 1);
        System.out.printf("%s: %s obj=%.6f bound=%.6f nodes=%d iters=%d time=%.2fs stats=%s%n", name, r.status(),
                r.objective(), r.bestBound(), r.nodes(), r.lpIterations(), r.timeSeconds(), r.statistics());
        assertEquals(MipStatus.OPTIMAL, r.status(), name);
        assertEquals(opt, r.objective(), 1e-6 * Math.max(1, Math.abs(opt)), name);
        assertTrue(r.bestBound() <= r.objective() + 1e-6 * Math.max(1, Math.abs(opt)), name);
    }
}
