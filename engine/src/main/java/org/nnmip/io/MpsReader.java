package org.nnmip.io;

import it.unimi.dsi.fastutil.booleans.BooleanArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads fixed or free MPS into a {@link Model}, streaming line by line (gzip-compressed files are recognised by
 * their magic bytes). The dialect follows the IBM CPLEX "MPS file format" reference and HiGHS:
 * <ul>
 * <li>Sections NAME, OBJSENSE (either {@code OBJSENSE MAX} on one line or the value on the next line; MAX,
 *     MAXIMIZE, MIN, MINIMIZE), OBJNAME, ROWS, COLUMNS, RHS, RANGES, BOUNDS, ENDATA (required).</li>
 * <li>ROWS: N/E/L/G. The first N row (or the one OBJNAME names) is the objective; further N rows are dropped
 *     together with their COLUMNS/RHS/RANGES entries (with a warning).</li>
 * <li>COLUMNS: {@code 'MARKER' 'INTORG'} ... {@code 'INTEND'} marks integer columns. <b>Integer columns without
 *     bounds get [0, +inf)</b>, as CPLEX and HiGHS do (some older readers assume [0, 1]).</li>
 * <li>RHS: an RHS entry on the objective row gives the objective constant {@code -value}.</li>
 * <li>RANGES with value R on a row with right-hand side r: L row [r-|R|, r]; G row [r, r+|R|];
 *     E row [r, r+R] if R &gt; 0, [r+R, r] if R &lt; 0, [r, r] if R = 0. Ranges on N rows are ignored.</li>
 * <li>BOUNDS UP/LO/FX/FR/MI/PL/BV/LI/UI. MI leaves the upper bound unchanged; an UP (or UI) bound below zero on
 *     a column whose lower bound is 0 sets the lower bound to -inf with a warning (HiGHS' rule). SC
 *     (semi-continuous) is refused. Only the first RHS, RANGES and BOUNDS set is used.</li>
 * <li>Values of magnitude &gt;= 1e30 in RHS, RANGES and BOUNDS mean infinity; "inf"/"infinity" are accepted.</li>
 * </ul>
 * Fixed MPS takes fields by column position (2-3, 5-12, 15-22, 25-36, 40-47, 50-61), so names may contain
 * spaces; numbers may run past their field. Free MPS splits on white space; in RHS, RANGES and BOUNDS the set
 * name may be omitted. {@link Format#AUTO} parses as free MPS and, if that fails, as fixed MPS; if both fail it
 * reports the error of the parse that got further.
 *
 * <p>Errors are {@link ModelFormatException}s {@code FILE:LINE: message}. An instance is not thread-safe;
 * {@link #warnings()} holds the warnings of the last read.
 */
public final class MpsReader {
    /** How fields are separated. */
    public enum Format { AUTO, FIXED, FREE }

    static final double INFINITY_THRESHOLD = 1e30;

    private final Format format;
    private List<String> warnings = List.of();

    public MpsReader() {
        this(Format.AUTO);
    }

    public MpsReader(Format format) {
        this.format = format;
    }

    /** Reads a file with format auto-detection. */
    public static Model readFile(Path file) throws IOException, ModelFormatException {
        return new MpsReader().read(file);
    }

    /** Warnings of the last read (dropped N rows, negative upper bounds, ignored extra sets, ...). */
    public List<String> warnings() {
        return warnings;
    }

    public Model read(Path file) throws IOException, ModelFormatException {
        String label = file.toString();
        if (format != Format.AUTO) {
            try (BufferedReader r = open(file)) {
                return parse(r, label, format == Format.FIXED);
            }
        }
        ModelFormatException freeError;
        try (BufferedReader r = open(file)) {
            return parse(r, label, false);
        } catch (ModelFormatException e) {
            freeError = e;
        }
        try (BufferedReader r = open(file)) {
            return parse(r, label, true);
        } catch (ModelFormatException fixedError) {
            throw fixedError.line() > freeError.line() ? fixedError : freeError;
        }
    }

    /** Reads from a character stream; {@code fileName} labels error messages. */
    public Model read(Reader in, String fileName) throws IOException, ModelFormatException {
        if (format != Format.AUTO) {
            return parse(new BufferedReader(in, 1 << 16), fileName, format == Format.FIXED);
        }
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) sb.append(buf, 0, n);
        String text = sb.toString();
        ModelFormatException freeError;
        try {
            return parse(new BufferedReader(new StringReader(text)), fileName, false);
        } catch (ModelFormatException e) {
            freeError = e;
        }
        try {
            return parse(new BufferedReader(new StringReader(text)), fileName, true);
        } catch (ModelFormatException fixedError) {
            throw fixedError.line() > freeError.line() ? fixedError : freeError;
        }
    }

    private static BufferedReader open(Path file) throws IOException, ModelFormatException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                in.close();
                throw new ModelFormatException(file.toString(), 0, "corrupt or truncated gzip header ("
                        + (e.getMessage() == null ? "end of file" : e.getMessage()) + ")");
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private Model parse(BufferedReader r, String fileName, boolean fixed) throws IOException, ModelFormatException {
        Parser p = new Parser(fileName, fixed);
        Model m;
        try {
            m = p.run(r);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // Only the gzip stream fails this way: a corrupt or truncated .mps.gz is bad input, not an I/O fault.
            throw new ModelFormatException(fileName, p.lineNo + 1, "corrupt or truncated gzip data ("
                    + (e.getMessage() == null ? "end of file" : e.getMessage()) + ")");
        }
        warnings = List.copyOf(p.warnings);
        return m;
    }

    private enum Section { NONE, NAME, OBJSENSE, OBJNAME, ROWS, COLUMNS, RHS, RANGES, BOUNDS }

    /** One parse of one file. */
    private static final class Parser {
        private static final byte N = 0, E = 1, L = 2, G = 3;

        private final String file;
        private final boolean fixed;
        private final List<String> warnings = new ArrayList<>();
        private long lineNo;
        private Section section = Section.NONE;
        private boolean seenRows, seenColumns;

        private String name = "";
        private ObjectiveSense sense = ObjectiveSense.MINIMIZE;
        private String objectiveName; // from OBJNAME, else the first N row
        private boolean objectiveChosen;
        private double objectiveConstant;
        private boolean objectiveRhsSeen;

        // Rows: index >= 0 for constraint rows; OBJECTIVE and DROPPED for N rows.
        private static final int OBJECTIVE = -1, DROPPED = -2;
        private final Object2IntOpenHashMap<String> rowIndex = new Object2IntOpenHashMap<>();
        private final List<String> rowNames = new ArrayList<>();
        private final IntArrayList rowTypes = new IntArrayList();
        private final IntArrayList lastColumnOfRow = new IntArrayList();
        private double[] rhs, range;
        private boolean[] rhsSeen;

        private final Object2IntOpenHashMap<String> columnIndex = new Object2IntOpenHashMap<>();
        private final List<String> columnNames = new ArrayList<>();
        private final BooleanArrayList columnInteger = new BooleanArrayList();
        private final DoubleArrayList objective = new DoubleArrayList();
        private final IntArrayList entryRow = new IntArrayList();
        private final IntArrayList entryColumn = new IntArrayList();
        private final DoubleArrayList entryValue = new DoubleArrayList();
        private boolean inIntegerMarker;
        private int currentColumn = -1;
        private boolean currentObjectiveSeen;
        private int droppedEntries;

        private double[] lower, upper;
        private boolean[] binary, boundInteger;
        private String rhsSet, rangeSet, boundSet;
        private boolean warnedRhsSet, warnedRangeSet, warnedBoundSet;

        private final String[] tok = new String[8];
        private int ntok;

        Parser(String file, boolean fixed) {
            this.file = file;
            this.fixed = fixed;
            rowIndex.defaultReturnValue(Integer.MIN_VALUE);
            columnIndex.defaultReturnValue(-1);
        }

        Model run(BufferedReader r) throws IOException, ModelFormatException {
            String line;
            boolean ended = false;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int len = line.length();
                while (len > 0 && (line.charAt(len - 1) == '\r' || line.charAt(len - 1) == ' '
                        || line.charAt(len - 1) == '\t')) len--;
                if (len == 0 || line.charAt(0) == '*') continue;
                if (len < line.length()) line = line.substring(0, len);
                char c0 = line.charAt(0);
                if (c0 != ' ' && c0 != '\t') {
                    if (header(line)) {
                        ended = true;
                        break;
                    }
                } else {
                    data(line);
                }
            }
            if (!ended) throw error(Math.max(lineNo, 1), "missing ENDATA: the file ended before the ENDATA line");
            return build();
        }

        // ---- headers --------------------------------------------------------------------------------------

        /** Returns true on ENDATA. */
        private boolean header(String line) throws ModelFormatException {
            split(line);
            String key = tok[0].toUpperCase(Locale.ROOT);
            switch (key) {
                case "NAME" -> {
                    section = Section.NAME;
                    name = line.length() > 4 ? line.substring(4).trim() : "";
                }
                case "OBJSENSE" -> {
                    section = Section.OBJSENSE;
                    if (ntok > 1) {
                        sense(tok[1]);
                        section = Section.NONE;
                    }
                }
                case "OBJNAME" -> {
                    section = Section.OBJNAME;
                    if (ntok > 1) {
                        objectiveName = tok[1];
                        section = Section.NONE;
                    }
                }
                case "ROWS" -> {
                    if (seenRows) throw error(lineNo, "duplicate ROWS section");
                    seenRows = true;
                    section = Section.ROWS;
                }
                case "COLUMNS" -> {
                    if (!seenRows) throw error(lineNo, "COLUMNS section before ROWS (expected ROWS first)");
                    if (seenColumns) throw error(lineNo, "unexpected COLUMNS section (it appears twice or after RHS, "
                            + "RANGES or BOUNDS)");
                    seenColumns = true;
                    section = Section.COLUMNS;
                    allocateRowArrays();
                }
                case "RHS" -> section = afterColumns(Section.RHS);
                case "RANGES" -> section = afterColumns(Section.RANGES);
                case "BOUNDS" -> section = afterColumns(Section.BOUNDS);
                case "SOS", "QUADOBJ", "QMATRIX", "QSECTION", "QCMATRIX", "INDICATORS", "CSECTION",
                     "PWLOBJ", "GENCONS" ->
                        throw error(lineNo, "section " + key + " is not supported (linear MPS only)");
                case "ENDATA" -> {
                    return true;
                }
                default -> throw error(lineNo, "unknown section '" + tok[0] + "' (expected NAME, OBJSENSE, "
                        + "OBJNAME, ROWS, COLUMNS, RHS, RANGES, BOUNDS or ENDATA)");
            }
            return false;
        }

        private Section afterColumns(Section s) throws ModelFormatException {
            if (!seenColumns) {
                if (!seenRows) throw error(lineNo, s + " section before ROWS (expected ROWS first)");
                seenColumns = true; // a model without columns
                allocateRowArrays();
            }
            return s;
        }

        private void sense(String word) throws ModelFormatException {
            switch (word.toUpperCase(Locale.ROOT)) {
                case "MAX", "MAXIMIZE", "MAXIMISE" -> sense = ObjectiveSense.MAXIMIZE;
                case "MIN", "MINIMIZE", "MINIMISE" -> sense = ObjectiveSense.MINIMIZE;
                default -> throw error(lineNo, "bad objective sense '" + word
                        + "' (expected MAX, MAXIMIZE, MIN or MINIMIZE)");
            }
        }

        private void allocateRowArrays() {
            int m = rowNames.size();
            rhs = new double[m];
            range = new double[m];
            Arrays.fill(range, Double.NaN);
            rhsSeen = new boolean[m];
        }

        // ---- data lines -----------------------------------------------------------------------------------

        private void data(String line) throws ModelFormatException {
            switch (section) {
                case NONE -> throw error(lineNo, "data line outside any section (expected a section name such "
                        + "as ROWS in column 1)");
                case NAME -> throw error(lineNo, "unexpected data line after NAME (expected a section name)");
                case OBJSENSE -> {
                    split(line);
                    sense(tok[0]);
                    section = Section.NONE;
                }
                case OBJNAME -> {
                    objectiveName = line.trim();
                    section = Section.NONE;
                }
                case ROWS -> row(line);
                case COLUMNS -> column(line);
                case RHS -> rhsOrRange(line, false);
                case RANGES -> rhsOrRange(line, true);
                case BOUNDS -> bound(line);
            }
        }

        private void row(String line) throws ModelFormatException {
            String type, rowName;
            if (fixed) {
                type = field(line, 1, 3);
                rowName = line.length() > 4 ? line.substring(4).trim() : "";
            } else {
                split(line);
                if (ntok != 2) throw error(lineNo, "expected a row type (N, E, L or G) and a row name, found "
                        + ntok + " field(s)");
                type = tok[0];
                rowName = tok[1];
            }
            if (rowName.isEmpty()) throw error(lineNo, "missing row name after row type " + type);
            byte t = switch (type.toUpperCase(Locale.ROOT)) {
                case "N" -> N;
                case "E" -> E;
                case "L" -> L;
                case "G" -> G;
                default -> throw error(lineNo, "unknown row type '" + type + "' for row " + rowName
                        + " (expected N, E, L or G)");
            };
            if (rowIndex.containsKey(rowName)) throw error(lineNo, "duplicate entry: row " + rowName
                    + " is declared twice");
            if (t == N) {
                boolean isObjective = !objectiveChosen
                        && (objectiveName == null || objectiveName.equals(rowName));
                if (isObjective) {
                    objectiveChosen = true;
                    objectiveName = rowName;
                    rowIndex.put(rowName, OBJECTIVE);
                } else {
                    rowIndex.put(rowName, DROPPED);
                    warnings.add(file + ":" + lineNo + ": free row " + rowName
                            + " is not the objective and is dropped");
                }
                return;
            }
            rowIndex.put(rowName, rowNames.size());
            rowNames.add(rowName);
            rowTypes.add(t);
            lastColumnOfRow.add(-1);
        }

        private void column(String line) throws ModelFormatException {
            if (line.contains("'MARKER'") || line.contains("'marker'")) {
                String u = line.toUpperCase(Locale.ROOT);
                if (u.contains("'INTORG'")) inIntegerMarker = true;
                else if (u.contains("'INTEND'")) inIntegerMarker = false;
                else throw error(lineNo, "unknown MARKER (expected 'INTORG' or 'INTEND')");
                return;
            }
            String col, r1, v1, r2 = null, v2 = null;
            if (fixed) {
                fixedFields(line);
                col = tok[1];
                r1 = tok[2];
                v1 = tok[3];
                if (!tok[4].isEmpty() || !tok[5].isEmpty()) {
                    r2 = tok[4];
                    v2 = tok[5];
                }
            } else {
                split(line);
                if (ntok != 3 && ntok != 5) throw error(lineNo, "expected column name, row name, value [, row "
                        + "name, value] in COLUMNS, found " + ntok + " field(s)");
                col = tok[0];
                r1 = tok[1];
                v1 = tok[2];
                if (ntok == 5) {
                    r2 = tok[3];
                    v2 = tok[4];
                }
            }
            if (col.isEmpty()) throw error(lineNo, "missing column name in COLUMNS");
            if (currentColumn < 0 || !columnNames.get(currentColumn).equals(col)) {
                if (columnIndex.containsKey(col)) {
                    throw error(lineNo, "duplicate entry: column " + col + " appears again after other columns "
                            + "(a column's entries must be contiguous)");
                }
                currentColumn = columnNames.size();
                columnIndex.put(col, currentColumn);
                columnNames.add(col);
                columnInteger.add(inIntegerMarker);
                objective.add(0.0);
                currentObjectiveSeen = false;
            }
            entry(col, r1, v1);
            if (r2 != null) entry(col, r2, v2);
        }

        private void entry(String col, String rowName, String value) throws ModelFormatException {
            if (rowName.isEmpty()) throw error(lineNo, "missing row name for column " + col);
            if (value.isEmpty()) throw error(lineNo, "missing value for column " + col + " in row " + rowName);
            double v = number(value, "coefficient of column " + col + " in row " + rowName);
            if (!Double.isFinite(v)) throw error(lineNo, "coefficient of column " + col + " in row " + rowName
                    + " must be finite, got " + value);
            int i = rowIndex.getInt(rowName);
            if (i == Integer.MIN_VALUE) throw error(lineNo, "unknown row " + rowName + " in COLUMNS (not "
                    + "declared in ROWS)");
            if (i == OBJECTIVE) {
                if (currentObjectiveSeen) throw error(lineNo, "duplicate entry: column " + col
                        + " has two objective coefficients");
                currentObjectiveSeen = true;
                objective.set(currentColumn, v);
                return;
            }
            if (i == DROPPED) {
                droppedEntries++;
                return;
            }
            if (lastColumnOfRow.getInt(i) == currentColumn) {
                throw error(lineNo, "duplicate entry: column " + col + " appears twice in row " + rowName);
            }
            lastColumnOfRow.set(i, currentColumn);
            if (v != 0.0) {
                entryRow.add(i);
                entryColumn.add(currentColumn);
                entryValue.add(v);
            }
        }

        private void rhsOrRange(String line, boolean isRange) throws ModelFormatException {
            String what = isRange ? "RANGES" : "RHS";
            String set, r1, v1, r2 = null, v2 = null;
            if (fixed) {
                fixedFields(line);
                set = tok[1];
                r1 = tok[2];
                v1 = tok[3];
                if (!tok[4].isEmpty() || !tok[5].isEmpty()) {
                    r2 = tok[4];
                    v2 = tok[5];
                }
            } else {
                split(line);
                int base;
                if (ntok == 3 || ntok == 5) {
                    set = tok[0];
                    base = 1;
                } else if (ntok == 2 || ntok == 4) {
                    set = "";
                    base = 0;
                } else {
                    throw error(lineNo, "expected [set name,] row name, value [, row name, value] in " + what
                            + ", found " + ntok + " field(s)");
                }
                r1 = tok[base];
                v1 = tok[base + 1];
                if (ntok - base == 4) {
                    r2 = tok[base + 2];
                    v2 = tok[base + 3];
                }
            }
            if (isRange) {
                if (rangeSet == null) rangeSet = set;
                else if (!rangeSet.equals(set)) {
                    if (!warnedRangeSet) warnings.add(file + ":" + lineNo + ": only the first RANGES set ("
                            + rangeSet + ") is used; set " + set + " is ignored");
                    warnedRangeSet = true;
                    return;
                }
            } else {
                if (rhsSet == null) rhsSet = set;
                else if (!rhsSet.equals(set)) {
                    if (!warnedRhsSet) warnings.add(file + ":" + lineNo + ": only the first RHS set (" + rhsSet
                            + ") is used; set " + set + " is ignored");
                    warnedRhsSet = true;
                    return;
                }
            }
            rhsEntry(what, r1, v1, isRange);
            if (r2 != null) rhsEntry(what, r2, v2, isRange);
        }

        private void rhsEntry(String what, String rowName, String value, boolean isRange)
                throws ModelFormatException {
            if (rowName.isEmpty()) throw error(lineNo, "missing row name in " + what);
            if (value.isEmpty()) throw error(lineNo, "missing value for row " + rowName + " in " + what);
            double v = bigToInfinity(number(value, what + " value of row " + rowName));
            int i = rowIndex.getInt(rowName);
            if (i == Integer.MIN_VALUE) throw error(lineNo, "unknown row " + rowName + " in " + what
                    + " (not declared in ROWS)");
            if (i == DROPPED) return;
            if (i == OBJECTIVE) {
                if (isRange) {
                    warnings.add(file + ":" + lineNo + ": RANGES entry on objective row " + rowName + " ignored");
                    return;
                }
                if (objectiveRhsSeen) throw error(lineNo, "duplicate entry: RHS for objective row " + rowName
                        + " given twice");
                if (!Double.isFinite(v)) throw error(lineNo, "RHS of objective row " + rowName
                        + " must be finite, got " + value);
                objectiveRhsSeen = true;
                objectiveConstant = -v; // MPS convention: objective = c'x - rhs
                return;
            }
            if (!isRange && Double.isInfinite(v)) {
                int t = rowTypes.getInt(i);
                if (t == E || (t == L && v < 0) || (t == G && v > 0)) {
                    throw error(lineNo, "RHS " + value + " of row " + rowName + " leaves the row no feasible "
                            + "value (an E row needs a finite RHS, an L row one below +inf, a G row one above -inf)");
                }
            }
            if (isRange) {
                if (!Double.isNaN(range[i])) throw error(lineNo, "duplicate entry: RANGES for row " + rowName
                        + " given twice");
                range[i] = v;
            } else {
                if (rhsSeen[i]) throw error(lineNo, "duplicate entry: RHS for row " + rowName + " given twice");
                rhsSeen[i] = true;
                rhs[i] = v;
            }
        }

        private void bound(String line) throws ModelFormatException {
            if (lower == null) allocateColumnArrays();
            String type, set, col, value;
            if (fixed) {
                fixedFields(line);
                type = tok[0];
                set = tok[1];
                col = tok[2];
                value = tok[3];
            } else {
                split(line);
                if (ntok < 2 || ntok > 4) throw error(lineNo, "expected bound type, [set name,] column name "
                        + "[, value] in BOUNDS, found " + ntok + " field(s)");
                type = tok[0];
                boolean needsValue = switch (type.toUpperCase(Locale.ROOT)) {
                    case "UP", "LO", "FX", "LI", "UI", "SC" -> true;
                    default -> false;
                };
                if (ntok == 4) {
                    set = tok[1];
                    col = tok[2];
                    value = tok[3];
                } else if (ntok == 2) {
                    set = "";
                    col = tok[1];
                    value = "";
                } else if (needsValue) {
                    set = "";
                    col = tok[1];
                    value = tok[2];
                } else if (columnIndex.containsKey(tok[2]) || !columnIndex.containsKey(tok[1])) {
                    set = tok[1];
                    col = tok[2];
                    value = "";
                } else {
                    set = "";
                    col = tok[1];
                    value = tok[2];
                }
            }
            if (boundSet == null) boundSet = set;
            else if (!boundSet.equals(set)) {
                if (!warnedBoundSet) warnings.add(file + ":" + lineNo + ": only the first BOUNDS set (" + boundSet
                        + ") is used; set " + set + " is ignored");
                warnedBoundSet = true;
                return;
            }
            if (col.isEmpty()) throw error(lineNo, "missing column name in BOUNDS");
            int j = columnIndex.getInt(col);
            if (j < 0) throw error(lineNo, "unknown column " + col + " in BOUNDS (not declared in COLUMNS)");
            String t = type.toUpperCase(Locale.ROOT);
            double v = 0;
            switch (t) {
                case "UP", "LO", "FX", "LI", "UI" -> {
                    if (value.isEmpty()) throw error(lineNo, "missing value for bound " + t + " on column " + col);
                    v = bigToInfinity(number(value, t + " bound of column " + col));
                }
                case "FR", "MI", "PL", "BV" -> {
                    if (!value.isEmpty()) number(value, t + " bound of column " + col); // validate, then ignore
                }
                case "SC" -> throw error(lineNo, "semi-continuous bound (SC) on column " + col
                        + " is not supported");
                default -> throw error(lineNo, "unknown bound type '" + type + "' on column " + col
                        + " (expected UP, LO, FX, FR, MI, PL, BV, LI or UI)");
            }
            switch (t) {
                case "UP", "UI" -> {
                    if (v < 0 && lower[j] == 0.0) {
                        lower[j] = Double.NEGATIVE_INFINITY;
                        warnings.add(file + ":" + lineNo + ": negative upper bound " + value + " on column " + col
                                + " with lower bound 0: lower bound set to -inf");
                    }
                    upper[j] = v;
                    if (t.equals("UI")) boundInteger[j] = true;
                }
                case "LO", "LI" -> {
                    lower[j] = v;
                    if (t.equals("LI")) boundInteger[j] = true;
                }
                case "FX" -> {
                    lower[j] = v;
                    upper[j] = v;
                }
                case "FR" -> {
                    lower[j] = Double.NEGATIVE_INFINITY;
                    upper[j] = Double.POSITIVE_INFINITY;
                }
                case "MI" -> lower[j] = Double.NEGATIVE_INFINITY;
                case "PL" -> upper[j] = Double.POSITIVE_INFINITY;
                case "BV" -> {
                    binary[j] = true;
                    lower[j] = 0.0;
                    upper[j] = 1.0;
                }
                default -> throw new AssertionError(t);
            }
            if (lower[j] == Double.POSITIVE_INFINITY || upper[j] == Double.NEGATIVE_INFINITY) {
                throw error(lineNo, "bound " + t + " " + value + " makes column " + col
                        + " have an infinite lower bound of +inf or upper bound of -inf");
            }
        }

        private void allocateColumnArrays() {
            int n = columnNames.size();
            lower = new double[n];
            upper = new double[n];
            Arrays.fill(upper, Double.POSITIVE_INFINITY);
            binary = new boolean[n];
            boundInteger = new boolean[n];
        }

        // ---- building ---------------------------------------------------------------------------------------

        private Model build() throws ModelFormatException {
            if (!seenRows) throw error(0, "no ROWS section");
            if (rhs == null) allocateRowArrays();
            if (lower == null) allocateColumnArrays();
            if (droppedEntries > 0) {
                warnings.add(file + ": " + droppedEntries + " coefficient(s) of dropped free rows ignored");
            }
            Model model = new Model(name.isEmpty() ? fileStem() : name);
            int n = columnNames.size();
            Variable[] vars = new Variable[n];
            for (int j = 0; j < n; j++) {
                VarType type = binary[j] ? VarType.BINARY
                        : (columnInteger.getBoolean(j) || boundInteger[j]) ? VarType.INTEGER : VarType.CONTINUOUS;
                vars[j] = model.addVariable(columnNames.get(j), lower[j], upper[j], type);
            }
            LinearExpr.Builder obj = LinearExpr.builder();
            for (int j = 0; j < n; j++) if (objective.getDouble(j) != 0.0) obj.add(objective.getDouble(j), vars[j]);
            obj.constant(objectiveConstant);
            model.setObjective(obj.build(), sense);

            // Transpose the column-wise entries into rows (counting sort by row; column order kept per row).
            int m = rowNames.size();
            int nnz = entryRow.size();
            int[] start = new int[m + 1];
            for (int k = 0; k < nnz; k++) start[entryRow.getInt(k) + 1]++;
            for (int i = 0; i < m; i++) start[i + 1] += start[i];
            int[] fill = Arrays.copyOf(start, m);
            int[] cols = new int[nnz];
            double[] vals = new double[nnz];
            for (int k = 0; k < nnz; k++) {
                int p = fill[entryRow.getInt(k)]++;
                cols[p] = entryColumn.getInt(k);
                vals[p] = entryValue.getDouble(k);
            }
            for (int i = 0; i < m; i++) {
                int[] rowCols = Arrays.copyOfRange(cols, start[i], start[i + 1]);
                double[] rowVals = Arrays.copyOfRange(vals, start[i], start[i + 1]);
                double lo, up;
                double b = rhs[i];
                double rg = range[i];
                switch (rowTypes.getInt(i)) {
                    case E -> {
                        lo = b;
                        up = b;
                        if (!Double.isNaN(rg)) {
                            if (rg > 0) up = b + rg;
                            else if (rg < 0) lo = b + rg;
                        }
                    }
                    case L -> {
                        lo = Double.isNaN(rg) ? Double.NEGATIVE_INFINITY : b - Math.abs(rg);
                        up = b;
                    }
                    case G -> {
                        lo = b;
                        up = Double.isNaN(rg) ? Double.POSITIVE_INFINITY : b + Math.abs(rg);
                    }
                    default -> throw new AssertionError();
                }
                if (Double.isNaN(lo) || Double.isNaN(up) || lo == Double.POSITIVE_INFINITY
                        || up == Double.NEGATIVE_INFINITY) {
                    throw error(0, "row " + rowNames.get(i) + ": right-hand side " + b + " and range " + rg
                            + " give the invalid interval [" + lo + ", " + up + "]");
                }
                model.addConstraint(rowNames.get(i), rowCols, rowVals, lo, up);
            }
            return model;
        }

        private String fileStem() {
            String f = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
            int dot = f.indexOf('.');
            return dot > 0 ? f.substring(0, dot) : f;
        }

        // ---- lexing -----------------------------------------------------------------------------------------

        /** Splits on white space into tok[0..ntok); at most 8 tokens are kept, ntok counts all. */
        private void split(String line) {
            ntok = 0;
            int n = line.length();
            int i = 0;
            while (i < n) {
                while (i < n && isSpace(line.charAt(i))) i++;
                if (i >= n) break;
                int s = i;
                while (i < n && !isSpace(line.charAt(i))) i++;
                if (ntok < tok.length) tok[ntok] = line.substring(s, i);
                ntok++;
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }

        /**
         * Fixed-MPS fields 1..6 into tok[0..5] (empty string when blank). Names come from their column ranges;
         * field 4 is the token starting at column 25 and may be longer than its 12 columns, in which case
         * fields 5 and 6 are the next white-space separated tokens.
         */
        private void fixedFields(String line) {
            int n = line.length();
            tok[0] = field(line, 1, 3);
            tok[1] = field(line, 4, 12);
            tok[2] = field(line, 14, 22);
            int s4 = skipSpaces(line, 24), e4 = tokenEnd(line, s4);
            tok[3] = s4 < n ? line.substring(s4, e4) : "";
            if (e4 <= 39) {
                tok[4] = field(line, 39, 47);
                tok[5] = n > 49 ? line.substring(49).trim() : "";
            } else {
                int s5 = skipSpaces(line, e4), e5 = tokenEnd(line, s5);
                int s6 = skipSpaces(line, e5), e6 = tokenEnd(line, s6);
                tok[4] = s5 < n ? line.substring(s5, e5) : "";
                tok[5] = s6 < n ? line.substring(s6, e6) : "";
            }
        }

        private static int skipSpaces(String line, int from) {
            int i = from;
            while (i < line.length() && isSpace(line.charAt(i))) i++;
            return i;
        }

        private static int tokenEnd(String line, int from) {
            int i = from;
            while (i < line.length() && !isSpace(line.charAt(i))) i++;
            return i;
        }

        private static String field(String line, int from, int to) {
            int n = line.length();
            if (from >= n) return "";
            return line.substring(from, Math.min(to, n)).trim();
        }

        private double number(String s, String what) throws ModelFormatException {
            int n = s.length();
            boolean plain = n > 0;
            for (int k = 0; k < n && plain; k++) {
                char c = s.charAt(k);
                plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            }
            if (plain) {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException ignored) {
                    // fall through to the error below
                }
            } else {
                String u = s.toLowerCase(Locale.ROOT);
                switch (u) {
                    case "inf", "+inf", "infinity", "+infinity" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-inf", "-infinity" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    default -> {
                    }
                }
            }
            throw error(lineNo, "bad number '" + s + "' for " + what + " (expected a number)");
        }

        private static double bigToInfinity(double v) {
            if (v >= INFINITY_THRESHOLD) return Double.POSITIVE_INFINITY;
            if (v <= -INFINITY_THRESHOLD) return Double.NEGATIVE_INFINITY;
            return v;
        }

        private ModelFormatException error(long line, String message) {
            return new ModelFormatException(file, line, message);
        }
    }
}
