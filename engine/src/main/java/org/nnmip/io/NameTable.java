package org.nnmip.io;

import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Assigns unique, format-safe names: sanitise, then add a numeric suffix on collision. */
final class NameTable {
    private final Set<String> used = new HashSet<>();
    private final UnaryOperator<String> sanitiser;

    NameTable(UnaryOperator<String> sanitiser) {
        this.sanitiser = sanitiser;
    }

    /** Reserves a name that must keep its spelling (e.g. the objective row). */
    void reserve(String name) {
        used.add(name);
    }

    String unique(String raw, String fallback) {
        String s = raw == null || raw.isEmpty() ? fallback : sanitiser.apply(raw);
        if (s.isEmpty()) s = fallback;
        String candidate = s;
        for (int k = 1; !used.add(candidate); k++) candidate = s + "_" + k;
        return candidate;
    }
}
