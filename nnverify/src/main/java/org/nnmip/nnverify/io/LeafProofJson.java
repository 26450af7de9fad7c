package org.nnmip.nnverify.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnmip.mip.LeafProofListener;
import org.nnmip.mip.MipCertificate;

/**
 * The JSON form of branch-and-bound leaf proofs shared by every certificate that carries them (verify, Lipschitz,
 * invertibility, resilience), and the field readers they use. A leaf is
 * {@code {"kind": "bound"|"farkas", "columns": [..], "lower": [..], "upper": [..], "multipliers": [..]}}, one
 * multiplier per row. Every error is an IllegalArgumentException whose message names the field ("... must be ...").
 */
public final class LeafProofJson {
    private LeafProofJson() { }

    /** The parsed file; IllegalArgumentException "{@code where}: not JSON (...)" when it is not JSON. */
    public static JsonNode readTree(Path file, String where) throws IOException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    // ---- leaves -------------------------------------------------------------------------------------------------

    /** Appends one object per leaf to {@code out}. */
    public static void writeLeaves(ArrayNode out, List<MipCertificate.Leaf> leaves) {
        for (MipCertificate.Leaf leaf : leaves) {
            ObjectNode l = out.addObject();
            l.put("kind", leaf.kind() == LeafProofListener.Kind.BOUND ? "bound" : "farkas");
            ArrayNode cols = l.putArray("columns");
            for (int c : leaf.columns()) cols.add(c);
            putDoubles(l, "lower", leaf.lower());
            putDoubles(l, "upper", leaf.upper());
            putDoubles(l, "multipliers", leaf.multipliers());
        }
    }

    /** The leaves of the array {@code ls}; errors name {@code at} (e.g. "certificate f: leaves") and the element. */
    public static List<MipCertificate.Leaf> readLeaves(JsonNode ls, String at) {
        if (!ls.isArray()) throw new IllegalArgumentException(at + " must be an array");
        List<MipCertificate.Leaf> leaves = new ArrayList<>();
        for (int t = 0; t < ls.size(); t++) {
            JsonNode l = ls.get(t);
            String lat = at + "[" + t + "]";
            String kind = l.path("kind").asText();
            if (!kind.equals("bound") && !kind.equals("farkas")) {
                throw new IllegalArgumentException(lat + ".kind must be 'bound' or 'farkas'");
            }
            int[] cols = ints(l.path("columns"), lat + ".columns");
            double[] lo = doubles(l.path("lower"), lat + ".lower");
            double[] up = doubles(l.path("upper"), lat + ".upper");
            if (lo.length != cols.length || up.length != cols.length) {
                throw new IllegalArgumentException(lat + ": columns, lower and upper differ in length");
            }
            leaves.add(new MipCertificate.Leaf(kind.equals("bound") ? LeafProofListener.Kind.BOUND
                    : LeafProofListener.Kind.INFEASIBLE, cols, lo, up, doubles(l.path("multipliers"),
                    lat + ".multipliers")));
        }
        return leaves;
    }

    // ---- fields -------------------------------------------------------------------------------------------------

    /** Puts {@code field} as an array of the values (doubles in their shortest exact round-trip form). */
    public static void putDoubles(ObjectNode o, String field, double[] v) {
        ArrayNode a = o.putArray(field);
        for (double x : v) a.add(x);
    }

    public static int integer(JsonNode n, String what) {
        if (!n.isInt()) throw new IllegalArgumentException(what + " must be an integer");
        return n.asInt();
    }

    public static int[] ints(JsonNode n, String what) {
        if (!n.isArray()) throw new IllegalArgumentException(what + " must be an array");
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) r[i] = integer(n.get(i), what + "[" + i + "]");
        return r;
    }

    public static double number(JsonNode n, String what) {
        if (!n.isNumber()) throw new IllegalArgumentException(what + " must be a number");
        return n.asDouble();
    }

    public static double[] doubles(JsonNode n, String what) {
        if (!n.isArray()) throw new IllegalArgumentException(what + " must be an array");
        double[] r = new double[n.size()];
        for (int i = 0; i < r.length; i++) r[i] = number(n.get(i), what + "[" + i + "]");
        return r;
    }

    public static String text(JsonNode n, String what) {
        if (!n.isTextual()) throw new IllegalArgumentException(what + " must be a string");
        return n.asText();
    }
}
