package org.nnmip.nnverify.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.bounds.Box;

class VnnlibParserTest {

    static Property parser(String name) throws Exception {
        return VnnlibParser.parse(TestData.nn("vnnlib_parser_tests", name));
    }

    static String parserError(String name) {
        return assertThrows(VnnlibFormatException.class, () -> parser(name)).getMessage();
    }

    static void assertBox(Box b, double[] lo, double[] hi) {
        assertArrayEquals(lo, b.lower());
        assertArrayEquals(hi, b.upper());
    }

    static void assertSingleConstraint(Property p, double[] coef, double rhs) {
        assertEquals(1, p.outputCondition().disjuncts().size());
        List<OutputConstraint> c = p.outputCondition().disjuncts().getFirst();
        assertEquals(1, c.size());
        assertEquals(new OutputConstraint(coef, rhs), c.getFirst());
    }

    @Test
    void simpleBoundsAndArithmetic() throws Exception {
        Property p = parser("test_add_const.vnnlib"); // (>= (+ X_0 1) 1) (<= X_0 1) (>= Y_0 0)
        assertEquals(1, p.inputBoxes().size());
        assertBox(p.inputBoxes().getFirst(), new double[] {0}, new double[] {1});
        assertSingleConstraint(p, new double[] {-1}, -0.0);

        p = parser("test_sub_const.vnnlib"); // (>= (- X_0 1) 1) (<= X_0 3)
        assertBox(p.inputBoxes().getFirst(), new double[] {2}, new double[] {3});

        p = parser("test_exp_notation.vnnlib"); // -1e0 <= X_0 <= 1e0, Y_0 >= 0.5
        assertBox(p.inputBoxes().getFirst(), new double[] {-1}, new double[] {1});
        assertSingleConstraint(p, new double[] {-1}, -0.5);

        p = parser("test_mul_var_const.vnnlib"); // 2 X_0 >= 0, (-2) X_0 >= -2, 0 X_0 <= 1000 (always true)
        assertBox(p.inputBoxes().getFirst(), new double[] {0}, new double[] {1});

        p = parser("test_and.vnnlib");
        assertBox(p.inputBoxes().getFirst(), new double[] {0}, new double[] {1});
        assertSingleConstraint(p, new double[] {-1}, -1);

        p = parser("test_nano_vnncomp.vnnlib");
        assertBox(p.inputBoxes().getFirst(), new double[] {-1}, new double[] {1});
        assertSingleConstraint(p, new double[] {1}, -1);

        p = parser("test_small_vnncomp.vnnlib"); // input and output constraints inside one (or (and ...))
        assertBox(p.inputBoxes().getFirst(), new double[] {-1}, new double[] {1});
        assertSingleConstraint(p, new double[] {-1}, -100);

        p = parser("test_tiny_vnncomp.vnnlib");
        assertEquals(1, p.inputBoxes().size());
        assertEquals(1, p.outputCondition().disjuncts().size());
    }

    @Test
    void sumsOfOutputVariables() throws Exception {
        Property add = parser("test_add_var.vnnlib"); // Y_0, Y_1, Y_2 >= 0 and Y_0 + Y_1 <= 1
        assertEquals(5, add.inputSize());
        assertEquals(5, add.outputSize());
        List<OutputConstraint> c = add.outputCondition().disjuncts().getFirst();
        assertEquals(4, c.size());
        assertTrue(c.contains(new OutputConstraint(new double[] {1, 1, 0, 0, 0}, 1)));
        assertTrue(add.outputCondition().isSatisfiedBy(new double[] {0.5, 0.5, 0, 9, 9}, 0));
        assertFalse(add.outputCondition().isSatisfiedBy(new double[] {0.6, 0.5, 0, 9, 9}, 0));
        Property sub = parser("test_sub_var.vnnlib"); // ... and Y_0 - Y_1 <= 1
        assertTrue(sub.outputCondition().disjuncts().getFirst().contains(new OutputConstraint(new double[] {1, -1, 0, 0, 0}, 1)));
        assertBox(sub.inputBoxes().getFirst(), new double[] {-0.30353115613746867, -0.009549296585513092, 0.4933803235848431, 0.3, 0.3},
                new double[] {-0.29855281193475053, 0.009549296585513092, 0.49999999998567607, 0.5, 0.5});
    }

    @Test
    void unsupportedConstructsAreRejectedWithLineNumbers() {
        assertEquals("test_assert_operator_not_implemented.vnnlib:4: unsupported operator 'xor' in assert (expected and, or, <=, >=)",
                parserError("test_assert_operator_not_implemented.vnnlib"));
        assertEquals("test_command_not_implemented.vnnlib:3: unsupported command 'declare-sore' (expected declare-const or assert)",
                parserError("test_command_not_implemented.vnnlib"));
        assertEquals("test_mul_var_var.vnnlib:4: product of two variable terms is not linear", parserError("test_mul_var_var.vnnlib"));
    }

