package org.nnmip.io;

import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.Variable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exact (up to term order within a row), item-by-item comparison of two models (names, types, bounds, coefficients, objective). */
final class ModelAssertions {
    private ModelAssertions() {
    }

    /** The row's terms as "column=value" strings sorted by column (values printed exactly). */
    private static String[] sortedTerms(Constraint c) {
        Integer[] order = new Integer[c.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(c::variableIndex));
        String[] out = new String[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = c.variableIndex(order[k]) + "=" + Double.toString(c.coefficient(order[k]));
        }
        return out;
    }

    static void assertSameModel(Model expected, Model actual) {
        assertEquals(expected.sense(), actual.sense(), "sense");
        assertEquals(expected.objectiveConstant(), actual.objectiveConstant(), 0.0, "objective constant");
        assertEquals(expected.numVariables(), actual.numVariables(), "variables");
        assertEquals(expected.numConstraints(), actual.numConstraints(), "constraints");
        assertEquals(expected.numNonzeros(), actual.numNonzeros(), "non-zeros");
        for (int j = 0; j < expected.numVariables(); j++) {
            Variable a = expected.variable(j), b = actual.variable(j);
            String at = "variable " + a.name();
            assertEquals(a.name(), b.name(), at);
            assertEquals(a.type(), b.type(), at + " type");
            assertEquals(a.lower(), b.lower(), 0.0, at + " lower");
            assertEquals(a.upper(), b.upper(), 0.0, at + " upper");
            assertEquals(expected.objectiveCoefficient(j), actual.objectiveCoefficient(j), 0.0, at + " cost");
        }
        for (int i = 0; i < expected.numConstraints(); i++) {
            Constraint a = expected.constraint(i), b = actual.constraint(i);
            String at = "constraint " + a.name();
            assertEquals(a.name(), b.name(), at);
            assertEquals(a.lower(), b.lower(), 0.0, at + " lower");
            assertEquals(a.upper(), b.upper(), 0.0, at + " upper");
            // MPS is column-wise, so a row read back lists its terms in column order: compare sorted by column.
            assertArrayEquals(sortedTerms(a), sortedTerms(b), at + " terms");
        }
    }
}
