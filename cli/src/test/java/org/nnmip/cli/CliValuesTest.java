package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.train.MlpTrainer;

/** The shared option parsers and checks: values, counts and the exact one-line messages. */
class CliValuesTest {
    private static String message(Runnable r) {
        String m = assertThrows(BadInputException.class, r::run).getMessage();
        assertTrue(!m.contains("\n"), m);
        return m;
    }

    @Test
    void numbersAcceptCommasWithOrWithoutSpacesAndNewlines() {
        assertArrayEquals(new double[] {1, -2.5, 3e-3}, CliValues.numbers("--x", "1,-2.5,3e-3"));
        assertArrayEquals(new double[] {1, 2, 3}, CliValues.numbers("--x", " 1 , 2,\n3 "));
        assertArrayEquals(new double[] {1, 2}, CliValues.numbers("--x", "1 2"));
        assertArrayEquals(new double[] {0.5}, CliValues.numbers("--x", "0.5", 1));
    }

    @Test
    void badNumbersNameOptionTextAndValue() {
        assertEquals("--center: expected numbers separated by commas, got 'a,b' (value 1 'a' is not a number)",
                message(() -> CliValues.numbers("--center", "a,b")));
        assertEquals("--lo: expected numbers separated by commas, got '0,x' (value 2 'x' is not a number)",
                message(() -> CliValues.numbers("--lo", "0,x", 2)));
        assertEquals("--x: expected numbers separated by commas, got '1,,2' (value 2 '' is not a number)",
                message(() -> CliValues.numbers("--x", "1,,2")));
        assertEquals("--x: expected numbers separated by commas, got '1,NaN' (value 2 'NaN' is not finite)",
                message(() -> CliValues.numbers("--x", "1,NaN")));
        assertEquals("--x: expected numbers separated by commas, got '1e309' (value 1 '1e309' is not finite)",
                message(() -> CliValues.numbers("--x", "1e309")));
        assertEquals("--x: expected numbers separated by commas, got ''", message(() -> CliValues.numbers("--x", " ")));
        assertEquals("--input: expected 3 numbers separated by commas, got 2: '1,2'",
                message(() -> CliValues.numbers("--input", "1,2", 3)));
    }

    @Test
    void integersAndIndexLists() {
        assertArrayEquals(new int[] {2, 32, 2}, CliValues.integers("--layers", "2, 32,2"));
        assertArrayEquals(new int[] {0, 1}, CliValues.integers("--logit-diff", "0,1", 2));
        assertEquals("--layers: expected integers separated by commas, got '2,1.5' (value 2 '1.5' is not an integer)",
                message(() -> CliValues.integers("--layers", "2,1.5")));
        assertEquals("--logit-diff: expected 2 integers separated by commas, got 3: '0,1,2'",
                message(() -> CliValues.integers("--logit-diff", "0,1,2", 2)));
        assertEquals(2, CliValues.index("--target", 2, 3));
        assertEquals("--target: 3 out of range [0, 3)", message(() -> CliValues.index("--target", 3, 3)));
        assertEquals("--source: -1 out of range [0, 3)", message(() -> CliValues.index("--source", -1, 3)));
    }

    @Test
    void boxNeedsBothCornersInOrder() {
        double[][] b = CliValues.box("0,-1", "1,1", 2);
        assertArrayEquals(new double[] {0, -1}, b[0]);
        assertArrayEquals(new double[] {1, 1}, b[1]);
        assertEquals("--lo and --hi must be given together", message(() -> CliValues.box("0,0", null, 2)));
        assertEquals("--lo/--hi: component 1 has lo 2.0 > hi 1.0", message(() -> CliValues.box("0,2", "1,1", 2)));
        assertEquals("--hi: expected 2 numbers separated by commas, got 1: '1'", message(() -> CliValues.box("0,0", "1", 2)));
    }

    @Test
    void choicesAreCaseInsensitiveAndListedInOrder() {
        assertEquals("b", CliValues.choice("--norm", "LINF", Map.entry("l1", "a"), Map.entry("linf", "b")));
        assertEquals("--norm: expected l1 or linf, got 'l3'",
                message(() -> CliValues.choice("--norm", "l3", Map.entry("l1", 1), Map.entry("linf", 2))));
        assertEquals("--big-m: expected constant, interval or symbolic, got 'x'", message(() -> CliValues.choice("--big-m", "x",
                Map.entry("constant", 0), Map.entry("interval", 1), Map.entry("symbolic", 2))));
        assertEquals(Integer.valueOf(7), CliValues.parsed("--n", "7", Integer::valueOf, "an integer"));
        assertEquals("--n: expected an integer, got 'seven'", message(() -> CliValues.parsed("--n", "seven", Integer::parseInt, "an integer")));
    }

    @Test
    void rangeChecksLetAbsentOptionsPass() {
        assertDoesNotThrow(() -> {
            CliValues.positive("--t", null);
            CliValues.positive("--t", Double.POSITIVE_INFINITY);
            CliValues.nonNegative("--gap", 0.0);
            CliValues.nonNegativeFinite("--step", 0.0);
            CliValues.positiveFinite("--alpha", 2.0);
            CliValues.atLeast("--threads", (Integer) null, 1);
            CliValues.atLeast("--memory-limit", 1L, 1);
        });
        assertEquals("--time-limit must be positive, got 0.0", message(() -> CliValues.positive("--time-limit", 0.0)));
        assertEquals("--time-limit must be positive, got NaN", message(() -> CliValues.positive("--time-limit", Double.NaN)));
        assertEquals("--alpha must be positive and finite, got Infinity",
                message(() -> CliValues.positiveFinite("--alpha", Double.POSITIVE_INFINITY)));
        assertEquals("--gap must be non-negative, got -1.0", message(() -> CliValues.nonNegative("--gap", -1.0)));
        assertEquals("--step must be finite and non-negative, got Infinity",
                message(() -> CliValues.nonNegativeFinite("--step", Double.POSITIVE_INFINITY)));
        assertEquals("--threads must be at least 1, got 0", message(() -> CliValues.atLeast("--threads", 0, 1)));
    }

    @Test
    void networksAreReadOrRejectedInOneLine(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("n.json");
        JsonNetworkFormat.write(MlpTrainer.heInitialized(new int[] {2, 3, 1}, 1), json);
        assertEquals(2, CliNetworks.read(json).inputSize());
        CliNetworks.Bounded b = CliNetworks.readWithBounds(json);
        assertEquals(null, b.lower());
        assertEquals("the network has no input bounds: give --lo and --hi", message(() -> CliNetworks.inputBox(b, null, null)));
        assertArrayEquals(new double[] {1, 1}, CliNetworks.inputBox(b, "0,0", "1,1")[1]);
        Path acas = Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn/acasxu/ACASXU_run2a_1_1_batch_2000.nnet");
        CliNetworks.Bounded nnet = CliNetworks.readWithBounds(acas);
        assertEquals(5, nnet.lower().length);
        assertArrayEquals(nnet.upper(), CliNetworks.inputBox(nnet, null, null)[1]);
        Path broken = Files.writeString(dir.resolve("broken.nnet"), "1,1,1,\n");
        assertTrue(message(() -> {
            try {
                CliNetworks.read(broken);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).contains("broken.nnet"));
        assertTrue(message(() -> {
            try {
                CliNetworks.readWithBounds(broken);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).contains("broken.nnet"));
    }
}