    static String textError(String text) {
        return assertThrows(VnnlibFormatException.class, () -> VnnlibParser.parse(text, "t.vnnlib")).getMessage();
    }

    @Test
    void otherMalformedInputs() {
        String decl = "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n";
        assertEquals("t.vnnlib:3: unbalanced '(' (missing ')' before end of file)", textError(decl + "(assert (<= X_0 1)\n"));
        assertEquals("t.vnnlib:3: unexpected ')'", textError(decl + "(assert (<= X_0 1)))\n"));
        assertEquals("t.vnnlib:3: variable X_1 is used but not declared", textError(decl + "(assert (<= X_1 1))\n"));
        assertEquals("t.vnnlib:3: expected a number or a declared variable, found '1..5'", textError(decl + "(assert (<= X_0 1..5))\n"));
        assertEquals("t.vnnlib:3: a constraint mixes input and output variables", textError(decl + "(assert (<= X_0 Y_0))\n"));
        assertEquals("t.vnnlib:1: variable Z has sort Real, expected Real".replace("variable Z has sort Real, expected Real",
                "variable name Z is not X_i or Y_j"), textError("(declare-const Z Real)\n"));
        assertEquals("t.vnnlib:2: variable X_0 has sort Int, expected Real", textError("(declare-const Y_0 Real)\n(declare-const X_0 Int)\n"));
        assertEquals("t.vnnlib:1: variable X_1 is not declared (indices must be contiguous from 0)",
                textError("(declare-const X_0 Real)\n(declare-const X_2 Real)\n(declare-const Y_0 Real)\n"));
        assertEquals("t.vnnlib:4: unsupported operator '/' in a term (expected +, -, *)", textError(decl + "\n(assert (<= (/ X_0 2) 1))\n"));
    }

    /** ACAS Xu props 1-10: number of input boxes, and the size of each output disjunct. */
    @ParameterizedTest
    @CsvSource({"1,1,1", "2,1,4", "3,1,4", "4,1,4", "5,1,1;1;1;1", "6,2,1;1;1;1", "7,1,3;3", "8,1,2;2;2", "9,1,1;1;1;1", "10,1,1;1;1;1"})
    void acasProperties(int prop, int boxes, String disjunctSizes) throws Exception {
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_" + prop + ".vnnlib"));
        assertEquals(5, p.inputSize());
        assertEquals(5, p.outputSize());
        assertEquals(boxes, p.inputBoxes().size());
        int[] sizes = p.outputCondition().disjuncts().stream().mapToInt(List::size).toArray();
        int[] expected = java.util.Arrays.stream(disjunctSizes.split(";")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, sizes);
        for (Box b : p.inputBoxes()) {
            assertTrue(b.isBounded());
            for (int i = 0; i < 5; i++) assertTrue(b.lower(i) >= -0.5 - 1e-9 && b.upper(i) <= 0.7005, "normalised ACAS input range");
        }
    }

    @Test
    void acasProperty6HasTwoMirrorBoxesAndProperty1BoundsTheCocScore() throws Exception {
        Property p6 = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_6.vnnlib"));
        Box a = p6.inputBoxes().get(0);
        Box b = p6.inputBoxes().get(1);
        assertEquals(0.11140846, a.lower(1));
        assertEquals(0.499999896, a.upper(1));
        assertEquals(-0.499999896, b.lower(1));
        assertEquals(-0.11140846, b.upper(1));
        // Violated when CoC (Y_0) is not minimal: some Y_i <= Y_0.
        assertTrue(p6.outputCondition().isSatisfiedBy(new double[] {1, 0.5, 2, 2, 2}, 0));
        assertFalse(p6.outputCondition().isSatisfiedBy(new double[] {0, 0.5, 2, 2, 2}, 0));
        Property p1 = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_1.vnnlib"));
        assertSingleConstraint(p1, new double[] {-1, 0, 0, 0, 0}, -3.991125645861615);
    }

    @Test
    void mnistLinfProperty() throws Exception {
        Property p = VnnlibParser.parse(TestData.nn("mnistfc", "vnnlib", "prop_0_0.03.vnnlib"));
        assertEquals(784, p.inputSize());
        assertEquals(10, p.outputSize());
        assertEquals(1, p.inputBoxes().size());
        assertEquals(9, p.outputCondition().disjuncts().size(), "some other class scores at least the label's");
        Box box = p.inputBoxes().getFirst();
        for (int i = 0; i < 784; i++) assertTrue(box.upper(i) - box.lower(i) <= 0.06 + 1e-6, "float32-rounded box of radius 0.03");
    }
}
