package org.nnmip.nnverify.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nnmip.nnverify.io.AtomicFile;

/**
 * Builds a Markdown report (headings, paragraphs, tables, images, checked invariants) and writes it in one move, so
 * an interrupted run never leaves half a report.
 */
public final class MarkdownReport {
    private final StringBuilder text = new StringBuilder();
    private final List<ExperimentReport.Check> checks = new ArrayList<>();

    public MarkdownReport(String title) {
        text.append("# ").append(title).append("\n\n");
    }

    public MarkdownReport heading(String heading) {
        text.append("## ").append(heading).append("\n\n");
        return this;
    }

    public MarkdownReport subheading(String heading) {
        text.append("### ").append(heading).append("\n\n");
        return this;
    }

    public MarkdownReport paragraph(String paragraph) {
        text.append(paragraph.strip()).append("\n\n");
        return this;
    }

    /** A table; cells are escaped for '|' and newlines. Rows shorter than the header are padded. */
    public MarkdownReport table(List<String> header, List<List<String>> rows) {
        if (header.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        row(header);
        text.append('|');
        for (int i = 0; i < header.size(); i++) text.append("---|");
        text.append('\n');
        for (List<String> r : rows) {
            if (r.size() > header.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " cells, header " + header.size());
            }
            List<String> padded = new ArrayList<>(r);
            while (padded.size() < header.size()) padded.add("");
            row(padded);
        }
        text.append('\n');
        return this;
    }

    /** An image written next to the report (path relative to the report's directory). */
    public MarkdownReport image(String alt, String relativePath) {
        text.append("![").append(alt).append("](").append(relativePath).append(")\n\n");
        return this;
    }

    /** Records a checked invariant and lists it in the report with its outcome. */
    public MarkdownReport check(String statement, boolean passed, String detail) {
        checks.add(new ExperimentReport.Check(statement, passed, detail));
        text.append("- ").append(passed ? "**holds**" : "**FAILS**").append(": ").append(statement);
        if (detail != null && !detail.isBlank()) text.append(" (").append(detail.strip()).append(')');
        text.append("\n\n");
        return this;
    }

    public List<ExperimentReport.Check> checks() {
        return List.copyOf(checks);
    }

    public String text() {
        return text.toString();
    }

    /** Writes the report through a temporary sibling and a move. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.writeString(file, text.toString());
    }

    /** A number for a table: 4 significant digits, scientific outside [1e-3, 1e5), "∞" and "—" (NaN) spelled out. */
    public static String num(double v) {
        if (Double.isNaN(v)) return "—";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) return String.format(Locale.ROOT, "%.4g", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** Seconds with two decimals. */
    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    private void row(List<String> cells) {
        text.append('|');
        for (String c : cells) text.append(' ').append(escape(c)).append(" |");
        text.append('\n');
    }

    private static String escape(String cell) {
        return cell == null ? "" : cell.replace("|", "\\|").replace("\n", " ");
    }
}
