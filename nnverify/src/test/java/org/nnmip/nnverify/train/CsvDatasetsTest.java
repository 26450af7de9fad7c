package org.nnmip.nnverify.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetsTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void regressionWithHeaderBlankLinesQuotesAndBom() throws Exception {
        Path f = csv("r.csv", "\uFEFFx1, \"x,2\" ,y\n1,2,3\n\n -0.5 ,\"1e-3\",+4\r\n.5,6.,-7E2\n");
        CsvDatasets.Loaded d = CsvDatasets.regression(f, 1);
        assertEquals(List.of("x1", "x,2", "y"), d.header());
        assertEquals(List.of(), d.classes());
        assertArrayEquals(new double[][] {{1, 2}, {-0.5, 1e-3}, {0.5, 6}}, d.data().inputs());
        assertArrayEquals(new double[][] {{3}, {4}, {-700}}, d.data().targets());
    }

    @Test
    void regressionWithoutHeaderAndSeveralTargets() throws Exception {
        Path f = csv("r.csv", "1,2,3\n4,5,6\n");
        CsvDatasets.Loaded d = CsvDatasets.regression(f, 2);
        assertEquals(List.of(), d.header());
        assertArrayEquals(new double[][] {{1}, {4}}, d.data().inputs());
        assertArrayEquals(new double[][] {{2, 3}, {5, 6}}, d.data().targets());
    }

    @Test
    void classificationByNameSortsNumericLabelsByValue() throws Exception {
        Path f = csv("c.csv", "a,label,b\n1,10,2\n3,2,4\n5,2.0,6\n7,-1,8\n9,-0,1\n1,0.0,2\n");
        CsvDatasets.Loaded d = CsvDatasets.classification(f, "label");
        assertEquals(List.of("-1", "-0", "2", "10"), d.classes());
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 1}, {1, 2}}, d.data().inputs());
        int[] labels = new int[6];
        for (int i = 0; i < 6; i++) labels[i] = d.data().label(i);
        assertArrayEquals(new int[] {3, 2, 2, 0, 1, 1}, labels);
        assertEquals(4, d.data().targetSize());
    }

    @Test
    void classificationByIndexWithTextLabels() throws Exception {
        Path f = csv("c.csv", "0.1,0.2,dog\n0.3,0.4,cat\n0.5,0.6,dog\n");
        for (String col : new String[] {"2", "-1"}) {
            CsvDatasets.Loaded d = CsvDatasets.classification(f, col);
            assertEquals(List.of(), d.header());
            assertEquals(List.of("cat", "dog"), d.classes());
            assertEquals(1, d.data().label(0));
            assertEquals(0, d.data().label(1));
        }
        Path first = csv("first.csv", "y,x\ncat,1\ndog,2\n");
        CsvDatasets.Loaded d = CsvDatasets.classification(first, "0");
        assertArrayEquals(new double[][] {{1}, {2}}, d.data().inputs());
    }

    @Test
    void givenClassesMapTestLabelsAndRefuseUnseenOnes() throws Exception {
        Path f = csv("t.csv", "x,y\n1,10.0\n2,2\n");
        CsvDatasets.Loaded d = CsvDatasets.classification(f, "y", List.of("2", "10"));
        assertEquals(1, d.data().label(0));
        assertEquals(0, d.data().label(1));
        assertEquals(2, d.data().targetSize());
        Path bad = csv("u.csv", "x,y\n1,2\n2,7\n");
        assertError("u.csv:3:2: label '7' is not one of the classes [2, 10]",
                () -> CsvDatasets.classification(bad, "y", List.of("2", "10")));
    }

    @Test
    void errorsGiveFileLineAndColumn() throws Exception {
        assertError("e.csv:3:2: expected a number in column 'b', found 'abc'",
                () -> CsvDatasets.regression(csv("e.csv", "a,b,c\n1,2,3\n4,abc,6\n"), 1));
        assertError("e.csv:2:3: expected a number in column 3, found 'x'",
                () -> CsvDatasets.regression(csv("e.csv", "1,2,3\n4,5,x\n"), 1));
        assertError("e.csv:4:4: expected 3 columns as in the header, found 4",
                () -> CsvDatasets.regression(csv("e.csv", "a,b,c\n1,2,3\n\n4,5,6,7\n"), 1));
        assertError("e.csv:2:3: expected 3 columns as in line 1, found 2",
                () -> CsvDatasets.regression(csv("e.csv", "1,2,3\n4,5\n"), 1));
        assertError("e.csv:1:1: empty file: no header and no data rows", () -> CsvDatasets.regression(csv("e.csv", ""), 1));
        assertError("e.csv:3:1: empty file: no header and no data rows", () -> CsvDatasets.regression(csv("e.csv", "\n \n\n"), 1));
        assertError("e.csv:2:1: no data rows after the header", () -> CsvDatasets.regression(csv("e.csv", "a,b\n"), 1));
        assertError("e.csv:2:1: non-finite value 'NaN' in column 'a'",
                () -> CsvDatasets.regression(csv("e.csv", "a,b\nNaN,1\n"), 1));
        assertError("e.csv:3:2: non-finite value '-inf' in column 'b'",
                () -> CsvDatasets.regression(csv("e.csv", "a,b\n0,1\n1,-inf\n"), 1));
        assertError("e.csv:2:2: empty field in column 'b', expected a number",
                () -> CsvDatasets.regression(csv("e.csv", "a,b\n0,\n"), 1));
        assertError("e.csv:1:3: unterminated quoted field",
                () -> CsvDatasets.regression(csv("e.csv", "a,b,\"c\n1,2,3\n"), 1));
        assertError("e.csv: 2 target column(s) leave no input column: the file has 2 column(s)",
                () -> CsvDatasets.regression(csv("e.csv", "a,b\n0,1\n"), 2));
        assertError("e.csv:1:1: no column named 'label' in the header [a, b]",
                () -> CsvDatasets.classification(csv("e.csv", "a,b\n0,1\n"), "label"));
        assertError("e.csv: no header row, so the label column 'label' cannot be found by name",
                () -> CsvDatasets.classification(csv("e.csv", "0,1\n"), "label"));
        assertError("e.csv: label column index 2 is outside the 2 columns (0..1)",
                () -> CsvDatasets.classification(csv("e.csv", "0,1\n"), "2"));
        assertError("e.csv:3:2: empty label", () -> CsvDatasets.classification(csv("e.csv", "a,b\n0,1\n1,\n"), "b"));
        assertError("e.csv:2:2: non-finite label 'nan'", () -> CsvDatasets.classification(csv("e.csv", "a,b\n0,nan\n1,1\n"), "b"));
        assertError("e.csv:2:1: expected a number in column 'a', found 'one'",
                () -> CsvDatasets.classification(csv("e.csv", "a,b\none,1\n1,1\n"), "b"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> CsvDatasets.regression(dir.resolve("missing.csv"), 1));
    }

    @Test
    void writeReadsBackExactly() throws Exception {
        Random rnd = new Random(7);
        double[][] x = new double[20][3];
        double[][] y = new double[20][2];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10);
            for (int j = 0; j < 2; j++) y[i][j] = rnd.nextGaussian();
            labels[i] = rnd.nextInt(3);
        }
        x[0][0] = -0.0;
        x[1][1] = Double.MIN_VALUE;
        Dataset d = new Dataset(x, y);
        Path f = dir.resolve("w.csv");
        CsvDatasets.write(d, f);
        CsvDatasets.Loaded back = CsvDatasets.regression(f, 2);
        assertEquals(List.of("x1", "x2", "x3", "y1", "y2"), back.header());
        assertArrayEquals(d.inputs(), back.data().inputs());
        assertArrayEquals(d.targets(), back.data().targets());

        Dataset c = Dataset.classification(x, labels, 3);
        Path g = dir.resolve("l.csv");
        CsvDatasets.writeLabeled(c, g);
        CsvDatasets.Loaded cb = CsvDatasets.classification(g, "label");
        assertEquals(List.of("0", "1", "2"), cb.classes());
        assertArrayEquals(c.inputs(), cb.data().inputs());
        assertArrayEquals(c.targets(), cb.data().targets());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left behind");
        }
    }

    private static void assertError(String message, org.junit.jupiter.api.function.Executable read) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, read);
        assertEquals(message, e.getMessage());
    }
}
