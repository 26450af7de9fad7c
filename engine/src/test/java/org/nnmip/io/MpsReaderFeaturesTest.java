package org.nnmip.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;

import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpsReaderFeaturesTest {
    static final double INF = Double.POSITIVE_INFINITY;

    static Model read(String text) throws Exception {
        return new MpsReader().read(new StringReader(text), "t.mps");
    }

    private static Variable var(Model m, String name) {
        return m.variable(name).orElseThrow();
    }

    private static Constraint row(Model m, String name) {
        return m.constraint(name).orElseThrow();
    }

    @Test
    void objsenseOnOneLineAndOnTheNextLine() throws Exception {
        String body = "ROWS\n N obj\nCOLUMNS\n x obj 1\nENDATA\n";
        assertEquals(ObjectiveSense.MAXIMIZE, read("NAME t\nOBJSENSE MAX\n" + body).sense());
        assertEquals(ObjectiveSense.MAXIMIZE, read("NAME t\nOBJSENSE\n    MAXIMIZE\n" + body).sense());
        assertEquals(ObjectiveSense.MINIMIZE, read("NAME t\nOBJSENSE\n    MIN\n" + body).sense());
        assertEquals(ObjectiveSense.MINIMIZE, read("NAME t\nOBJSENSE MINIMIZE\n" + body).sense());
        assertEquals(ObjectiveSense.MINIMIZE, read("NAME t\n" + body).sense());
    }

    @Test
    void rangesFollowTheSignRulesOfTheMpsSpecification() throws Exception {
        Model m = read("""
                NAME ranges
                ROWS
                 N  cost
                 E  ePos
                 E  eNeg
                 E  eZero
                 L  lRow
                 G  gRow
                 E  eNone
                COLUMNS
                 x  cost 1  ePos 1
                 x  eNeg 1  eZero 1
                 x  lRow 1  gRow 1
                 x  eNone 1
                RHS
                 RHS ePos 10  eNeg 10
                 RHS eZero 10 lRow 10
                 RHS gRow 10  eNone 10
                RANGES
                 RNG ePos 4   eNeg -4
                 RNG eZero 0  lRow -4
                 RNG gRow -4
                ENDATA
                """);
        assertBounds(row(m, "ePos"), 10, 14);
        assertBounds(row(m, "eNeg"), 6, 10);
        assertBounds(row(m, "eZero"), 10, 10);
        assertBounds(row(m, "lRow"), 6, 10);
        assertBounds(row(m, "gRow"), 10, 14);
        assertBounds(row(m, "eNone"), 10, 10);
    }

    @Test
    void rhsOnObjectiveIsMinusTheConstantAndExtraFreeRowsAreDropped() throws Exception {
        MpsReader reader = new MpsReader();
        Model m = reader.read(new StringReader("""
                NAME t
                ROWS
                 N  obj
                 N  other
                 L  c1
                COLUMNS
                    x  obj  2  other  5
                    x  c1   1
                RHS
                    RHS  obj  7  c1  3
                    RHS  other 9
                ENDATA
                """), "t.mps");
        assertEquals(-7.0, m.objectiveConstant());
        assertEquals(1, m.numConstraints());
        assertEquals(1, m.numNonzeros());
        assertEquals(2.0, m.objectiveCoefficient(var(m, "x")));
        assertTrue(reader.warnings().stream().anyMatch(w -> w.contains("free row other")), reader.warnings().toString());
    }

    @Test
    void boundTypesAndIntegerMarkers() throws Exception {
        MpsReader reader = new MpsReader();
        Model m = reader.read(new StringReader("""
                NAME bounds
                ROWS
                 N obj
                 L c
                COLUMNS
                 cont  c 1
                 M1 'MARKER' 'INTORG'
                 intA  c 1
                 intB  c 1
                 M2 'MARKER' 'INTEND'
                 up    c 1
                 lo    c 1
                 fx    c 1
                 fr    c 1
                 mi    c 1
                 pl    c 1
                 bv    c 1
                 li    c 1
                 ui    c 1
                 negup c 1
                RHS
                 RHS c 100
                BOUNDS
                 UP BND intB 7
                 UP BND up 4
                 LO BND lo -3
                 FX BND fx 2.5
                 FR BND fr
                 UP BND mi 8
                 MI BND mi
                 UP BND pl 8
                 PL BND pl
                 BV BND bv
                 LI BND li -2
                 UI BND ui 9
                 UP BND negup -5
                ENDATA
                """), "t.mps");
        assertEquals(VarType.CONTINUOUS, var(m, "cont").type());
        // Integer columns without bounds: [0, +inf) as in CPLEX and HiGHS.
        assertEquals(VarType.INTEGER, var(m, "intA").type());
        assertVar(var(m, "intA"), 0, INF);
        assertVar(var(m, "intB"), 0, 7);
        assertVar(var(m, "up"), 0, 4);
        assertVar(var(m, "lo"), -3, INF);
        assertVar(var(m, "fx"), 2.5, 2.5);
        assertVar(var(m, "fr"), -INF, INF);
        assertVar(var(m, "mi"), -INF, 8); // MI keeps the upper bound
        assertVar(var(m, "pl"), 0, INF);
        assertEquals(VarType.BINARY, var(m, "bv").type());
        assertVar(var(m, "bv"), 0, 1);
        assertEquals(VarType.INTEGER, var(m, "li").type());
        assertVar(var(m, "li"), -2, INF);
        assertEquals(VarType.INTEGER, var(m, "ui").type());
        assertVar(var(m, "ui"), 0, 9);
        assertEquals(VarType.CONTINUOUS, var(m, "up").type());
        // Negative UP on a column with lower bound 0: lower becomes -inf, with a warning (HiGHS' rule).
        assertVar(var(m, "negup"), -INF, -5);
        assertTrue(reader.warnings().stream().anyMatch(w -> w.contains("negup") && w.contains(":36:")),
                reader.warnings().toString());
        assertEquals(5, m.numIntegerVariables()); // intA, intB, bv, li, ui
    }

    @Test
    void fixedFormatNamesMayContainSpaces() throws Exception {
        String text = "NAME          SPACES\n"
                + "ROWS\n"
                + fixed("N", "COST", "", "", "", "")
                + fixed("L", "LIM 1", "", "", "", "")
                + fixed("G", "LIM 2", "", "", "", "")
                + "COLUMNS\n"
                + fixed("", "X ONE", "COST", "1", "LIM 1", "2")
                + fixed("", "X ONE", "LIM 2", "3", "", "")
                + fixed("", "Y", "COST", "-1", "LIM 2", "1")
                + "RHS\n"
                + fixed("", "RHS", "LIM 1", "4", "LIM 2", "1")
                + "BOUNDS\n"
                + fixed("UP", "BND", "X ONE", "5", "", "")
                + "ENDATA\n";
        Model auto = read(text);
        Model fixed = new MpsReader(MpsReader.Format.FIXED).read(new StringReader(text), "t.mps");
        for (Model m : new Model[]{auto, fixed}) {
            assertEquals("SPACES", m.name());
            Variable x = var(m, "X ONE");
            assertVar(x, 0, 5);
            assertEquals(1.0, m.objectiveCoefficient(x));
            Constraint lim1 = row(m, "LIM 1");
            assertBounds(lim1, -INF, 4);
            assertEquals(2.0, lim1.expression().coefficientOf(x));
            assertBounds(row(m, "LIM 2"), 1, INF);
            assertEquals(-1.0, m.objectiveCoefficient(var(m, "Y")));
        }
    }

    @Test
    void fixedFormatNumbersMayRunPastTheirField() throws Exception {
        String text = "NAME          LONGNUM\nROWS\n N  COST\n L  R1\n L  R2\nCOLUMNS\n"
                + "    X         R1        -0.12345678901234567 R2 2.5\n"
                + "    Y         COST      1\n"
                + "RHS\n    RHS       R1        1\nENDATA\n";
        Model m = new MpsReader(MpsReader.Format.FIXED).read(new StringReader(text), "t.mps");
        Variable x = var(m, "X");
        assertEquals(-0.12345678901234567, row(m, "R1").expression().coefficientOf(x));
        assertEquals(2.5, row(m, "R2").expression().coefficientOf(x));
    }

    @Test
    void freeFormatWithoutSetNamesAndWithInfinityValues() throws Exception {
        Model m = read("""
                NAME free
                ROWS
                 N obj
                 G c
                COLUMNS
                 x obj 1 c 1
                 y c 1
                RHS
                 c 2
                RANGES
                 c 1e30
                BOUNDS
                 UP x 1e+30
                 LO y -Infinity
                 MI x
                ENDATA
                """);
        assertBounds(row(m, "c"), 2, INF);
        assertVar(var(m, "x"), -INF, INF);
        assertVar(var(m, "y"), -INF, INF);
    }

    @Test
    void readsGzipCompressedFiles(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("afiro.mps.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readString(OrToolsReference.testdata("lp", "afiro.mps")).getBytes(StandardCharsets.UTF_8));
        }
        Model zipped = ModelFiles.read(gz);
        Model plain = ModelFiles.read(OrToolsReference.testdata("lp", "afiro.mps"));
        ModelAssertions.assertSameModel(plain, zipped);
        assertEquals("AFIRO", zipped.name());
    }

    @Test
    void emptyColumnKeptAndExplicitZeroCoefficientsDropped() throws Exception {
        Model m = read("NAME z\nROWS\n N obj\n E c\nCOLUMNS\n x obj 0\n y c 0 obj 3\nRHS\n RHS c 0\nENDATA\n");
        assertEquals(2, m.numVariables());
        assertEquals(0, m.numNonzeros());
        assertEquals(3.0, m.objectiveCoefficient(var(m, "y")));
    }

    /** A fixed-MPS line with fields at columns 2-3, 5-12, 15-22, 25-36, 40-47, 50-61. */
    static String fixed(String f1, String f2, String f3, String f4, String f5, String f6) {
        StringBuilder sb = new StringBuilder(" ".repeat(61));
        put(sb, 1, f1);
        put(sb, 4, f2);
        put(sb, 14, f3);
        put(sb, 24, f4);
        put(sb, 39, f5);
        put(sb, 49, f6);
        return sb.toString().stripTrailing() + "\n";
    }

    private static void put(StringBuilder sb, int at, String s) {
        for (int k = 0; k < s.length(); k++) sb.setCharAt(at + k, s.charAt(k));
    }

    static void assertBounds(Constraint c, double lo, double up) {
        assertEquals(lo, c.lower(), 0.0, c.name() + " lower");
        assertEquals(up, c.upper(), 0.0, c.name() + " upper");
    }

    static void assertVar(Variable v, double lo, double up) {
        assertEquals(lo, v.lower(), 0.0, v.name() + " lower");
        assertEquals(up, v.upper(), 0.0, v.name() + " upper");
    }
}
