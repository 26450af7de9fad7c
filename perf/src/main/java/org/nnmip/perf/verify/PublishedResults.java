package org.nnmip.perf.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected answers and published per-instance times of the shared data's GROUND_TRUTH.md: the ACAS Xu table
 * and the VNN-COMP 2021 mnistfc table (the vnnlib files we have are the 2021 ones; the 2022 table is skipped).
 * Rows are keyed {@code net/prop} ({@code 1_1/prop_2}, {@code 256x2/prop_0_0.03}); values by column header.
 */
final class PublishedResults {
    private final Map<String, Map<String, String>> rows = new HashMap<>();

    static PublishedResults read(Path groundTruthMd) throws IOException {
        PublishedResults r = new PublishedResults();
        if (!Files.isRegularFile(groundTruthMd)) return r;
        List<String> lines = Files.readAllLines(groundTruthMd);
        boolean wanted = false;
        String[] header = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                wanted = line.startsWith("## ACAS Xu") || line.startsWith("## VNN-COMP 2021 mnistfc");
                header = null;
                continue;
            }
            if (!wanted || !line.startsWith("|")) {
                if (!line.startsWith("|")) header = null;
                continue;
            }
            String[] cells = cells(line);
            if (cells.length >= 3 && cells[0].equals("net") && cells[1].equals("prop")) {
                header = cells;
                continue;
            }
            if (header == null || cells.length != header.length || cells[0].startsWith("---")) continue;
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < cells.length; i++) row.put(header[i], cells[i]);
            r.rows.putIfAbsent(cells[0] + "/" + cells[1], row);
        }
        return r;
    }

    private static String[] cells(String line) {
        String t = line.strip();
        if (t.startsWith("|")) t = t.substring(1);
        if (t.endsWith("|")) t = t.substring(0, t.length() - 1);
        String[] c = t.split("\\|", -1);
        for (int i = 0; i < c.length; i++) c[i] = c[i].strip();
        return c;
    }

    /** The cell of the first of {@code columns} present in the row, or "-". */
    String get(String key, String... columns) {
        Map<String, String> row = rows.get(key);
        if (row == null) return "-";
        for (String c : columns) if (row.containsKey(c)) return row.get(c);
        return "-";
    }

    /** "holds" / "violated" / "unknown", or "-" when the instance is not in the tables. */
    String expected(String key) {
        return get(key, "expected");
    }

    int size() { return rows.size(); }
}
