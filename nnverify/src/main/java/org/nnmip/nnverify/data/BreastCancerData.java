package org.nnmip.nnverify.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.train.Dataset;

/**
 * The original Wisconsin breast cancer data (W. H. Wolberg, UCI Machine Learning Repository, CC BY 4.0): nine
 * cytology attributes, each an integer 1…10, and the diagnosis (file class 2 = benign → 0, 4 = malignant → 1).
 * Rows with a missing value ({@code ?}, 16 rows of bare nuclei in the original 699) are skipped, not imputed, and
 * counted in {@link #skippedRows()}: imputing would put non-data points into the set the inverse problems start from.
 */
public final class BreastCancerData {
    /** Classpath location of the shipped copy (nnverify's resources, from {@code testdata/datasets}). */
    public static final String RESOURCE = "/datasets/breast-cancer-wisconsin.csv";
    public static final List<String> ATTRIBUTES = List.of("clump thickness", "uniformity of cell size",
            "uniformity of cell shape", "marginal adhesion", "single epithelial cell size", "bare nuclei",
            "bland chromatin", "normal nucleoli", "mitoses");
    /** Short column names as in the file. */
    public static final List<String> COLUMNS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i");
    public static final int MIN_VALUE = 1;
    public static final int MAX_VALUE = 10;
    public static final int BENIGN = 0;
    public static final int MALIGNANT = 1;

    private final long[] ids;
    private final int[][] features;
    private final int[] labels;
    private final int skippedRows;

    private BreastCancerData(long[] ids, int[][] features, int[] labels, int skippedRows) {
        this.ids = ids;
        this.features = features;
        this.labels = labels;
        this.skippedRows = skippedRows;
    }

    /** The shipped copy, read from the classpath (works from any working directory). */
    public static BreastCancerData load() {
        try (InputStream in = BreastCancerData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("classpath resource " + RESOURCE + " is missing (nnverify resources)");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSV in the UCI layout {@code id,a…i,class} (a header line is optional). */
    public static BreastCancerData read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    static BreastCancerData parse(BufferedReader r, String source) throws IOException {
        List<Long> ids = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int skipped = 0;
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            if (lineNo == 1 && !f[0].strip().matches("\\d+")) continue; // header
            if (f.length != 11) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": expected 11 fields (id, 9 attributes, class), got " + f.length);
            }
            long id = parseLong(f[0].strip(), source, lineNo, "id");
            int[] x = new int[9];
            boolean missing = false;
            for (int k = 0; k < 9; k++) {
                String v = f[k + 1].strip();
                if (v.equals("?")) {
                    missing = true;
                    continue;
                }
                x[k] = (int) parseLong(v, source, lineNo, COLUMNS.get(k));
                if (x[k] < MIN_VALUE || x[k] > MAX_VALUE) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ", field " + COLUMNS.get(k) + ": value " + x[k]
                            + " outside " + MIN_VALUE + ".." + MAX_VALUE);
                }
            }
            String c = f[10].strip();
            int label = switch (c) {
                case "2" -> BENIGN;
                case "4" -> MALIGNANT;
                default -> throw new IllegalArgumentException(source + " line " + lineNo + ", field class: expected 2 or 4, got '" + c + "'");
            };
            if (missing) {
                skipped++;
                continue;
            }
            ids.add(id);
            rows.add(x);
            labels.add(label);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(source + ": no complete data rows");
        return new BreastCancerData(ids.stream().mapToLong(Long::longValue).toArray(), rows.toArray(int[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), skipped);
    }

    private static long parseLong(String v, String source, int line, String field) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ", field " + field + ": not an integer: '" + v + "'");
        }
    }

    /** Complete samples kept. */
    public int size() { return labels.length; }
    /** Rows skipped for a missing value. */
    public int skippedRows() { return skippedRows; }
    public long id(int i) { return ids[i]; }
    public int label(int i) { return labels[i]; }
    public int[] features(int i) { return features[i].clone(); }

    /** Sample i's attributes as network input (the raw integers 1…10, unscaled, so integrality carries over). */
    public double[] input(int i) {
        double[] x = new double[features[i].length];
        for (int k = 0; k < x.length; k++) x[k] = features[i][k];
        return x;
    }

    public int count(int label) {
        int n = 0;
        for (int l : labels) if (l == label) n++;
        return n;
    }

    /** One-hot classification data (2 classes) for the trainer. */
    public Dataset dataset() {
        double[][] x = new double[size()][];
        for (int i = 0; i < x.length; i++) x[i] = input(i);
        return Dataset.classification(x, labels, 2);
    }

    /** The samples at these positions, in this order. */
    public BreastCancerData subset(int[] rows) {
        long[] id = new long[rows.length];
        int[][] x = new int[rows.length][];
        int[] y = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            id[k] = ids[rows[k]];
            x[k] = features[rows[k]].clone();
            y[k] = labels[rows[k]];
        }
        return new BreastCancerData(id, x, y, 0);
    }

    /** A seeded random split: {@code trainCount} samples for training, the rest for testing. Same seed, same split. */
    public Split split(int trainCount, long seed) {
        if (trainCount < 1 || trainCount >= size()) {
            throw new IllegalArgumentException("train count must be in 1.." + (size() - 1) + ", got " + trainCount);
        }
        int[] p = new int[size()];
        for (int i = 0; i < p.length; i++) p[i] = i;
        Random rnd = new Random(seed);
        for (int i = p.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return new Split(subset(java.util.Arrays.copyOfRange(p, 0, trainCount)), subset(java.util.Arrays.copyOfRange(p, trainCount, p.length)));
    }

    public record Split(BreastCancerData train, BreastCancerData test) { }
}
