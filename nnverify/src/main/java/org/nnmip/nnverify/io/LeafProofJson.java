package org.nnmip.nnverify.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * {@code {"kind": "bound"|"farkas", "columns": [..], "lower": [..], "upper": [..], "multipliers": M}} where M is
 * either the dense array of one multiplier per row or, when that is shorter (most multipliers are zero), the sparse
 * object {@code {"size": m, "rows": [..], "values": [..]}} listing the rows whose multiplier is not zero (-0.0
 * reads back as 0.0, every other value bit for bit). Both forms are read. Every error is an IllegalArgumentException whose message names the field ("... must be ...").
 */
public final class LeafProofJson {
    /** Bound on a sparse multiplier vector's size, so a corrupt file cannot make the reader allocate gigabytes. */
    static final int MAX_SPARSE_SIZE = 1 << 27;

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
            l.set("multipliers", multipliers(leaf.multipliers()));
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
                    : LeafProofListener.Kind.INFEASIBLE, cols, lo, up, readMultipliers(l.path("multipliers"),
                    lat + ".multipliers")));
        }
        return leaves;
    }

    /** The shorter of the dense array and the sparse object (the dense one on a tie). */
    static JsonNode multipliers(double[] y) {
        ArrayNode dense = JsonNodeFactory.instance.arrayNode(y.length);
        for (double v : y) dense.add(v);
        ObjectNode sparse = JsonNodeFactory.instance.objectNode();
        sparse.put("size", y.length);
        ArrayNode rows = sparse.putArray("rows");
        ArrayNode values = sparse.putArray("values");
        for (int i = 0; i < y.length; i++) {
            // -0.0 is left out too (the solver writes many): a zero multiplier, of either sign, adds nothing
            if (y[i] != 0) {
                rows.add(i);
                values.add(y[i]);
            }
        }
        return sparse.toString().length() < dense.toString().length() ? sparse : dense;
    }

    /** Dense array or sparse object {@code {"size", "rows", "values"}}; errors name {@code what}. */
    static double[] readMultipliers(JsonNode n, String what) {
        if (!n.isObject()) {
            if (!n.isArray()) throw new IllegalArgumentException(what + " must be an array or a {size, rows, values} object");
            return doubles(n, what);
        }
        int size = integer(n.path("size"), what + ".size");
        if (size < 0 || size > MAX_SPARSE_SIZE) {
            throw new IllegalArgumentException(what + ".size must be between 0 and " + MAX_SPARSE_SIZE + ", got " + size);
        }
        int[] rows = ints(n.path("rows"), what + ".rows");
        double[] values = doubles(n.path("values"), what + ".values");
        if (rows.length != values.length) {
            throw new IllegalArgumentException(what + ": rows has " + rows.length + " entries, values " + values.length);
        }
        double[] y = new double[size];
        boolean[] seen = new boolean[size];
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            if (r < 0 || r >= size) {
                throw new IllegalArgumentException(what + ".rows[" + k + "] = " + r + " is out of range 0.." + (size - 1));
            }
            if (seen[r]) throw new IllegalArgumentException(what + ".rows[" + k + "] = " + r + " is a duplicate row");
            seen[r] = true;
            y[r] = values[k];
        }
        return y;
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
