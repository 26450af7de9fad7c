package org.nnmip.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;

import java.io.StringReader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** write -> read gives back exactly the same model, in free and fixed MPS. */
class MpsRoundTripTest {
    static final double INF = Double.POSITIVE_INFINITY;

    static Model reread(Model m, MpsWriter.Format out, MpsReader.Format in) throws Exception {
        String text = new MpsWriter(out).writeToString(m);
        return new MpsReader(in).read(new StringReader(text), "roundtrip.mps");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"lp, afiro", "lp, adlittle", "lp, blend", "lp, sc50a", "lp, sc50b", "lp, sc105", "lp, share2b",
            "lp, kb2", "mip, bell5", "mip, egout", "mip, enigma", "mip, flugpl", "mip, lseu", "mip, mod008",
            "mip, p0033", "mip, p0201", "mip, stein27"})
    void testdataSurvivesFreeAndFixedRoundTrips(String dir, String file) throws Exception {
        Model m = new MpsReader().read(OrToolsReference.testdata(dir, file + ".mps"));
        ModelAssertions.assertSameModel(m, reread(m, MpsWriter.Format.FREE, MpsReader.Format.FREE));
        ModelAssertions.assertSameModel(m, reread(m, MpsWriter.Format.FREE, MpsReader.Format.AUTO));
        ModelAssertions.assertSameModel(m, reread(m, MpsWriter.Format.FIXED, MpsReader.Format.FIXED));
        ModelAssertions.assertSameModel(m, reread(m, MpsWriter.Format.FIXED, MpsReader.Format.AUTO));
    }

    /** A model using every feature the writer has to encode. Names of at most 8 characters, for fixed MPS. */
    static Model everything() {
        Model m = new Model("ALLKINDS");
        Variable x = m.continuous("x", 0, INF);
        Variable neg = m.continuous("neg up", 0, -2);       // lower 0 > upper -2: infeasible but representable
        Variable mi = m.continuous("mi", -INF, 3.25);
        Variable fr = m.continuous("fr", -INF, INF);
        Variable lo = m.continuous("lo", -1e-7, INF);
        Variable fx = m.continuous("fx", 0.1, 0.1);
        Variable box = m.continuous("box", -3, 1e6);
        Variable empty = m.continuous("empty", 1, 2);       // in no row, no objective term
        Variable b = m.binary("b");
        Variable bFixed = m.integer("b fixed", 1, 1); // a BINARY fixed at 1 would come back as this INTEGER
        Variable iFree = m.integer("iFree", -INF, INF);
        Variable iPos = m.integer("iPos", 0, INF);
        Variable iBox = m.integer("iBox", -5, 5);
        Variable i01 = m.integer("i01", 0, 1);
        Variable y = m.continuous("y", 2, INF);
        m.le("le", LinearExpr.builder().add(1, x).add(2, neg).add(-1.5, i01).build(), 10);
        m.ge("ge", LinearExpr.builder().add(0.1, mi).add(1e-9, fr).build(), -4);
        m.eq("eq", LinearExpr.builder().add(3, lo).add(-1, b).add(7, iPos).build(), 0.3);
        m.addConstraint("ranged", LinearExpr.builder().add(1, box).add(1, iBox).build(), -0.1, 0.7);
        m.addConstraint("ranged2", LinearExpr.builder().add(1, fx).add(2, y).build(), -1e-3, 1e6 + 0.1);
        m.addConstraint("free row", LinearExpr.builder().add(1, x).add(1, iFree).build(), -INF, INF);
        m.addConstraint("no terms", LinearExpr.zero(), -1, 1);
        m.eq("bfx", LinearExpr.of(1, bFixed), 1);
        m.setObjective(LinearExpr.builder().add(1, x).add(-2.5, iBox).add(1e-12, y).add(4, b).constant(-17.25)
                .build(), ObjectiveSense.MAXIMIZE);
        assertEquals(0.0, m.objectiveCoefficient(empty));
        return m;
    }

    @Test
    void everyBoundRowAndTypeKindSurvivesBothFormats() throws Exception {
        Model m = everything();
        for (MpsWriter.Format out : MpsWriter.Format.values()) {
            for (MpsReader.Format in : new MpsReader.Format[]{MpsReader.Format.AUTO,
                    out == MpsWriter.Format.FREE ? MpsReader.Format.FREE : MpsReader.Format.FIXED}) {
                if (out == MpsWriter.Format.FREE) {
                    // Free MPS replaces spaces in names; compare against the renamed model.
                    Model back = reread(m, out, in);
                    assertEquals("neg_up", back.variable(1).name());
                    assertEquals("free_row", back.constraint(5).name());
                    assertSameUpToNames(m, back);
                } else {
                    Model back = reread(m, out, in);
                    assertEquals("ALLKINDS", back.name());
                    ModelAssertions.assertSameModel(m, back);
                }
            }
        }
    }

    @Test
    void rangeNoMpsRangeReproducesExactlyIsOffByAtMostOneUlp() throws Exception {
        // lo + R and up - R are rounded; for [-1e6, 1e6 + 0.1] no double R reconstructs both bounds exactly.
        Model m = new Model("ulp");
        Variable x = m.continuous("x", -INF, INF);
        m.addConstraint("r", LinearExpr.of(x), -1e6, 1e6 + 0.1);
        Model back = reread(m, MpsWriter.Format.FREE, MpsReader.Format.FREE);
        assertEquals(-1e6, back.constraint(0).lower(), Math.ulp(1e6));
        assertEquals(1e6 + 0.1, back.constraint(0).upper(), Math.ulp(1e6));
    }

    @Test
    void binaryWithTightenedBoundsComesBackAsIntegerWithTheSameBounds() throws Exception {
        Model m = new Model("bin");
        m.addVariable("b", 1, 1, VarType.BINARY);
        m.binary("c");
        Model back = reread(m, MpsWriter.Format.FREE, MpsReader.Format.AUTO);
        assertEquals(VarType.INTEGER, back.variable(0).type());
        assertEquals(1.0, back.variable(0).lower());
        assertEquals(1.0, back.variable(0).upper());
        assertEquals(VarType.BINARY, back.variable(1).type());
    }

    @Test
    void gzipFilesRoundTripThroughModelFiles(@TempDir Path dir) throws Exception {
        Model m = everything();
        Path f = dir.resolve("all.mps.gz");
        ModelFiles.write(m, f);
        assertSameUpToNames(m, ModelFiles.read(f));
    }

    @Test
    void fixedFormatRefusesLongNames() {
        Model m = new Model("long");
        m.continuous("much_too_long_name", 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MpsWriter(MpsWriter.Format.FIXED).writeToString(m));
        assertTrue(e.getMessage().contains("much_too_long_name"), e.getMessage());
    }

    @Test
    void infeasibleRowCannotBeWrittenAndSaysWhich() {
        Model m = new Model("inf");
        Variable x = m.continuous("x", 0, 1);
        m.addConstraint("crossed", LinearExpr.of(x), 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MpsWriter().writeToString(m));
        assertTrue(e.getMessage().contains("crossed"), e.getMessage());
    }

    @Test
    void freeFormatNamesAreMadeUnique() throws Exception {
        Model m = new Model("dups");
        Variable a = m.continuous("a b", 0, 1);
        Variable b = m.continuous("a_b", 0, 1);
        m.le("obj", LinearExpr.sum(a, b), 1); // clashes with the writer's objective row name
        Model back = reread(m, MpsWriter.Format.FREE, MpsReader.Format.FREE);
        assertEquals("a_b", back.variable(0).name());
        assertEquals("a_b_1", back.variable(1).name());
        assertEquals("obj_1", back.constraint(0).name());
        assertEquals(2, back.constraint(0).size());
    }

    /** Same structure and numbers, names compared only by position. */
    static void assertSameUpToNames(Model expected, Model actual) {
        assertEquals(expected.numVariables(), actual.numVariables());
        assertEquals(expected.numConstraints(), actual.numConstraints());
        Model renamed = new Model(expected.name());
        for (int j = 0; j < expected.numVariables(); j++) {
            Variable v = expected.variable(j);
            renamed.addVariable(actual.variable(j).name(), v.lower(), v.upper(), v.type());
        }
        for (int i = 0; i < expected.numConstraints(); i++) {
            var c = expected.constraint(i);
            LinearExpr.Builder e = LinearExpr.builder();
            for (int k = 0; k < c.size(); k++) e.add(c.coefficient(k), renamed.variable(c.variableIndex(k)));
            renamed.addConstraint(actual.constraint(i).name(), e.build(), c.lower(), c.upper());
        }
        LinearExpr.Builder o = LinearExpr.builder().constant(expected.objectiveConstant());
        for (int j = 0; j < expected.numVariables(); j++) o.add(expected.objectiveCoefficient(j), renamed.variable(j));
        renamed.setObjective(o.build(), expected.sense());
        ModelAssertions.assertSameModel(renamed, actual);
    }
}
