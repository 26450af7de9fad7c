package org.nnmip.perf.mip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Known optimal values from a MIPLIB {@code .solu} file: lines {@code =opt= name value} (proven optimum) and
 * {@code =inf= name} (proven infeasible); {@code =best=} lines and anything else are ignored, since a best-known
 * value cannot judge a claimed optimum.
 */
public final class KnownOptima {
    private final Map<String, Double> optima;

    private KnownOptima(Map<String, Double> optima) {
        this.optima = optima;
    }

    public static KnownOptima none() {
        return new KnownOptima(Map.of());
    }

    public static KnownOptima read(Path solu) throws IOException {
        return parse(Files.readAllLines(solu), solu.toString());
    }

    static KnownOptima parse(List<String> lines, String source) {
        Map<String, Double> map = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("=opt=")) {
                try {
                    map.put(f[1], Double.parseDouble(f[2]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + (i + 1) + ": bad value " + f[2], e);
                }
            } else if (f.length >= 2 && f[0].equals("=inf=")) {
                map.put(f[1], Double.NaN);
            }
        }
        return new KnownOptima(map);
    }

    /** True when the file names this instance as optimal or infeasible. */
    public boolean knows(String instance) {
        return optima.containsKey(instance);
    }

    /** The proven optimum; NaN when infeasible or unknown (ask {@link #knows}). */
    public double optimum(String instance) {
        return optima.getOrDefault(instance, Double.NaN);
    }
}
