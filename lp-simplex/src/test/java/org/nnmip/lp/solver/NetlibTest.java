package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/** The small netlib LPs against the optima in netlib.solu, and KKT of the returned point. */
class NetlibTest {

    static Path dir() {
        return Path.of(System.getProperty("nnmip.testdata", "testdata"), "lp");
    }

    static Map<String, Double> optima() throws IOException {
        Map<String, Double> m = new HashMap<>();
        for (String line : Files.readAllLines(dir().resolve("netlib.solu"))) {
            String[] t = line.trim().split("\\s+");
            if (t.length >= 3 && t[0].equals("=opt=")) m.put(t[1], Double.parseDouble(t[2]));
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"afiro", "adlittle", "blend", "sc50a", "sc50b", "sc105", "share2b", "kb2"})
    void solvesToKnownOptimum(String name) throws IOException {
        LpProblem p = TestMpsReader.read(dir().resolve(name + ".mps"));
        double expected = optima().get(name);
        LpSolver s = new LpSolver(p, LpParameters.defaults());
        assertEquals(LpStatus.OPTIMAL, s.solve(), name);
        assertEquals(expected, s.objectiveValue(), 1e-6 * Math.max(1.0, Math.abs(expected)), name);
        LpResult r = s.result();
        Kkt.assertOptimal(p, r, 1e-6);
    }
}
