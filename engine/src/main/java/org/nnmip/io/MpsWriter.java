package org.nnmip.io;

import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ModelNumbers;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link Model} as MPS that {@link MpsReader}, CPLEX, Gurobi, HiGHS and SCIP read back to the same model.
 * <ul>
 * <li>FREE (default): names are sanitised (white space and control characters become '_') and made unique.</li>
 * <li>FIXED: fields at the standard column positions; names are kept verbatim (spaces allowed) but must have at
 *     most 8 characters, otherwise {@link IllegalArgumentException} names the offender.</li>
 * </ul>
 * Integer columns are wrapped in MARKER INTORG/INTEND and always get explicit bounds (PL when unbounded above),
 * because readers disagree on the default for integer columns. Binary variables with bounds [0, 1] are written
 * as BV (and read back as BINARY); a binary with tighter bounds comes back as an INTEGER with those bounds. Ranged rows
 * use RANGES (with R chosen among neighbouring doubles so the reader's {@code lo + R} or {@code up - R} gives the
 * bound back exactly; in the rare case that no double does, one bound is off by about one ulp); a free row is written as an L row with right-hand side 1e+30 (infinite for every reader). A row
 * with lower &gt; upper cannot be expressed in MPS and is rejected. One entry per line; numbers are the shortest
 * exact decimal, so a round trip is exact.
 */
public final class MpsWriter {
    public enum Format { FREE, FIXED }

    private static final String OBJECTIVE_ROW = "obj";
    private final Format format;

    public MpsWriter() {
        this(Format.FREE);
    }

    public MpsWriter(Format format) {
        this.format = format;
    }

