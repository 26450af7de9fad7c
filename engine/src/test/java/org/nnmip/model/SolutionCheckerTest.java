package org.nnmip.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SolutionCheckerTest {
    @Test
    void feasiblePointReportsObjectiveAndNoViolation() {
        Model m = ModelTest.chvatal();
        SolutionChecker.Report r = m.check(new double[]{1, 1, 0}); // rows: 5 <= 5, 5 <= 11, 7 <= 8
        assertTrue(r.feasible(), r.text());
        assertEquals(11.0, r.objective());
        assertEquals(0.0, r.maxRowViolation());
        assertEquals("", r.worstRow());
        assertTrue(r.text().startsWith("feasible solution of model chvatal: objective 11.0000"), r.text());
    }

    @Test
    void namesTheWorstRowVariableAndIntegralityViolation() {
        Model m = ModelTest.chvatal();
        // y = 1.25 is fractional; z = 1.5 violates its upper bound 1 by 0.5.
        SolutionChecker.Report r = m.check(new double[]{2, 1.25, 1.5});
        assertFalse(r.feasible());
        assertEquals("z", r.worstBoundVariable());
        assertEquals(0.5, r.maxBoundViolation(), 1e-12);
        // c1: 4 + 3.75 + 1.5 = 9.25 > 5 by 4.25 (0.85 of its bound); c3: 6 + 5 + 3 = 14 > 8 by 6 (0.75 of it).
        assertEquals("c1", r.worstRow());
        assertEquals(4.25, r.maxRowViolation(), 1e-12);
        assertEquals("z", r.worstIntegerVariable()); // |1.5 - 2| = 0.5 beats |1.25 - 1| = 0.25
        assertEquals(0.5, r.maxIntegralityViolation(), 1e-12);
        assertTrue(r.text().contains("(constraint c1)") && r.text().contains("INFEASIBLE"), r.text());
    }

    @Test
    void toleranceIsRelativeToTheBoundSize() {
        Model m = new Model("tol");
        Variable x = m.continuous("x", 0, 1e6);
        m.le("big", LinearExpr.of(x), 1e6);
        assertTrue(m.check(new double[]{1e6 + 0.5}).feasible());   // 5e-7 relative
        assertFalse(m.check(new double[]{1e6 + 5}).feasible());
        assertFalse(new SolutionChecker(1e-9, 1e-9).check(m, new double[]{1e6 + 0.5}).feasible());
    }

    @Test
    void nanValueIsAnInfiniteViolationNamed() {
        Model m = ModelTest.chvatal();
        SolutionChecker.Report r = m.check(new double[]{0, Double.NaN, 0});
        assertFalse(r.feasible());
        assertEquals("y", r.worstBoundVariable());
        assertEquals(Double.POSITIVE_INFINITY, r.maxBoundViolation());
    }
}
