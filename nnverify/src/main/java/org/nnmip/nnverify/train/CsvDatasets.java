package org.nnmip.nnverify.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nnmip.nnverify.io.AtomicFile;

/**
 * Datasets from comma-separated files. The first line is a header when none of its fields is a number; blank lines are skipped; fields may be double-quoted
 * ({@code ""} inside quotes is a quote). Numbers are plain decimals ({@code -1.5e-3}); NaN and infinities are refused.
 * Errors are {@link DatasetFormatException}s {@code FILE:LINE:COLUMN: reason}.
 */
public final class CsvDatasets {
    /**
     * A dataset read from a file.
     *
     * @param header  the column names, or empty when the file has no header row
     * @param classes for classification, the label values in class order (class i is {@code classes.get(i)}); empty
     *                for regression
     */
    public record Loaded(Dataset data, List<String> header, List<String> classes) {
        public Loaded {
            header = List.copyOf(header);
            classes = List.copyOf(classes);
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CsvDatasets() { }

    /** Regression data: the last {@code targetColumns} columns are the targets, the others the inputs. */
    public static Loaded regression(Path file, int targetColumns) throws IOException, DatasetFormatException {
        if (targetColumns < 1) throw new IllegalArgumentException("target columns must be at least 1, got " + targetColumns);
        Table t = Table.read(file);
        int width = t.width();
        if (targetColumns >= width) {
            throw DatasetFormatException.inFile(file, targetColumns + " target column(s) leave no input column: the file has "
                    + width + " column(s)");
        }
        int n = t.rows.size();
        double[][] x = new double[n][width - targetColumns];
        double[][] y = new double[n][targetColumns];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                double v = t.number(i, j);
                if (j < width - targetColumns) x[i][j] = v;
                else y[i][j - (width - targetColumns)] = v;
            }
        }
        return new Loaded(new Dataset(x, y), t.header, List.of());
    }

    /**
     * Classification data: {@code labelColumn} names the label column (a header name, or a 0-based index; negative
     * counts from the end, -1 is the last column), every other column is an input. The distinct labels, sorted
     * (numerically when all are numbers, else as text), become classes 0..k-1.
     */
    public static Loaded classification(Path file, String labelColumn) throws IOException, DatasetFormatException {
        return classification(file, labelColumn, null);
    }

