package org.nnmip.io;

import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ModelNumbers;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a {@link Model} in CPLEX LP format (IBM CPLEX "LP file format: algebraic representation"), which CPLEX,
 * Gurobi, HiGHS and SCIP read: {@code Minimize}/{@code Maximize}, {@code Subject To}, {@code Bounds},
 * {@code General}, {@code Binary}, {@code End}.
 * <ul>
 * <li>Names are sanitised to the LP-format alphabet (letters, digits, {@code !"#$%&()/,.;?@_`'{}|~}); a name that
 *     would start with a digit, '.', 'e' or 'E' (read as an exponent), or is a keyword, gets a '_' prefix;
 *     collisions get a numeric suffix.</li>
 * <li>A ranged row {@code lo <= a'x <= up} becomes two rows {@code name_lo: a'x >= lo} and
 *     {@code name_hi: a'x <= up}, since not every reader accepts double inequalities. Free rows are omitted
 *     (as a comment).</li>
 * <li>Bounds: the LP-format default is [0, +inf); others are written as {@code x free}, {@code x = v},
 *     {@code x >= l}, {@code -inf <= x <= u} or {@code l <= x <= u}. BINARY variables with bounds [0, 1] go to
 *     the Binary section, every other integral variable to General (with explicit bounds).</li>
 * <li>Lines are wrapped before 80 characters; continuation lines are indented.</li>
 * </ul>
 */
public final class LpFormatWriter {
    private static final int LINE_WIDTH = 79;
    private static final Set<String> KEYWORDS = Set.of("free", "inf", "infinity", "st", "s.t.", "st.", "subject",
            "such", "bound", "bounds", "gen", "general", "generals", "bin", "binary", "binaries", "int", "integer",
            "integers", "end", "min", "max", "minimize", "maximize", "minimise", "maximise", "minimum", "maximum",
            "semi", "semis", "semi-continuous", "sos", "obj");

    public void write(Model model, Path file) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
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
        int n = model.numVariables(), m = model.numConstraints();
        NameTable colTable = new NameTable(LpFormatWriter::sanitise);
        String[] cols = new String[n];
        for (int j = 0; j < n; j++) cols[j] = colTable.unique(model.variable(j).name(), "x" + j);
        NameTable rowTable = new NameTable(LpFormatWriter::sanitise);
        rowTable.reserve("obj");

        out.write("\\ Model " + model.name().replace('\n', ' ') + "\n");
        out.write("\\ " + n + " variables, " + m + " constraints, " + model.numNonzeros() + " non-zeros\n");
        out.write(model.sense() == ObjectiveSense.MAXIMIZE ? "Maximize\n" : "Minimize\n");
        Wrapped obj = new Wrapped(out, " obj:");
        boolean anyTerm = false;
        for (int j = 0; j < n; j++) {
            double c = model.objectiveCoefficient(j);
            if (c != 0.0) {
                obj.term(c, cols[j], !anyTerm);
                anyTerm = true;
            }
        }
        double constant = model.objectiveConstant();
        if (constant != 0.0) {
            obj.piece(anyTerm ? (constant < 0 ? "- " : "+ ") + num(Math.abs(constant)) : num(constant));
            anyTerm = true;
        }
        if (!anyTerm && n > 0) obj.term(0.0, cols[0], true);
        obj.end("");

        out.write("Subject To\n");
        for (int i = 0; i < m; i++) {
            Constraint c = model.constraint(i);
            double lo = c.lower(), up = c.upper();
            String base = c.name();
            if (lo == Double.NEGATIVE_INFINITY && up == Double.POSITIVE_INFINITY) {
                out.write("\\ free row " + sanitise(base) + " omitted\n");
                continue;
            }
            if (lo == up) {
                row(out, rowTable.unique(base, "c" + i), c, cols, "= " + num(lo));
            } else if (lo == Double.NEGATIVE_INFINITY) {
                row(out, rowTable.unique(base, "c" + i), c, cols, "<= " + num(up));
            } else if (up == Double.POSITIVE_INFINITY) {
                row(out, rowTable.unique(base, "c" + i), c, cols, ">= " + num(lo));
            } else {
                row(out, rowTable.unique(base + "_lo", "c" + i + "_lo"), c, cols, ">= " + num(lo));
                row(out, rowTable.unique(base + "_hi", "c" + i + "_hi"), c, cols, "<= " + num(up));
            }
        }

        StringBuilder bounds = new StringBuilder();
        StringBuilder general = new StringBuilder();
        StringBuilder binary = new StringBuilder();
        for (int j = 0; j < n; j++) {
            Variable v = model.variable(j);
            double lo = v.lower(), up = v.upper();
            boolean asBinary = v.type() == VarType.BINARY && lo == 0.0 && up == 1.0;
            if (asBinary) {
                binary.append(' ').append(cols[j]).append('\n');
                continue;
            }
            if (v.isIntegral()) general.append(' ').append(cols[j]).append('\n');
            String b;
            if (lo == up) b = cols[j] + " = " + num(lo);
            else if (lo == Double.NEGATIVE_INFINITY && up == Double.POSITIVE_INFINITY) b = cols[j] + " free";
            else if (lo == Double.NEGATIVE_INFINITY) b = "-inf <= " + cols[j] + " <= " + num(up);
            else if (up == Double.POSITIVE_INFINITY) b = lo == 0.0 ? null : cols[j] + " >= " + num(lo);
            else b = num(lo) + " <= " + cols[j] + " <= " + num(up);
            if (b != null) bounds.append(' ').append(b).append('\n');
        }
        if (!bounds.isEmpty()) out.write("Bounds\n" + bounds);
        if (!general.isEmpty()) out.write("General\n" + general);
        if (!binary.isEmpty()) out.write("Binary\n" + binary);
        out.write("End\n");
        out.flush();
    }

    private static void row(Writer out, String name, Constraint c, String[] cols, String tail) throws IOException {
        Wrapped w = new Wrapped(out, " " + name + ":");
        for (int k = 0; k < c.size(); k++) w.term(c.coefficient(k), cols[c.variableIndex(k)], k == 0);
        if (c.size() == 0) w.piece(cols.length > 0 ? "0 " + cols[0] : "0"); // LP format needs a term
        w.end(tail);
    }

    private static String num(double v) {
        return ModelNumbers.format(v).replace("inf", "infinity");
    }

    static String sanitise(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!\"#$%&()/,.;?@_`'{}|~".indexOf(c) >= 0;
            sb.append(ok ? c : '_');
        }
        if (sb.isEmpty()) return "";
        char f = sb.charAt(0);
        if ((f >= '0' && f <= '9') || f == '.' || f == 'e' || f == 'E'
                || KEYWORDS.contains(sb.toString().toLowerCase(Locale.ROOT))) {
            sb.insert(0, '_');
        }
        return sb.toString();
    }

    /** Accumulates " + 3 x" pieces and breaks the line before it would exceed the width. */
    private static final class Wrapped {
        private final Writer out;
        private final StringBuilder line = new StringBuilder(LINE_WIDTH + 40);

        Wrapped(Writer out, String head) {
            this.out = out;
            line.append(head);
        }

        void term(double coef, String name, boolean first) throws IOException {
            String sign = coef < 0 ? "-" : "+";
            double a = Math.abs(coef);
            String body = a == 1.0 ? name : num(a) + " " + name;
            if (first) piece(coef < 0 ? "- " + body : body);
            else piece(sign + " " + body);
        }

        void piece(String p) throws IOException {
            if (line.length() + 1 + p.length() > LINE_WIDTH && line.length() > 4) {
                out.write(line.append('\n').toString());
                line.setLength(0);
                line.append("   ");
            }
            line.append(' ').append(p);
        }

        void end(String tail) throws IOException {
            if (!tail.isEmpty()) piece(tail);
            out.write(line.append('\n').toString());
        }
    }
}