    /** Writes to a file, gzip-compressed if the name ends in ".gz". */
    public void write(Model model, Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) out = new GZIPOutputStream(out, 1 << 16);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            write(model, w);
        }
    }

    public String writeToString(Model model) {
        StringWriter sw = new StringWriter();
        try {
            write(model, sw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // StringWriter does not throw
        }
        return sw.toString();
    }

    public void write(Model model, Writer out) throws IOException {
        boolean fixed = format == Format.FIXED;
        int n = model.numVariables(), m = model.numConstraints();
        String[] colNames = new String[n];
        String[] rowNames = new String[m];
        String objName;
        if (fixed) {
            for (int j = 0; j < n; j++) colNames[j] = fixedName("variable", model.variable(j).name());
            for (int i = 0; i < m; i++) rowNames[i] = fixedName("constraint", model.constraint(i).name());
            NameTable rows = new NameTable(s -> s);
            for (String r : rowNames) rows.reserve(r);
            objName = rows.unique(OBJECTIVE_ROW, OBJECTIVE_ROW);
            if (objName.length() > 8) objName = rows.unique("OBJ_ROW", "OBJ_ROW");
        } else {
            NameTable cols = new NameTable(MpsWriter::sanitise);
            for (int j = 0; j < n; j++) colNames[j] = cols.unique(model.variable(j).name(), "C" + j);
            NameTable rows = new NameTable(MpsWriter::sanitise);
            rows.reserve(OBJECTIVE_ROW);
            objName = OBJECTIVE_ROW;
            for (int i = 0; i < m; i++) rowNames[i] = rows.unique(model.constraint(i).name(), "R" + i);
        }
        Line line = new Line(out, fixed);

        out.write("NAME          " + (fixed ? model.name() : sanitise(model.name())) + "\n");
        if (model.sense() == ObjectiveSense.MAXIMIZE) out.write("OBJSENSE\n    MAX\n");
        out.write("ROWS\n");
        line.put("N", objName, "", "");
        double[] rhs = new double[m];
        double[] range = new double[m];
        boolean anyRange = false;
        for (int i = 0; i < m; i++) {
            Constraint c = model.constraint(i);
            double lo = c.lower(), up = c.upper();
            String type;
            range[i] = Double.NaN;
            if (lo > up) {
                throw new IllegalArgumentException("constraint " + c.name() + ": lower bound " + lo
                        + " > upper bound " + up + " cannot be written in MPS");
            }
            if (lo == up) {
                type = "E";
                rhs[i] = lo;
            } else if (lo == Double.NEGATIVE_INFINITY && up == Double.POSITIVE_INFINITY) {
                type = "L";
                rhs[i] = MpsReader.INFINITY_THRESHOLD;
            } else if (lo == Double.NEGATIVE_INFINITY) {
                type = "L";
                rhs[i] = up;
            } else if (up == Double.POSITIVE_INFINITY) {
                type = "G";
                rhs[i] = lo;
            } else {
                // A reader rebuilds the interval as [lo, lo + R] (G row) or [up - R, up] (L row). up - lo is
                // rounded, so look at R and its neighbouring doubles for one that reconstructs the bound exactly.
                anyRange = true;
                type = "G";
                rhs[i] = lo;
                range[i] = up - lo;
                search:
                for (int step = 0; step <= 4; step++) {
                    for (double r : new double[]{ulpStep(up - lo, step), ulpStep(up - lo, -step)}) {
                        if (lo + r == up) {
                            type = "G";
                            rhs[i] = lo;
                            range[i] = r;
                            break search;
                        }
                        if (up - r == lo) {
                            type = "L";
                            rhs[i] = up;
                            range[i] = r;
                            break search;
                        }
                    }
                }
            }
            line.put(type, rowNames[i], "", "");
        }

        out.write("COLUMNS\n");
        int[] count = new int[n + 1];
        for (int i = 0; i < m; i++) for (int j : model.constraint(i).variableIndicesView()) count[j + 1]++;
        for (int j = 0; j < n; j++) count[j + 1] += count[j];
        int[] fill = count.clone();
        int[] rowOf = new int[count[n]];
        double[] valOf = new double[count[n]];
        for (int i = 0; i < m; i++) {
            Constraint c = model.constraint(i);
            for (int k = 0; k < c.size(); k++) {
                int p = fill[c.variableIndex(k)]++;
                rowOf[p] = i;
                valOf[p] = c.coefficient(k);
            }
        }
        boolean inMarker = false;
        int markers = 0;
        for (int j = 0; j < n; j++) {
            Variable v = model.variable(j);
            if (v.isIntegral() != inMarker) {
                inMarker = v.isIntegral();
                String mk = "MARKER" + (markers++);
                if (fixed) {
                    out.write("    " + pad(mk, 8) + "  'MARKER'                 " + (inMarker ? "'INTORG'" : "'INTEND'")
                            + "\n");
                } else {
                    out.write("    " + mk + "  'MARKER'  " + (inMarker ? "'INTORG'" : "'INTEND'") + "\n");
                }
            }
            double cj = model.objectiveCoefficient(j);
            boolean any = false;
            if (cj != 0.0) {
                line.put("", colNames[j], objName, num(cj));
                any = true;
            }
            for (int p = count[j]; p < count[j + 1]; p++) {
                line.put("", colNames[j], rowNames[rowOf[p]], num(valOf[p]));
                any = true;
            }
            if (!any) line.put("", colNames[j], objName, "0"); // keep the empty column
        }
        if (inMarker) {
            String mk = "MARKER" + markers;
            if (fixed) out.write("    " + pad(mk, 8) + "  'MARKER'                 'INTEND'\n");
            else out.write("    " + mk + "  'MARKER'  'INTEND'\n");
        }

        out.write("RHS\n");
        if (model.objectiveConstant() != 0.0) line.put("", "RHS", objName, num(-model.objectiveConstant()));
        for (int i = 0; i < m; i++) if (rhs[i] != 0.0) line.put("", "RHS", rowNames[i], num(rhs[i]));

        if (anyRange) {
            out.write("RANGES\n");
            for (int i = 0; i < m; i++) if (!Double.isNaN(range[i])) line.put("", "RNG", rowNames[i], num(range[i]));
        }

        List<String[]> bounds = new ArrayList<>();
        for (int j = 0; j < n; j++) bounds(model.variable(j), colNames[j], bounds);
        if (!bounds.isEmpty()) {
            out.write("BOUNDS\n");
            for (String[] b : bounds) line.put(b[0], "BND", b[1], b[2]);
        }
        out.write("ENDATA\n");
        out.flush();
    }

    /** Bound lines (type, column, value) that make a reader reproduce the variable's bounds exactly. */
    private static void bounds(Variable v, String col, List<String[]> out) {
        double lo = v.lower(), up = v.upper();
        if (v.type() == VarType.BINARY && lo == 0.0 && up == 1.0) {
            out.add(new String[]{"BV", col, ""});
            return;
        }
        // A binary with tightened bounds is written as an integer column with explicit bounds (HiGHS, for one,
        // ignores a LO after BV); it is read back as INTEGER with the same bounds, the same feasible set.
        boolean integral = v.isIntegral();
        if (lo == up) {
            out.add(new String[]{"FX", col, num(lo)});
        } else if (lo == Double.NEGATIVE_INFINITY && up == Double.POSITIVE_INFINITY) {
            out.add(new String[]{"FR", col, ""});
        } else if (lo == Double.NEGATIVE_INFINITY) {
            out.add(new String[]{"MI", col, ""});
            out.add(new String[]{"UP", col, num(up)});
        } else if (up == Double.POSITIVE_INFINITY) {
            if (lo != 0.0) out.add(new String[]{"LO", col, num(lo)});
            if (integral) out.add(new String[]{"PL", col, ""});
        } else {
            // UP first, then LO: an UP < 0 on a column with lower bound 0 turns the lower bound to -inf when read,
            // and the explicit LO that follows restores it.
            out.add(new String[]{"UP", col, num(up)});
            if (lo != 0.0 || up < 0.0) out.add(new String[]{"LO", col, num(lo)});
        }
    }

    private static double ulpStep(double v, int steps) {
        for (int k = 0; k < Math.abs(steps); k++) v = steps > 0 ? Math.nextUp(v) : Math.nextDown(v);
        return v;
    }

    private static String num(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "1e+30" : "-1e+30";
        return ModelNumbers.format(v);
    }

    /** Free-MPS names: no white space or control characters, never empty, not starting with '*' or '$'. */
    static String sanitise(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            sb.append(c <= ' ' || c == 0x7f || Character.isWhitespace(c) ? '_' : c);
        }
        if (!sb.isEmpty() && (sb.charAt(0) == '*' || sb.charAt(0) == '$')) sb.insert(0, '_');
        return sb.toString();
    }

    private static String fixedName(String what, String name) {
        if (name.length() > 8 || name.isBlank() || name.strip().length() != name.length()) {
            throw new IllegalArgumentException(what + " " + name + ": fixed MPS needs names of 1 to 8 characters "
                    + "without leading or trailing spaces; write free MPS instead");
        }
        return name;
    }

    private static String pad(String s, int width) {
        if (s.length() >= width) return s;
        return s + " ".repeat(width - s.length());
    }

    /** Writes one data line in fixed or free layout. */
    private static final class Line {
        private final Writer out;
        private final boolean fixed;
        private final StringBuilder sb = new StringBuilder(80);

        Line(Writer out, boolean fixed) {
            this.out = out;
            this.fixed = fixed;
        }

        void put(String f1, String f2, String f3, String f4) throws IOException {
            sb.setLength(0);
            if (fixed) {
                // columns 2-3, 5-12, 15-22, 25-
                sb.append(' ').append(pad(f1, 2)).append(' ').append(pad(f2, 8));
                if (!f3.isEmpty() || !f4.isEmpty()) sb.append("  ").append(pad(f3, 8));
                if (!f4.isEmpty()) sb.append("  ").append(f4);
            } else {
                sb.append(' ').append(pad(f1, 2)).append(' ').append(pad(f2, 8));
                if (!f3.isEmpty()) sb.append("  ").append(pad(f3, 8));
                if (!f4.isEmpty()) sb.append("  ").append(f4);
            }
            int len = sb.length();
            while (len > 0 && sb.charAt(len - 1) == ' ') len--;
            sb.setLength(len);
            sb.append('\n');
            out.append(sb);
        }
    }
}
