package org.nnmip.io;

import com.google.ortools.modelbuilder.ModelBuilder;
import com.google.ortools.modelbuilder.ModelBuilderHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.SolutionChecker;
import org.nnmip.model.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every netlib and MIPLIB 3 file in testdata parses to the model that independent sources describe:
 * sizes from the netlib README (its row and non-zero counts include the objective row, hence the split below)
 * and from the MIPLIB 3 file headers, item-by-item agreement with OR-Tools' MPS parser, the LP relaxation optimum
 * from GLOP against netlib.solu / the MIPLIB "LP SOLN" header, and MIP optima from SCIP against miplib3.solu.
 */
class MpsTestdataTest {

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            // dir, file, constraints, columns, matrix non-zeros, objective non-zeros, integer columns
            "lp, afiro,    27,  32,  83,  5,   0",
            "lp, adlittle, 56,  97,  383, 82,  0",
            "lp, blend,    74,  83,  491, 30,  0",
            "lp, sc50a,    50,  48,  130, 1,   0",
            "lp, sc50b,    50,  48,  118, 1,   0",
            "lp, sc105,    105, 103, 280, 1,   0",
            "lp, share2b,  96,  79,  694, 36,  0",
            "lp, kb2,      43,  41,  286, 5,   0",
            "mip, bell5,   91,  104, 266, -1,  58",
            "mip, egout,   98,  141, 282, -1,  55",
            "mip, enigma,  21,  100, 289, -1,  100",
            "mip, flugpl,  18,  18,  46,  -1,  11",
            "mip, lseu,    28,  89,  309, -1,  89",
            "mip, mod008,  6,   319, 1243, -1, 319",
            "mip, p0033,   16,  33,  98,  -1,  33",
            "mip, p0201,   133, 201, 1923, -1, 201",
            "mip, stein27, 118, 27,  378, -1,  27",
    })
    void parsesWithIndependentlyKnownSizes(String dir, String file, int rows, int cols, long nnz, int objNnz,
                                           int ints) throws Exception {
        Model m = new MpsReader().read(OrToolsReference.testdata(dir, file + ".mps"));
        assertEquals(rows, m.numConstraints(), "constraints");
        assertEquals(cols, m.numVariables(), "columns");
        assertEquals(nnz, m.numNonzeros(), "non-zeros");
        assertEquals(ints, m.numIntegerVariables(), "integer columns");
        assertEquals(ints > 0, m.isMip());
        if (objNnz >= 0) {
            long actual = m.variables().stream().filter(v -> v.objectiveCoefficient() != 0.0).count();
            assertEquals(objNnz, actual, "objective non-zeros");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"lp, afiro", "lp, adlittle", "lp, blend", "lp, sc50a", "lp, sc50b", "lp, sc105", "lp, share2b",
            "lp, kb2", "mip, bell5", "mip, egout", "mip, enigma", "mip, flugpl", "mip, lseu", "mip, mod008",
            "mip, p0033", "mip, p0201", "mip, stein27"})
    void agreesItemByItemWithOrToolsParser(String dir, String file) throws Exception {
        Path path = OrToolsReference.testdata(dir, file + ".mps");
        Model m = new MpsReader().read(path);
        ModelBuilder mb = OrToolsReference.importMps(path);
        ModelBuilderHelper h = mb.getHelper();
        assertEquals(mb.numVariables(), m.numVariables());
        assertEquals(mb.numConstraints(), m.numConstraints());
        assertEquals(h.getMaximize(), m.sense() == ObjectiveSense.MAXIMIZE);
        assertEquals(h.getObjectiveOffset(), m.objectiveConstant(), 0.0);
        for (Variable v : m.variables()) {
            int j = v.index();
            String at = file + " variable " + v.name();
            assertEquals(h.getVarName(j), v.name(), at);
            assertEquals(h.getVarLowerBound(j), v.lower(), 0.0, at + " lower");
            assertEquals(h.getVarUpperBound(j), v.upper(), 0.0, at + " upper");
            assertEquals(h.getVarIntegrality(j), v.isIntegral(), at + " integrality");
            assertEquals(h.getVarObjectiveCoefficient(j), v.objectiveCoefficient(), 0.0, at + " cost");
        }
        for (Constraint c : m.constraints()) {
            int i = c.index();
            String at = file + " row " + c.name();
            assertEquals(h.getConstraintName(i), c.name(), at);
            assertEquals(h.getConstraintLowerBound(i), c.lower(), 0.0, at + " lower");
            assertEquals(h.getConstraintUpperBound(i), c.upper(), 0.0, at + " upper");
            Map<Integer, Double> expected = new HashMap<>();
            int[] idx = h.getConstraintVarIndices(i);
            double[] val = h.getConstraintCoefficients(i);
            for (int k = 0; k < idx.length; k++) if (val[k] != 0.0) expected.put(idx[k], val[k]);
            Map<Integer, Double> actual = new HashMap<>();
            for (int k = 0; k < c.size(); k++) actual.put(c.variableIndex(k), c.coefficient(k));
            assertEquals(expected, actual, at + " coefficients");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"afiro", "adlittle", "blend", "sc50a", "sc50b", "sc105", "share2b", "kb2"})
    void netlibRelaxationOptimumMatchesNetlibSolu(String file) throws Exception {
        Model m = new MpsReader().read(OrToolsReference.testdata("lp", file + ".mps"));
        double expected = solu(OrToolsReference.testdata("lp", "netlib.solu")).get(file);
        double z = OrToolsReference.solveWithGlop(m.toLpProblem());
        assertEquals(expected, z, 1e-6 * Math.max(1.0, Math.abs(expected)), file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bell5", "egout", "enigma", "flugpl", "lseu", "mod008", "p0033", "p0201", "stein27"})
    void miplibRelaxationOptimumMatchesFileHeader(String file) throws Exception {
        Path path = OrToolsReference.testdata("mip", file + ".mps");
        double expected = headerLpSolution(path);
        double z = OrToolsReference.solveWithGlop(new MpsReader().read(path).toLpProblem());
        // The header prints about 6 significant digits.
        assertEquals(expected, z, 1e-5 * Math.max(1.0, Math.abs(expected)) + 1e-9, file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"p0033", "flugpl", "egout", "lseu", "enigma"}) // the quick ones (< 2 s each)
    void miplibOptimumByScipMatchesSoluAndPassesTheChecker(String file) throws Exception {
        Model m = new MpsReader().read(OrToolsReference.testdata("mip", file + ".mps"));
        double expected = solu(OrToolsReference.testdata("mip", "miplib3.solu")).get(file);
        double[] r = OrToolsReference.solveWithScip(m, 20);
        assertEquals(expected, r[0], 1e-6 * Math.max(1.0, Math.abs(expected)), file);
        double[] x = Arrays.copyOfRange(r, 1, r.length);
        SolutionChecker.Report report = new SolutionChecker(1e-6, 1e-6).check(m, x);
        assertTrue(report.feasible(), report.text());
        assertEquals(r[0], report.objective(), 1e-6 * Math.max(1.0, Math.abs(expected)));
        // The same point with one integer variable moved by 1/2 must be flagged.
        int j = m.variables().stream().filter(Variable::isIntegral).findFirst().orElseThrow().index();
        x[j] += 0.5;
        SolutionChecker.Report bad = m.check(x);
        assertFalse(bad.feasible());
        assertEquals(0.5, bad.maxIntegralityViolation(), 1e-9);
        assertEquals(m.variable(j).name(), bad.worstIntegerVariable());
    }

    /** {@code =opt= name value} lines. */
    static Map<String, Double> solu(Path file) throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] t = line.trim().split("\\s+");
            if (t.length == 3 && t[0].equals("=opt=")) out.put(t[1], Double.parseDouble(t[2]));
        }
        return out;
    }

    private static double headerLpSolution(Path mps) throws IOException {
        List<String> lines = Files.readAllLines(mps);
        for (String line : lines) {
            if (line.startsWith("*LP SOLN:")) return Double.parseDouble(line.substring(9).trim().split("\\s+")[0]);
        }
        throw new IllegalStateException("no LP SOLN header in " + mps);
    }
}
