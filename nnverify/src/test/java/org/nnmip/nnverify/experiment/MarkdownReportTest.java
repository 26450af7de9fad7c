package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class MarkdownReportTest {
    @Test
    void tablesEscapePipesAndPadRows(@TempDir Path dir) throws IOException {
        MarkdownReport r = new MarkdownReport("T").heading("H").table(List.of("a", "b"), List.of(List.of("x|y"), List.of("1", "2")));
        r.check("ordering holds", true, "3 of 3").check("equal radii", false, "0.5 vs 0.4");
        Path file = dir.resolve("sub/report.md");
        r.write(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("# T\n\n## H\n\n| a | b |\n|---|---|\n| x\\|y |  |\n| 1 | 2 |\n"), text);
        assertTrue(text.contains("**holds**: ordering holds (3 of 3)"), text);
        assertTrue(text.contains("**FAILS**: equal radii (0.5 vs 0.4)"), text);
        assertEquals(2, r.checks().size());
        assertFalse(new ExperimentReport(file, List.of(), r.checks()).allChecksPassed());
        assertThrows(IllegalArgumentException.class, () -> r.table(List.of("a"), List.of(List.of("1", "2"))));
    }

    @Test
    void numbersAreCompactAndSpellOutSpecialValues() {
        assertEquals("0.1235", MarkdownReport.num(0.123456));
        assertEquals("1.235e-05", MarkdownReport.num(1.23456e-5));
        assertEquals("∞", MarkdownReport.num(Double.POSITIVE_INFINITY));
        assertEquals("—", MarkdownReport.num(Double.NaN));
        assertEquals("0", MarkdownReport.num(0));
    }

    @Test
    void chartsAreWrittenAsPngOrSvgOnly(@TempDir Path dir) throws IOException {
        XYChart chart = new XYChart(200, 150);
        chart.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
        Charts.save(chart, dir.resolve("c.png"));
        Charts.save(chart, dir.resolve("c.svg"));
        assertTrue(Files.size(dir.resolve("c.png")) > 0);
        assertTrue(Files.readString(dir.resolve("c.svg")).contains("<svg"));
        assertThrows(IllegalArgumentException.class, () -> Charts.save(chart, dir.resolve("c.jpg")));
    }
}
