package org.nnmip.lp.solver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnmip.lp.LpProblem;

/**
 * A small free-format MPS reader for the netlib tests (the real reader lives in the engine module, which this
 * module must not depend on). Handles ROWS/COLUMNS/RHS/RANGES/BOUNDS; RHS on the objective row is minus the
 * objective offset; RANGES follow the MPS rules (E rows: sign of R decides the side).
 */
final class TestMpsReader {
    private TestMpsReader() {
    }

    static LpProblem read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, Character> rowType = new LinkedHashMap<>();
        Map<String, Integer> rowIndex = new HashMap<>();
        String objRow = null;
        Map<String, Integer> colIndex = new LinkedHashMap<>();
        List<String> colNames = new ArrayList<>();
        List<Map<Integer, Double>> columns = new ArrayList<>();
        Map<Integer, Double> cost = new HashMap<>();
        Map<Integer, Double> rhs = new HashMap<>();
        Map<Integer, Double> range = new HashMap<>();
        List<double[]> colBounds = new ArrayList<>();
        double offset = 0;
        String section = "";
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            if (raw.isBlank() || raw.startsWith("*")) continue;
            String[] tok = raw.trim().split("\\s+");
            if (!Character.isWhitespace(raw.charAt(0))) {
                section = tok[0];
                continue;
            }
            switch (section) {
                case "ROWS" -> {
                    char t = tok[0].charAt(0);
                    if (t == 'N') {
                        if (objRow == null) objRow = tok[1];
                        continue;
                    }
                    rowIndex.put(tok[1], rowType.size());
                    rowType.put(tok[1], t);
                }
                case "COLUMNS" -> {
                    if (tok.length >= 3 && tok[1].contains("MARKER")) continue;
                    Integer j = colIndex.get(tok[0]);
                    if (j == null) {
                        j = colNames.size();
                        colIndex.put(tok[0], j);
                        colNames.add(tok[0]);
                        columns.add(new LinkedHashMap<>());
                        colBounds.add(new double[]{0.0, Double.POSITIVE_INFINITY});
                    }
                    for (int k = 1; k + 1 < tok.length; k += 2) {
                        double v = Double.parseDouble(tok[k + 1]);
                        if (tok[k].equals(objRow)) cost.merge(j, v, Double::sum);
                        else if (rowIndex.containsKey(tok[k])) columns.get(j).merge(rowIndex.get(tok[k]), v, Double::sum);
                        else if (!rowType.containsKey(tok[k])) {
                            // another N row: ignored
                        }
                    }
                }
                case "RHS", "RANGES" -> {
                    int first = tok.length % 2 == 1 ? 1 : 0; // the set name is optional
                    for (int k = first; k + 1 < tok.length; k += 2) {
                        double v = Double.parseDouble(tok[k + 1]);
                        if (section.equals("RHS")) {
                            if (tok[k].equals(objRow)) offset = -v;
                            else if (rowIndex.containsKey(tok[k])) rhs.put(rowIndex.get(tok[k]), v);
                        } else if (rowIndex.containsKey(tok[k])) {
                            range.put(rowIndex.get(tok[k]), v);
                        }
                    }
                }
                case "BOUNDS" -> {
                    String type = tok[0];
                    String colName = tok.length >= 4 ? tok[2] : tok[1];
                    boolean noValue = type.equals("FR") || type.equals("MI") || type.equals("PL") || type.equals("BV");
                    if (!noValue && tok.length < 4) colName = tok[1];
                    Integer j = colIndex.get(colName);
                    if (j == null && tok.length >= 3) j = colIndex.get(tok[tok.length - (noValue ? 1 : 2)]);
                    if (j == null) throw new IOException(file + ":" + lineNo + ": unknown column in BOUNDS");
                    double v = noValue ? 0 : Double.parseDouble(tok[tok.length - 1]);
                    double[] b = colBounds.get(j);
                    switch (type) {
                        case "UP", "UI" -> {
                            b[1] = v;
                            if (v < 0 && b[0] == 0.0) b[0] = Double.NEGATIVE_INFINITY;
                        }
                        case "LO", "LI" -> b[0] = v;
                        case "FX" -> {
                            b[0] = v;
                            b[1] = v;
                        }
                        case "FR" -> {
                            b[0] = Double.NEGATIVE_INFINITY;
                            b[1] = Double.POSITIVE_INFINITY;
                        }
                        case "MI" -> b[0] = Double.NEGATIVE_INFINITY;
                        case "PL" -> b[1] = Double.POSITIVE_INFINITY;
                        case "BV" -> {
                            b[0] = 0;
                            b[1] = 1;
                        }
                        default -> throw new IOException(file + ":" + lineNo + ": bound type " + type);
                    }
                }
                default -> {
                    // NAME, OBJSENSE and others: nothing to do for these files
                }
            }
        }
        LpProblem p = new LpProblem();
        p.setName(file.getFileName().toString());
        p.setObjectiveOffset(offset);
        for (int j = 0; j < colNames.size(); j++) {
            double[] b = colBounds.get(j);
            p.addColumn(colNames.get(j), cost.getOrDefault(j, 0.0), b[0], b[1]);
        }
        int m = rowType.size();
        List<List<Integer>> rowIdx = new ArrayList<>();
        List<List<Double>> rowVal = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            rowIdx.add(new ArrayList<>());
            rowVal.add(new ArrayList<>());
        }
        for (int j = 0; j < columns.size(); j++) {
            for (Map.Entry<Integer, Double> e : columns.get(j).entrySet()) {
                rowIdx.get(e.getKey()).add(j);
                rowVal.get(e.getKey()).add(e.getValue());
            }
        }
        int i = 0;
        for (Map.Entry<String, Character> e : rowType.entrySet()) {
            double r = rhs.getOrDefault(i, 0.0);
            double lo;
            double up;
            switch (e.getValue()) {
                case 'E' -> {
                    lo = r;
                    up = r;
                }
                case 'L' -> {
                    lo = Double.NEGATIVE_INFINITY;
                    up = r;
                }
                case 'G' -> {
                    lo = r;
                    up = Double.POSITIVE_INFINITY;
                }
                default -> throw new IOException(file + ": row type " + e.getValue());
            }
            Double rg = range.get(i);
            if (rg != null) {
                char t = e.getValue();
                if (t == 'E') {
                    if (rg >= 0) up = r + rg;
                    else lo = r + rg;
                } else if (t == 'L') {
                    lo = r - Math.abs(rg);
                } else {
                    up = r + Math.abs(rg);
                }
            }
            int[] idx = rowIdx.get(i).stream().mapToInt(Integer::intValue).toArray();
            double[] val = rowVal.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            p.addRow(e.getKey(), idx, val, lo, up);
            i++;
        }
        return p;
    }
}