    /**
     * Classification data with a given class list (e.g. test data read with the training data's classes): a label
     * outside {@code classes} is an error.
     */
    public static Loaded classification(Path file, String labelColumn, List<String> classes)
            throws IOException, DatasetFormatException {
        Integer index = parseIndex(labelColumn);
        Table t = Table.read(file);
        int width = t.width();
        int label = labelIndex(file, t, labelColumn, index);
        if (width < 2) throw DatasetFormatException.inFile(file, "a label column and at least one input column are needed, the file has 1 column");
        int n = t.rows.size();
        double[][] x = new double[n][width - 1];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int j = 0; j < width; j++) if (j != label) x[i][c++] = t.number(i, j);
        }
        Classes k = classes == null ? Classes.of(file, t, label) : Classes.given(classes);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = k.indexOf(file, t, i, label);
        return new Loaded(Dataset.classification(x, labels, k.names.size()), t.header, k.names);
    }

    /** Writes inputs then targets as columns {@code x1..xn,y1..ym} with a header; doubles read back exactly. */
    public static void write(Dataset data, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < data.inputSize(); j++) sb.append(j == 0 ? "" : ",").append('x').append(j + 1);
        for (int j = 0; j < data.targetSize(); j++) sb.append(",y").append(j + 1);
        sb.append('\n');
        for (int i = 0; i < data.size(); i++) {
            appendRow(sb, data.inputRow(i));
            for (double v : data.targetRow(i)) sb.append(',').append(v);
            sb.append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    /** Writes inputs and the class of each sample as columns {@code x1..xn,label}; read back with label column "label". */
    public static void writeLabeled(Dataset data, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < data.inputSize(); j++) sb.append('x').append(j + 1).append(',');
        sb.append("label\n");
        for (int i = 0; i < data.size(); i++) {
            appendRow(sb, data.inputRow(i));
            sb.append(',').append(data.label(i)).append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    private static void appendRow(StringBuilder sb, double[] row) {
        for (int j = 0; j < row.length; j++) sb.append(j == 0 ? "" : ",").append(row[j]);
    }

    private static Integer parseIndex(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int labelIndex(Path file, Table t, String name, Integer index) throws DatasetFormatException {
        int width = t.width();
        if (!t.header.isEmpty()) {
            int named = t.header.indexOf(name);
            if (named >= 0) return named;
        }
        if (index == null) {
            if (t.header.isEmpty()) throw DatasetFormatException.inFile(file, "no header row, so the label column '" + name + "' cannot be found by name");
            throw DatasetFormatException.at(file, t.headerLine, 1, "no column named '" + name + "' in the header " + t.header);
        }
        int i = index < 0 ? width + index : index;
        if (i < 0 || i >= width) {
            throw DatasetFormatException.inFile(file, "label column index " + index + " is outside the " + width + " columns (0.." + (width - 1) + ")");
        }
        return i;
    }

    /** Label values and their class numbers; numeric labels compare by value ("1" and "1.0" are one class). */
    private record Classes(List<String> names, boolean numeric, Map<Object, Integer> index) {
        static Classes of(Path file, Table t, int label) throws DatasetFormatException {
            boolean numeric = true;
            Map<Object, String> first = new LinkedHashMap<>();
            for (int i = 0; i < t.rows.size(); i++) {
                String s = t.label(file, i, label);
                if (!NUMBER.matcher(s).matches()) numeric = false;
            }
            for (int i = 0; i < t.rows.size(); i++) {
                String s = t.rows.get(i)[label];
                first.putIfAbsent(numeric ? (Object) numericKey(s) : s, s);
            }
            List<Object> keys = new ArrayList<>(first.keySet());
            keys.sort((a, b) -> a instanceof Double da ? Double.compare(da, (Double) b) : ((String) a).compareTo((String) b));
            List<String> names = new ArrayList<>();
            Map<Object, Integer> index = new HashMap<>();
            for (Object k : keys) {
                index.put(k, names.size());
                names.add(first.get(k));
            }
            return new Classes(names, numeric, index);
        }

        static Classes given(List<String> names) {
            boolean numeric = names.stream().allMatch(s -> NUMBER.matcher(s).matches());
            Map<Object, Integer> index = new HashMap<>();
            for (String s : names) index.put(numeric ? (Object) numericKey(s) : s, index.size());
            return new Classes(List.copyOf(names), numeric, index);
        }

        int indexOf(Path file, Table t, int row, int label) throws DatasetFormatException {
            String s = t.label(file, row, label);
            Object key = s;
            if (numeric) key = NUMBER.matcher(s).matches() ? numericKey(s) : null;
            Integer k = key == null ? null : index.get(key);
            if (k == null) throw t.error(file, row, label, "label '" + s + "' is not one of the classes " + names);
            return k;
        }
    }

    /** Numeric labels compare by value; adding 0.0 turns -0.0 into 0.0, which {@link Double#equals} tells apart. */
    private static Double numericKey(String s) {
        return Double.parseDouble(s) + 0.0;
    }

    /** The raw fields of a CSV file, with the line number of every row. */
    private static final class Table {
        final Path file;
        List<String> header = List.of();
        int headerLine;
        final List<String[]> rows = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();

        private Table(Path file) {
            this.file = file;
        }

        int width() {
            return rows.getFirst().length;
        }

        static Table read(Path file) throws IOException, DatasetFormatException {
            Table t = new Table(file);
            int expected = -1;
            int firstLine = -1;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int no = 0;
                while ((line = in.readLine()) != null) {
                    no++;
                    if (no == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                    if (line.isBlank()) continue;
                    String[] fields = split(file, line, no);
                    if (expected < 0) {
                        expected = fields.length;
                        firstLine = no;
                        if (looksLikeHeader(fields)) {
                            t.header = List.of(fields);
                            t.headerLine = no;
                            continue;
                        }
                    } else if (fields.length != expected) {
                        String where = firstLine == t.headerLine ? "the header" : "line " + firstLine;
                        throw DatasetFormatException.at(file, no, Math.min(fields.length, expected) + 1,
                                "expected " + expected + " columns as in " + where + ", found " + fields.length);
                    }
                    t.rows.add(fields);
                    t.lines.add(no);
                }
                if (expected < 0) throw DatasetFormatException.at(file, Math.max(no, 1), 1, "empty file: no header and no data rows");
                if (t.rows.isEmpty()) throw DatasetFormatException.at(file, no + 1, 1, "no data rows after the header");
            } catch (CharacterCodingException e) {
                throw DatasetFormatException.inFile(file, "not a UTF-8 text file");
            }
            return t;
        }

        /** A header has no numeric field; a data row has at least one (its inputs), even next to a text label. */
        private static boolean looksLikeHeader(String[] fields) {
            for (String f : fields) if (NUMBER.matcher(f).matches() || NON_FINITE.matcher(f).matches()) return false;
            return true;
        }

        double number(int row, int col) throws DatasetFormatException {
            String s = rows.get(row)[col];
            if (NUMBER.matcher(s).matches()) return Double.parseDouble(s);
            if (NON_FINITE.matcher(s).matches()) throw error(file, row, col, "non-finite value '" + s + "' in column " + columnName(col));
            if (s.isEmpty()) throw error(file, row, col, "empty field in column " + columnName(col) + ", expected a number");
            throw error(file, row, col, "expected a number in column " + columnName(col) + ", found '" + s + "'");
        }

        String label(Path file, int row, int col) throws DatasetFormatException {
            String s = rows.get(row)[col];
            if (s.isEmpty()) throw error(file, row, col, "empty label");
            if (NON_FINITE.matcher(s).matches()) throw error(file, row, col, "non-finite label '" + s + "'");
            return s;
        }

        private String columnName(int col) {
            return header.isEmpty() ? String.valueOf(col + 1) : "'" + header.get(col) + "'";
        }

        DatasetFormatException error(Path file, int row, int col, String what) {
            return DatasetFormatException.at(file, lines.get(row), col + 1, what);
        }

        /** Splits one line at commas outside double quotes; fields are stripped of surrounding blanks. */
        private static String[] split(Path file, String line, int no) throws DatasetFormatException {
            List<String> out = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        f.append(c);
                    }
                } else if (c == '"' && f.toString().isBlank()) {
                    quoted = true;
                    wasQuoted = true;
                    f.setLength(0);
                } else if (c == ',') {
                    out.add(wasQuoted ? f.toString() : f.toString().strip());
                    f.setLength(0);
                    wasQuoted = false;
                } else if (!(wasQuoted && Character.isWhitespace(c))) {
                    f.append(c);
                }
            }
            if (quoted) throw DatasetFormatException.at(file, no, out.size() + 1, "unterminated quoted field");
            out.add(wasQuoted ? f.toString() : f.toString().strip());
            return out.toArray(String[]::new);
        }
    }
}
