package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.io.NnetReader;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.train.CsvDatasets;
import org.nnmip.nnverify.train.Dataset;
import org.nnmip.nnverify.train.Loss;
import org.nnmip.nnverify.train.MagnitudePruning;
import org.nnmip.nnverify.train.MlpTrainer;

/** {@code nnmip train} end to end: CSV in, network file out, read back and re-measured; bad input is exit 2. */
class TrainCommandTest {
    @TempDir
    Path dir;

    /** y = sin(x1) + x2^2 on [-1,1]^2, with a header. */
    private Path regressionCsv(String name, int n, long seed) throws IOException {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < n; i++) {
            double a = 2 * rnd.nextDouble() - 1;
            double b = 2 * rnd.nextDouble() - 1;
            sb.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", a, b, Math.sin(a) + b * b));
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    /** Two text classes split by the circle |x| = 0.6; label in the middle column. */
    private Path circlesCsv(String name, int n, long seed) throws IOException {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("x1,kind,x2\n");
        for (int i = 0; i < n; i++) {
            double a = 2 * rnd.nextDouble() - 1;
            double b = 2 * rnd.nextDouble() - 1;
            sb.append(String.format(Locale.ROOT, "%.6f,%s,%.6f%n", a, Math.hypot(a, b) < 0.6 ? "inner" : "outer", b));
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private static JsonNode json(InverseCommandsTest.Run r) throws IOException {
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void regressionTrainsAndTheWrittenNetworkHasTheReportedLoss() throws Exception {
        Path csv = regressionCsv("r.csv", 200, 1);
        Path out = dir.resolve("r.json");
        JsonNode o = json(InverseCommandsTest.run("train", "--data", csv.toString(), "--layers", "2,16,1", "--epochs", "30",
                "--lr", "0.01", "--out", out.toString(), "--json"));
        Network net = NetworkFiles.read(out);
        assertEquals(2, net.inputSize());
        assertEquals(1, net.outputSize());
        assertEquals(out.toString(), o.get("output").asText());
        assertEquals("json", o.get("format").asText());
        JsonNode curve = o.get("lossCurve");
        assertEquals(30, curve.size());
        assertTrue(curve.get(29).asDouble() < curve.get(0).asDouble() / 3, curve.toString());
        Dataset data = CsvDatasets.regression(csv, 1).data();
        assertEquals(MlpTrainer.loss(net, data, Loss.MSE), o.get("train").get("loss").asDouble());
        assertTrue(o.get("train").get("loss").asDouble() < 0.05, o.toString());
        assertFalse(o.get("train").has("accuracy"));

        InverseCommandsTest.Run text = InverseCommandsTest.run("train", "--data", csv.toString(), "--layers", "2,8,1", "--epochs", "20",
                "--out", dir.resolve("t.nnet").toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("epoch 2/20  loss ") && text.out().contains("epoch 20/20  loss "), text.out());
        assertTrue(text.out().contains("train: loss ") && text.out().contains("wrote "), text.out());
        // .nnet records the training data's range as the input box, with identity normalisation.
        var nnet = NnetReader.read(dir.resolve("t.nnet"));
        double[][] x = data.inputs();
        for (int j = 0; j < 2; j++) {
            final int c = j;
            assertEquals(Stream.of(x).mapToDouble(r -> r[c]).min().orElseThrow(), nnet.inputMins()[j]);
            assertEquals(Stream.of(x).mapToDouble(r -> r[c]).max().orElseThrow(), nnet.inputMaxes()[j]);
        }
    }

    @Test
    void classificationWithTestDataReportsAccuracyOfTheWrittenNetwork() throws Exception {
        Path csv = circlesCsv("c.csv", 300, 2);
        Path test = circlesCsv("test.csv", 100, 3);
        Path out = dir.resolve("c.onnx");
        JsonNode o = json(InverseCommandsTest.run("train", "--data", csv.toString(), "--label-column", "kind", "--layers", "2,16,2",
                "--epochs", "40", "--lr", "0.01", "--batch", "16", "--test-data", test.toString(), "--out", out.toString(), "--json"));
        assertEquals("ce", o.get("loss").asText());
        assertEquals("[\"inner\",\"outer\"]", o.get("classes").toString());
        Network net = NetworkFiles.read(out);
        Dataset train = CsvDatasets.classification(csv, "kind").data();
        Dataset testData = CsvDatasets.classification(test, "kind", List.of("inner", "outer")).data();
        assertEquals(MlpTrainer.accuracy(net, train), o.get("train").get("accuracy").asDouble());
        assertEquals(MlpTrainer.accuracy(net, testData), o.get("test").get("accuracy").asDouble());
        assertEquals(MlpTrainer.loss(net, testData, Loss.CROSS_ENTROPY), o.get("test").get("loss").asDouble());
        assertTrue(o.get("train").get("accuracy").asDouble() > 0.85, o.toString());
        assertTrue(o.get("test").get("accuracy").asDouble() > 0.8, o.toString());

        InverseCommandsTest.Run text = InverseCommandsTest.run("train", "--data", csv.toString(), "--label-column", "1", "--layers", "2,4,2",
                "--epochs", "2", "--out", dir.resolve("c.json").toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("classes: 0 = inner, 1 = outer"), text.out());
        assertTrue(text.out().contains("accuracy "), text.out());
    }

    @Test
    void pruningKeepsTheRequestedSparsityThroughFineTuning() throws Exception {
        Path csv = regressionCsv("p.csv", 100, 4);
        Path out = dir.resolve("p.nnet");
        JsonNode o = json(InverseCommandsTest.run("train", "--data", csv.toString(), "--layers", "2,10,10,1", "--epochs", "10",
                "--prune", "0.6", "--prune-scope", "global", "--finetune-epochs", "5", "--out", out.toString(), "--json"));
        Network net = NetworkFiles.read(out);
        assertEquals(MagnitudePruning.sparsity(net), o.get("sparsity").asDouble());
        // 140 weights, round(0.6 * 140) = 84 zeroed and kept at zero by fine-tuning.
        assertTrue(o.get("sparsity").asDouble() >= 84 / 140.0, o.toString());
        assertEquals(5, o.get("finetuneLossCurve").size());
        assertEquals(10, o.get("lossCurve").size());
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws Exception {
        Path csv = circlesCsv("d.csv", 80, 5);
        for (String ext : new String[] {"json", "nnet", "onnx"}) {
            byte[][] bytes = new byte[3][];
            for (int k = 0; k < 3; k++) {
                Path out = dir.resolve("d" + k + "." + ext);
                InverseCommandsTest.Run r = InverseCommandsTest.run("train", "--data", csv.toString(), "--label-column", "kind",
                        "--layers", "2,6,2", "--epochs", "5", "--l2", "0.001", "--fgsm", "0.01", "--prune", "0.3", "--finetune-epochs", "2",
                        "--seed", k < 2 ? "7" : "8", "--out", out.toString());
                assertEquals(0, r.exit(), r.err());
                bytes[k] = Files.readAllBytes(out);
            }
            assertArrayEquals(bytes[0], bytes[1], ext);
            assertFalse(java.util.Arrays.equals(bytes[0], bytes[2]), ext + ": another seed gives another network");
        }
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() throws Exception {
        Path csv = regressionCsv("ok.csv", 20, 6);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "x1,x2,y\n1,2,3\n4,five,6\n");
        Path out = dir.resolve("net.json");
        String d = csv.toString();
        String o = out.toString();
        assertBad("missing.csv: no such file", "--data", dir.resolve("missing.csv").toString(), "--layers", "2,1", "--out", o);
        assertBad("bad.csv:3:2: expected a number in column 'x2', found 'five' (class labels need --label-column)", "--data", bad.toString(), "--layers", "2,1", "--out", o);
        assertBad("--layers 3,4,1: input size 3 but " + d + " has 2 input column(s)", "--data", d, "--layers", "3,4,1", "--out", o);
        assertBad("--layers 1,4,1: input size 1 but " + d + " has 2 input column(s)", "--data", d, "--layers", "1,4,1", "--out", o);
        assertBad("ok.csv: 3 target column(s) leave no input column: the file has 3 column(s)", "--data", d, "--layers", "1,4,3", "--out", o);
        assertBad("--layers 2,4,2: output size 2 but " + d + " has 1 target column(s)", "--data", d, "--layers", "2,4,2", "--targets", "1", "--out", o);
        assertBad("--layers: expected integers separated by commas, got '2,x' (value 2 'x' is not an integer)", "--data", d, "--layers", "2,x", "--out", o);
        assertBad("--layers 2: expected at least an input and an output size", "--data", d, "--layers", "2", "--out", o);
        assertBad("unknown extension, expected .json, .nnet or .onnx", "--data", d, "--layers", "2,1", "--out", dir.resolve("n.txt").toString());
        assertBad("does not exist", "--data", d, "--layers", "2,1", "--out", dir.resolve("no/such/n.json").toString());
        assertBad("--prune: sparsity must be in [0, 1], got 1.5", "--data", d, "--layers", "2,1", "--prune", "1.5", "--out", o);
        assertBad("--prune: sparsity must be in [0, 1], got -0.1", "--data", d, "--layers", "2,1", "--prune", "-0.1", "--out", o);
        assertBad("--prune-scope needs --prune", "--data", d, "--layers", "2,1", "--prune-scope", "global", "--out", o);
        assertBad("--prune-scope: expected layer or global, got 'all'", "--data", d, "--layers", "2,1", "--prune", "0.5", "--prune-scope", "all", "--out", o);
        assertBad("--targets and --label-column exclude each other", "--data", d, "--layers", "2,1", "--targets", "1", "--label-column", "y", "--out", o);
        assertBad("--loss: expected mse, ce or cross-entropy, got 'hinge'", "--data", d, "--layers", "2,1", "--loss", "hinge", "--out", o);
        assertBad("--optimizer: expected adam or sgd, got 'rmsprop'", "--data", d, "--layers", "2,1", "--optimizer", "rmsprop", "--out", o);
        assertBad("--lr must be positive", "--data", d, "--layers", "2,1", "--lr", "0", "--out", o);
        assertBad("--batch must be at least 1", "--data", d, "--layers", "2,1", "--batch", "0", "--out", o);
        assertBad("missing --data", "--layers", "2,1", "--out", o);
        assertBad("missing --out", "--data", d, "--layers", "2,1");
        assertBad("test.csv:2:3: expected 3 columns as in the header, found 2", "--data", d, "--layers", "2,1", "--out", o,
                "--test-data", Files.writeString(dir.resolve("test.csv"), "x1,x2,y\n1,2\n").toString());
        assertBad("training diverged", "--data", d, "--layers", "2,4,1", "--optimizer", "sgd", "--lr", "1e200", "--out", o);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith("net.json") || n.startsWith("n.") || n.endsWith(".tmp")), names.toString());
        }
    }

    @Test
    void labelsUnseenInTrainingAreRefusedInTestData() throws Exception {
        Path csv = circlesCsv("c.csv", 20, 8);
        Path test = Files.writeString(dir.resolve("u.csv"), "x1,kind,x2\n0.1,inner,0.2\n0.3,middle,0.1\n");
        assertBad("u.csv:3:2: label 'middle' is not one of the classes [inner, outer]", "--data", csv.toString(), "--label-column", "kind",
                "--layers", "2,2", "--test-data", test.toString(), "--out", dir.resolve("x.json").toString());
        assertBad("--layers 2,3: output size 3 but " + csv + " has 2 classes [inner, outer]", "--data", csv.toString(),
                "--label-column", "kind", "--layers", "2,3", "--out", dir.resolve("x.json").toString());
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    private static void assertBad(String expected, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "train";
        System.arraycopy(args, 0, full, 1, args.length);
        InverseCommandsTest.Run r = InverseCommandsTest.run(full);
        assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertNotEquals("", r.err().strip());
    }
}
