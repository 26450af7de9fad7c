package org.nnmip.model;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTest {
    static final double INF = Double.POSITIVE_INFINITY;

    /** max 5x + 4y + 3z + 2 s.t. 2x + 3y + z <= 5, 4x + y + 2z <= 11, 3x + 4y + 2z <= 8 (Chvátal's example). */
    static Model chvatal() {
        Model m = new Model("chvatal");
        Variable x = m.continuous("x");
        Variable y = m.integer("y", 0, 10);
        Variable z = m.binary("z");
        m.le("c1", LinearExpr.builder().add(2, x).add(3, y).add(1, z).build(), 5);
        m.le("c2", LinearExpr.builder().add(4, x).add(1, y).add(2, z).build(), 11);
        m.le("c3", LinearExpr.builder().add(3, x).add(4, y).add(2, z).build(), 8);
        m.setObjective(LinearExpr.builder().add(5, x).add(4, y).add(3, z).constant(2).build(),
                ObjectiveSense.MAXIMIZE);
        return m;
    }

    @Test
    void buildsWithDenseIndicesNamesAndCounts() {
        Model m = chvatal();
        assertEquals(3, m.numVariables());
        assertEquals(3, m.numConstraints());
        assertEquals(9, m.numNonzeros());
        assertEquals(2, m.numIntegerVariables());
        assertEquals(1, m.numBinaryVariables());
        assertTrue(m.isMip());
        for (int j = 0; j < 3; j++) assertEquals(j, m.variable(j).index());
        assertSame(m.variable(1), m.variable("y").orElseThrow());
        assertSame(m.constraint(2), m.constraint("c3").orElseThrow());
        assertTrue(m.variable("nope").isEmpty());
        assertEquals(VarType.BINARY, m.variable(2).type());
        assertEquals(0.0, m.variable(2).lower());
        assertEquals(1.0, m.variable(2).upper());
        assertEquals(3.0, m.variable(2).objectiveCoefficient());
        assertFalse(new Model("lp").isMip());
    }

    @Test
    void nullNamesAreGeneratedFromTheIndex() {
        Model m = new Model("gen");
        Variable a = m.continuous(null, 0, 1);
        Variable b = m.continuous(null, 0, 1);
        Constraint c = m.le(null, LinearExpr.sum(a, b), 1);
        assertEquals("x0", a.name());
        assertEquals("x1", b.name());
        assertEquals("c0", c.name());
    }

    @Test
    void binaryBoundsStayInsideZeroOne() {
        Model m = new Model("b");
        Variable b = m.addVariable("b", -3, 7, VarType.BINARY);
        assertEquals(0.0, b.lower());
        assertEquals(1.0, b.upper());
        b.setBounds(1, 5);
        assertEquals(1.0, b.lower());
        assertEquals(1.0, b.upper());
    }

    @Test
    void constraintConstantMovesIntoTheBounds() {
        Model m = new Model("k");
        Variable x = m.continuous("x", -INF, INF);
        Constraint c = m.addConstraint("r", LinearExpr.builder().add(2, x).constant(3).build(), 1, 9);
        assertEquals(-2.0, c.lower());
        assertEquals(6.0, c.upper());
        assertEquals(LinearExpr.of(2, x), c.expression());
        Constraint le = m.le("le", LinearExpr.of(x).plusConstant(1), 4);
        assertEquals(-INF, le.lower());
        assertEquals(3.0, le.upper());
    }

    @Test
    void validationNamesTheVariableOrConstraint() {
        Model m = new Model("v");
        Variable x = m.continuous("x", 0, 1);
        assertMessage(() -> m.continuous("nanVar", Double.NaN, 1), "variable nanVar: bound is NaN");
        assertMessage(() -> m.continuous("hiLow", INF, INF), "variable hiLow: lower bound is +infinity");
        assertMessage(() -> m.continuous("loUp", -INF, -INF), "variable loUp: upper bound is -infinity");
        assertMessage(() -> m.continuous("x", 0, 1), "variable x: duplicate variable name");
        assertMessage(() -> LinearExpr.builder().add(Double.NaN, x), "coefficient of variable x must be finite");
        assertMessage(() -> m.le("nanRow", LinearExpr.of(x), Double.NaN), "constraint nanRow: bound is NaN");
        assertMessage(() -> m.ge("infRow", LinearExpr.of(x), INF), "constraint infRow: lower bound is +infinity");
        Model other = new Model("other");
        Variable foreign = other.continuous("alien", 0, 1);
        assertMessage(() -> m.le("mixed", LinearExpr.sum(x, foreign), 1),
                "constraint mixed: variable alien belongs to model other");
        assertMessage(() -> m.setObjective(LinearExpr.of(foreign), ObjectiveSense.MINIMIZE),
                "objective: variable alien belongs to model other");
        assertMessage(() -> x.setBounds(Double.NaN, 0), "variable x: bound is NaN");
        assertMessage(() -> m.setStart(Map.of(x, Double.NaN)), "MIP start value of variable x must be finite");
        assertMessage(() -> m.setStart(new double[]{1, 2}), "MIP start has 2 values but the model has 1");
        assertMessage(() -> m.setObjectiveCutoff(Double.NaN), "objective cutoff is NaN");
        // lower > upper is allowed: the model is just infeasible.
        Variable crossed = m.continuous("crossed", 2, 1);
        assertEquals(2.0, crossed.lower());
        Constraint crossedRow = m.addConstraint("crossedRow", LinearExpr.of(x), 3, 2);
        assertEquals(3.0, crossedRow.lower());
    }

    @Test
    void arrayFormOfAddConstraintValidatesAndDropsZeros() {
        Model m = new Model("arr");
        m.continuous("a", 0, 1);
        m.continuous("b", 0, 1);
        m.continuous("c", 0, 1);
        Constraint c = m.addConstraint("r", new int[]{2, 0, 1}, new double[]{3, 0, -1}, 0, 4);
        assertArrayEquals(new int[]{2, 1}, c.variableIndicesView());
        assertArrayEquals(new double[]{3, -1}, c.coefficientsView());
        assertEquals(2, m.numNonzeros());
        assertMessage(() -> m.addConstraint("dup", new int[]{1, 1}, new double[]{1, 2}, 0, 1),
                "constraint dup: variable b appears twice");
        assertMessage(() -> m.addConstraint("oob", new int[]{3}, new double[]{1}, 0, 1),
                "constraint oob: variable index 3 out of range");
        assertMessage(() -> m.addConstraint("nan", new int[]{0}, new double[]{Double.NaN}, 0, 1),
                "constraint nan: coefficient of variable a must be finite");
    }

    @Test
    void toLpProblemIsTheFaithfulRelaxation() {
        Model m = chvatal();
        LpProblem lp = m.toLpProblem();
        assertEquals(Sense.MAXIMIZE, lp.sense());
        assertEquals(2.0, lp.objectiveOffset());
        assertEquals("chvatal", lp.name());
        assertEquals(m.numVariables(), lp.numColumns());
        assertEquals(m.numConstraints(), lp.numRows());
        assertEquals(m.numNonzeros(), lp.numNonzeros());
        for (Variable v : m.variables()) {
            int j = v.index();
            assertEquals(v.name(), lp.columnName(j));
            assertEquals(v.lower(), lp.columnLower(j));
            assertEquals(v.upper(), lp.columnUpper(j));
            assertEquals(m.objectiveCoefficient(v), lp.objective(j));
        }
        for (Constraint c : m.constraints()) {
            int i = c.index();
            assertEquals(c.name(), lp.rowName(i));
            assertEquals(c.lower(), lp.rowLower(i));
            assertEquals(c.upper(), lp.rowUpper(i));
            assertArrayEquals(c.variableIndicesView(), lp.rowIndices(i));
            assertArrayEquals(c.coefficientsView(), lp.rowValues(i));
        }
        double[] x = {1, 1, 0};
        assertEquals(m.evaluate(x), lp.objectiveValue(x));
        assertArrayEquals(m.rowActivities(x), lp.rowActivities(x));
        assertEquals(11.0, m.evaluate(x)); // 5 + 4 + 0 + 2
    }

    @Test
    void objectiveCanBeReplacedAndInspected() {
        Model m = chvatal();
        Variable x = m.variable(0), y = m.variable(1);
        assertEquals(LinearExpr.builder().add(5, x).add(4, y).add(3, m.variable(2)).constant(2).build(),
                m.objective());
        m.setObjective(LinearExpr.builder().add(1, y).add(1, y).build(), ObjectiveSense.MINIMIZE);
        assertEquals(0.0, m.objectiveCoefficient(x));
        assertEquals(2.0, m.objectiveCoefficient(y));
        assertEquals(0.0, m.objectiveConstant());
        assertEquals(ObjectiveSense.MINIMIZE, m.sense());
        m.setObjectiveCoefficient(x, -1);
        m.setObjectiveConstant(4);
        assertEquals(LinearExpr.builder().add(-1, x).add(2, y).constant(4).build(), m.objective());
    }

    @Test
    void branchPrioritiesStartsAndCutoff() {
        Model m = chvatal();
        Variable x = m.variable(0), y = m.variable(1), z = m.variable(2);
        assertEquals(0, y.branchPriority());
        y.setBranchPriority(5);
        assertEquals(5, y.branchPriority());
        assertFalse(m.hasStart());
        assertTrue(Double.isNaN(m.start()[0]));
        Map<Variable, Double> partial = new HashMap<>();
        partial.put(y, 1.0);
        m.setStart(partial);
        assertTrue(m.hasStart());
        double[] s = m.start();
        assertTrue(Double.isNaN(s[x.index()]));
        assertEquals(1.0, s[y.index()]);
        assertTrue(Double.isNaN(s[z.index()]));
        m.setStart(new double[]{0.5, 1, 0});
        assertArrayEquals(new double[]{0.5, 1, 0}, m.start());
        Variable late = m.continuous("late", 0, 1);
        assertEquals(4, m.start().length);
        assertTrue(Double.isNaN(m.start()[late.index()]));
        m.clearStart();
        assertFalse(m.hasStart());
        assertTrue(m.objectiveCutoff().isEmpty());
        m.setObjectiveCutoff(12.5);
        assertEquals(12.5, m.objectiveCutoff().getAsDouble());
        m.clearObjectiveCutoff();
        assertTrue(m.objectiveCutoff().isEmpty());
    }

    @Test
    void builtModelIsReadableFromSeveralThreads() throws Exception {
        Model m = new Model("big");
        List<Variable> vars = new ArrayList<>();
        for (int j = 0; j < 300; j++) vars.add(m.integer("v" + j, 0, j));
        for (int i = 0; i < 300; i++) {
            LinearExpr.Builder b = LinearExpr.builder();
            for (int k = 0; k < 5; k++) b.add(k + 1, vars.get((i * 7 + k * 13) % 300));
            m.le("r" + i, b.build(), i);
        }
        LpProblem reference = m.toLpProblem();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LpProblem>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) results.add(pool.submit(m::toLpProblem));
            for (Future<LpProblem> f : results) {
                LpProblem lp = f.get();
                assertEquals(reference.numNonzeros(), lp.numNonzeros());
                for (int i = 0; i < lp.numRows(); i++) assertArrayEquals(reference.rowValues(i), lp.rowValues(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
