package org.nnmip.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The report printed by the shutdown hook when the interrupted command cannot report by itself in time. */
final class InterruptReport {
    private InterruptReport() {
    }

    /** {@code key} is the status field of the command's own report ({@code status} for solve, {@code result} for verify). */
    static void print(PrintWriter out, boolean json, String key, String subject, double seconds) {
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            if (subject != null) f.put(key.equals("status") ? "model" : "subject", subject);
            f.put(key, "interrupted");
            f.put("reason", "no result available when the signal arrived");
            f.put("time_s", seconds);
            try {
                out.println(new ObjectMapper().writeValueAsString(f));
            } catch (JsonProcessingException e) {
                out.println("{\"" + key + "\":\"interrupted\"}");
            }
        } else {
            String label = Character.toUpperCase(key.charAt(0)) + key.substring(1);
            out.printf(Locale.ROOT, "%-14s %s%n", label, "interrupted");
            out.printf(Locale.ROOT, "%-14s %s%n", "Reason", "no result available when the signal arrived");
            out.printf(Locale.ROOT, "%-14s %.3f s%n", "Time", seconds);
        }
        out.flush();
    }
}
