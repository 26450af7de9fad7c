package org.nnmip.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LinearExprTest {
    @Test
    void builderMergesDuplicatesKeepsFirstOrderAndDropsZeros() {
        Model m = new Model("e");
        Variable x = m.continuous("x"), y = m.continuous("y"), z = m.continuous("z");
        LinearExpr e = LinearExpr.builder().add(2, x).add(1, y).add(3, x).add(1, z).add(-1, z).constant(4).build();
        assertEquals(2, e.size());
        assertSame(x, e.variable(0));
        assertEquals(5.0, e.coefficient(0));
        assertSame(y, e.variable(1));
        assertEquals(0.0, e.coefficientOf(z));
        assertEquals(4.0, e.constant());
        assertEquals("5 x + y + 4", e.toString());
    }

    @Test
    void fluentArithmetic() {
        Model m = new Model("e");
        Variable x = m.continuous("x"), y = m.continuous("y");
        LinearExpr e = LinearExpr.of(x).plus(LinearExpr.of(4, y)).plusConstant(1).times(2).plus(-2, x);
        assertEquals(LinearExpr.builder().add(8, y).constant(2).build(), e);
        assertEquals(LinearExpr.builder().add(1, x).add(1, y).build(), LinearExpr.sum(x, y));
        assertEquals(LinearExpr.builder().add(3, x).build(),
                LinearExpr.of(new Variable[]{x, x}, new double[]{1, 2}));
        assertEquals(0, LinearExpr.zero().size());
        assertEquals(17.0, e.evaluate(new double[]{100, 2}) - 1.0 + 0.0, 0.0); // 8*2 + 2 - 1
        assertEquals("-x - 2.5 y", LinearExpr.builder().add(-1, x).add(-2.5, y).build().toString());
    }
}
