package org.nnmip.io;

import org.junit.jupiter.api.Test;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LpFormatWriterTest {
    static final double INF = Double.POSITIVE_INFINITY;

    static Model small() {
        Model m = new Model("small");
        Variable x = m.continuous("x", 0, 4);
        Variable y = m.integer("y", -INF, 10);
        Variable z = m.binary("z");
        Variable w = m.continuous("w", -INF, INF);
        Variable e1 = m.continuous("e1", 1, INF);
        Variable k = m.integer("k", 0, 1);
        Variable f = m.continuous("f", 2.5, 2.5);
        m.le("c1", LinearExpr.builder().add(x).add(2, y).add(-1, z).build(), 8);
        m.ge("c2", LinearExpr.builder().add(3, x).add(-1, w).build(), -2);
        m.eq("c 3", LinearExpr.builder().add(x).add(y).add(z).add(k).add(f).build(), 5);
        m.addConstraint("r", LinearExpr.builder().add(x).add(-1, y).build(), 1, 6);
        m.le("w cap", LinearExpr.builder().add(w).add(-0.25, e1).build(), 3);
        m.setObjective(LinearExpr.builder().add(x).add(y).add(-1, z).add(0.5, e1).constant(1.5).build(),
                ObjectiveSense.MAXIMIZE);
        return m;
    }

    @Test
    void smallModelMatchesExpectedText() {
        String expected = """
                \\ Model small
                \\ 7 variables, 5 constraints, 14 non-zeros
                Maximize
                 obj: x + y - z + 0.5 _e1 + 1.5
                Subject To
                 c1: x + 2 y - z <= 8
                 c2: 3 x - w >= -2
                 c_3: x + y + z + k + f = 5
                 r_lo: x - y >= 1
                 r_hi: x - y <= 6
                 w_cap: w - 0.25 _e1 <= 3
                Bounds
                 0 <= x <= 4
                 -inf <= y <= 10
                 w free
                 _e1 >= 1
                 0 <= k <= 1
                 f = 2.5
                General
                 y
                 k
                Binary
                 z
                End
                """;
        assertEquals(expected, new LpFormatWriter().writeToString(small()));
    }

    @Test
    void longRowsAreWrappedAndStillRead() {
        Model m = new Model("wide");
        LinearExpr.Builder b = LinearExpr.builder();
        for (int j = 0; j < 60; j++) b.add(j + 1.5, m.continuous("variable_" + j, 0, 1));
        m.le("long_row", b.build(), 100);
        m.setObjective(b.build(), ObjectiveSense.MAXIMIZE);
        String text = new LpFormatWriter().writeToString(m);
        long lines = text.lines().count();
        assertTrue(lines > 20, "expected wrapped lines, got " + lines);
        assertTrue(text.lines().allMatch(l -> l.length() <= 79), text);
        // Every term survives the wrapping, in order: unwrap and compare with the unwrapped row.
        String row = text.substring(text.indexOf(" long_row:"), text.indexOf("Bounds")).replaceAll("\\s+", " ").trim();
        StringBuilder expected = new StringBuilder("long_row:");
        for (int j = 0; j < 60; j++) {
            expected.append(j == 0 ? " " : " + ").append(org.nnmip.model.ModelNumbers.format(j + 1.5)).append(" variable_").append(j);
        }
        assertEquals(expected + " <= 100", row);
    }

    @Test
    void namesAreSanitisedToTheLpAlphabet() {
        assertEquals("a_b_c", LpFormatWriter.sanitise("a b+c"));
        assertEquals("_1x", LpFormatWriter.sanitise("1x"));
        assertEquals("_e2", LpFormatWriter.sanitise("e2"));
        assertEquals("_free", LpFormatWriter.sanitise("free"));
        assertEquals("x[1]".replace('[', '_').replace(']', '_'), LpFormatWriter.sanitise("x[1]"));
    }
}
