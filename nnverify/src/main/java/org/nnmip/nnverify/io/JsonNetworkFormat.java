package org.nnmip.nnverify.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * The nnmip JSON network format (see {@code nnverify/FORMAT.md}):
 * <pre>{@code
 * {"format": "nnmip-network", "version": 1, "inputSize": n,
 *  "layers": [
 *    {"type": "dense", "weights": [[...], ...], "bias": [...]},      // one weight row per output neuron
 *    {"type": "sparse", "inputSize": n, "rows": [[[col, w], ...], ...], "bias": [...]},
 *    {"type": "relu"},
 *    {"type": "reshape", "shape": [c, h, w]},
 *    {"type": "maxpool", "groups": [[i, j, ...], ...]},              // output g = max of inputs in group g
 *    {"type": "residual", "source": k}                                // adds layer k's output (-1 = input)
 *  ]}
 * }</pre>
 * Doubles are written with {@link Double#toString}, the shortest decimal that reads back to the same double, so
 * a write/read round trip is exact. Errors give {@code FILE:LINE: ...} with the line of the offending key or layer.
 */
public final class JsonNetworkFormat {
    public static final String FORMAT = "nnmip-network";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonNetworkFormat() { }

    public static void write(Network net, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(toJson(net));
            w.write('\n');
        }
    }

    /** The JSON text for {@code net}: one line per layer for readability. */
    public static String toJson(Network net) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"format\":\"").append(FORMAT).append("\",\"version\":").append(VERSION)
                .append(",\"inputSize\":").append(net.inputSize()).append(",\"layers\":[\n");
        List<Layer> layers = net.layers();
        for (int k = 0; k < layers.size(); k++) {
            sb.append("  ").append(layerNode(layers.get(k)).toString());
            sb.append(k + 1 < layers.size() ? ",\n" : "\n");
        }
        return sb.append("]}").toString();
    }

    private static ObjectNode layerNode(Layer layer) {
        ObjectNode n = MAPPER.createObjectNode();
        switch (layer) {
            case AffineLayer a when a.isDense() -> {
                n.put("type", "dense");
                ArrayNode rows = n.putArray("weights");
                for (double[] row : a.weights()) {
                    ArrayNode r = rows.addArray();
                    for (double v : row) r.add(v);
                }
                ArrayNode b = n.putArray("bias");
                for (double v : a.bias()) b.add(v);
            }
            case AffineLayer a -> {
                n.put("type", "sparse");
                n.put("inputSize", a.inputSize());
                ArrayNode rows = n.putArray("rows");
                for (int i = 0; i < a.outputSize(); i++) {
                    ArrayNode r = rows.addArray();
                    for (int k = a.rowStart(i); k < a.rowEnd(i); k++) r.addArray().add(a.column(k)).add(a.value(k));
                }
                ArrayNode b = n.putArray("bias");
                for (double v : a.bias()) b.add(v);
            }
            case ReluLayer r -> n.put("type", "relu");
            case ArctanLayer t -> n.put("type", "arctan");
            case ReshapeLayer r -> {
                n.put("type", "reshape");
                ArrayNode s = n.putArray("shape");
                for (int d : r.shape()) s.add(d);
            }
            case MaxPoolLayer m -> {
                n.put("type", "maxpool");
                n.put("inputSize", m.inputSize());
                ArrayNode gs = n.putArray("groups");
                for (int g = 0; g < m.groupCount(); g++) {
                    ArrayNode a = gs.addArray();
                    for (int j : m.group(g)) a.add(j);
                }
            }
            case ResidualAddLayer add -> {
                n.put("type", "residual");
                n.put("source", add.source());
            }
        }
        return n;
    }

    /** SHA-256 (hex) of the network's canonical JSON form, weights written exactly: identifies a network in certificates. */
    public static String sha256(Network net) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(toJson(net).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Network read(Path file) throws IOException, NetworkFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw NetworkFormatException.inFile(file, "not a UTF-8 text file (malformed byte sequence)");
        }
        return parse(text, file);
    }

    /** Parses JSON text; {@code file} names the source in error messages. */
    public static Network parse(String text, Path file) throws NetworkFormatException {
        // Streaming over the top level keeps the line of every key and every layer for error messages.
        Map<String, JsonNode> fields = new HashMap<>();
        Map<String, Integer> fieldLines = new HashMap<>();
        List<JsonNode> layerNodes = new ArrayList<>();
        List<Integer> layerLines = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw NetworkFormatException.atLine(file, lineOf(p), "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int line = lineOf(p);
                JsonToken t = p.nextToken();
                fieldLines.put(name, line);
                if (name.equals("layers") && t == JsonToken.START_ARRAY) {
                    fields.put(name, MAPPER.createArrayNode());
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        layerLines.add(lineOf(p));
                        layerNodes.add(p.readValueAsTree());
                    }
                } else {
                    fields.put(name, p.readValueAsTree());
                }
            }
            if (p.nextToken() != null) throw NetworkFormatException.atLine(file, lineOf(p), "unexpected content after the network object");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            throw NetworkFormatException.atLine(file, line, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw NetworkFormatException.atLine(file, 1, "unreadable JSON: " + e.getMessage());
        }
        JsonNode format = fields.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw NetworkFormatException.atLine(file, fieldLines.getOrDefault("format", 1), "expected \"format\": \"" + FORMAT + "\"");
        }
        JsonNode version = fields.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw NetworkFormatException.atLine(file, fieldLines.getOrDefault("version", 1), "expected \"version\": " + VERSION);
        }
        JsonNode inputSize = fields.get("inputSize");
        if (inputSize == null || !inputSize.isInt() || inputSize.intValue() <= 0) {
            throw NetworkFormatException.atLine(file, fieldLines.getOrDefault("inputSize", 1), "expected a positive integer \"inputSize\"");
        }
        if (layerNodes.isEmpty()) {
            throw NetworkFormatException.atLine(file, fieldLines.getOrDefault("layers", 1), "expected a non-empty array \"layers\"");
        }
        List<Layer> layers = new ArrayList<>();
        int size = inputSize.intValue();
        for (int k = 0; k < layerNodes.size(); k++) {
            String where = "layer " + k + ": ";
            try {
                Layer layer = layer(layerNodes.get(k), size, where);
                layers.add(layer);
                size = layer.outputSize();
            } catch (IllegalArgumentException e) {
                throw NetworkFormatException.atLine(file, layerLines.get(k), (e.getMessage().startsWith("layer ") ? "" : where) + e.getMessage());
            }
        }
        try {
            return new Network(inputSize.intValue(), layers);
        } catch (IllegalArgumentException e) {
            // Network validation names the layer ("layer K (...): ..."); report that layer's line.
            int line = fieldLines.get("layers");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^layer (\\d+) ").matcher(e.getMessage());
            if (m.find()) line = layerLines.get(Integer.parseInt(m.group(1)));
            throw NetworkFormatException.atLine(file, line, e.getMessage());
        }
    }

    private static int lineOf(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static Layer layer(JsonNode ln, int size, String where) {
        if (!ln.isObject()) throw new IllegalArgumentException(where + "expected an object");
        String type = ln.path("type").asText("");
        return switch (type) {
            case "dense" -> {
                JsonNode w = ln.path("weights");
                if (!w.isArray() || w.isEmpty()) throw new IllegalArgumentException(where + "expected \"weights\": [[...], ...]");
                double[][] weights = new double[w.size()][];
                for (int i = 0; i < w.size(); i++) weights[i] = doubles(w.get(i), where + "weights row " + i);
                double[] bias = doubles(ln.path("bias"), where + "bias");
                AffineLayer a = AffineLayer.dense(weights, bias);
                if (a.inputSize() != size) {
                    throw new IllegalArgumentException(where + "weight rows have " + a.inputSize() + " entries, expected " + size);
                }
                yield a;
            }
            case "sparse" -> {
                int n = ln.path("inputSize").asInt(-1);
                JsonNode rows = ln.path("rows");
                double[] bias = doubles(ln.path("bias"), where + "bias");
                if (!rows.isArray() || rows.size() != bias.length) {
                    throw new IllegalArgumentException(where + "expected \"rows\" with one entry list per bias");
                }
                int[] rs = new int[bias.length + 1];
                List<int[]> cols = new ArrayList<>();
                List<Double> vals = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    for (JsonNode e : rows.get(i)) {
                        if (!e.isArray() || e.size() != 2 || !e.get(0).isInt() || !e.get(1).isNumber()) {
                            throw new IllegalArgumentException(where + "row " + i + ": expected [column, weight] pairs");
                        }
                        cols.add(new int[] {e.get(0).intValue()});
                        vals.add(e.get(1).doubleValue());
                    }
                    rs[i + 1] = cols.size();
                }
                int[] c = new int[cols.size()];
                double[] v = new double[cols.size()];
                for (int q = 0; q < c.length; q++) { c[q] = cols.get(q)[0]; v[q] = vals.get(q); }
                yield AffineLayer.sparse(n, rs, c, v, bias);
            }
            case "relu" -> new ReluLayer(size);
            case "arctan" -> new ArctanLayer(size);
            case "reshape" -> {
                double[] s = doubles(ln.path("shape"), where + "shape");
                int[] shape = new int[s.length];
                for (int i = 0; i < s.length; i++) shape[i] = (int) s[i];
                yield new ReshapeLayer(shape);
            }
            case "maxpool" -> {
                JsonNode gs = ln.path("groups");
                if (!gs.isArray() || gs.isEmpty()) throw new IllegalArgumentException(where + "expected \"groups\": [[...], ...]");
                int[][] groups = new int[gs.size()][];
                for (int g = 0; g < gs.size(); g++) {
                    double[] d = doubles(gs.get(g), where + "group " + g);
                    groups[g] = new int[d.length];
                    for (int i = 0; i < d.length; i++) groups[g][i] = (int) d[i];
                }
                yield new MaxPoolLayer(size, groups);
            }
            case "residual" -> {
                if (!ln.path("source").isInt()) throw new IllegalArgumentException(where + "expected an integer \"source\"");
                yield new ResidualAddLayer(size, ln.get("source").intValue());
            }
            default -> throw new IllegalArgumentException(where + "unknown layer type '" + type
                    + "', expected dense, sparse, relu, reshape, maxpool or residual");
        };
    }

    private static double[] doubles(JsonNode a, String what) {
        if (!a.isArray()) throw new IllegalArgumentException(what + ": expected an array of numbers");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) throw new IllegalArgumentException(what + ": element " + i + " is not a number");
            v[i] = a.get(i).doubleValue();
        }
        return v;
    }
}
