package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.mip.LeafProofListener;
import org.nnmip.mip.MipCertificate;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.lipschitz.BackwardEncoding;
import org.nnmip.nnverify.lipschitz.InputDomain;
import org.nnmip.nnverify.lipschitz.InputNorm;
import org.nnmip.nnverify.lipschitz.LipMip;
import org.nnmip.nnverify.lipschitz.LipschitzCertificate;
import org.nnmip.nnverify.lipschitz.LipschitzProblem;
import org.nnmip.nnverify.lipschitz.OutputFunctional;
import org.nnmip.nnverify.net.Network;

/** Leaf proofs in JSON: dense and sparse multipliers round-trip bit for bit; malformed sparse objects are named. */
class LeafProofJsonTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static List<MipCertificate.Leaf> roundTrip(List<MipCertificate.Leaf> leaves) throws Exception {
        ArrayNode a = M.createArrayNode();
        LeafProofJson.writeLeaves(a, leaves);
        return LeafProofJson.readLeaves(M.readTree(M.writeValueAsString(a)), "leaves");
    }

    private static MipCertificate.Leaf leaf(double[] y) {
        return new MipCertificate.Leaf(LeafProofListener.Kind.BOUND, new int[] {2, 5}, new double[] {0, 1},
                new double[] {0, 1}, y);
    }

    @Test
    void mostlyZeroMultipliersAreWrittenSparseAndReadBackExactly() throws Exception {
        Random rnd = new Random(5);
        double[] sparse = new double[200];
        for (int k = 0; k < 7; k++) sparse[rnd.nextInt(200)] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10);
        sparse[3] = -0.0; // left out like +0.0: it reads back as 0.0
        sparse[199] = Double.MIN_VALUE;
        double[] dense = new double[5];
        for (int i = 0; i < dense.length; i++) dense[i] = rnd.nextGaussian();
        List<MipCertificate.Leaf> leaves = List.of(leaf(sparse), leaf(dense), leaf(new double[0]),
                new MipCertificate.Leaf(LeafProofListener.Kind.INFEASIBLE, new int[0], new double[0], new double[0],
                        new double[50]));

        ArrayNode a = M.createArrayNode();
        LeafProofJson.writeLeaves(a, leaves);
        assertTrue(a.get(0).get("multipliers").isObject(), a.get(0).toString());
        assertEquals(200, a.get(0).get("multipliers").get("size").asInt());
        assertTrue(a.get(1).get("multipliers").isArray(), "all non-zero: the dense array is shorter");
        assertTrue(a.get(3).get("multipliers").isObject(), "all zero: the sparse object is shorter");
        assertEquals(0, a.get(3).get("multipliers").get("rows").size());
        assertEquals("farkas", a.get(3).get("kind").asText());

        List<MipCertificate.Leaf> back = roundTrip(leaves);
        assertEquals(leaves.size(), back.size());
        for (int t = 0; t < leaves.size(); t++) {
            MipCertificate.Leaf x = leaves.get(t);
            MipCertificate.Leaf y = back.get(t);
            assertEquals(x.kind(), y.kind());
            assertArrayEquals(x.columns(), y.columns());
            assertArrayEquals(x.lower(), y.lower());
            assertArrayEquals(x.upper(), y.upper());
            assertEquals(x.multipliers().length, y.multipliers().length);
            for (int i = 0; i < x.multipliers().length; i++) {
                double v = x.multipliers()[i];
                double w = y.multipliers()[i];
                if (v == 0) assertTrue(w == 0, "leaf " + t + ", row " + i);
                else assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(w), "leaf " + t + ", row " + i);
            }
        }
    }

    @Test
    void malformedSparseMultipliersAreRejectedWithTheField() throws Exception {
        String[][] cases = {
                {"{\"size\":3,\"rows\":[0,3],\"values\":[1,2]}", "leaves[0].multipliers.rows[1] = 3 is out of range 0..2"},
                {"{\"size\":3,\"rows\":[-1],\"values\":[1]}", "leaves[0].multipliers.rows[0] = -1 is out of range"},
                {"{\"size\":3,\"rows\":[0,1],\"values\":[1]}", "leaves[0].multipliers: rows has 2 entries, values 1"},
                {"{\"size\":3,\"rows\":[1,1],\"values\":[1,2]}", "leaves[0].multipliers.rows[1] = 1 is a duplicate row"},
                {"{\"rows\":[1],\"values\":[1]}", "leaves[0].multipliers.size must be an integer"},
                {"{\"size\":-1,\"rows\":[],\"values\":[]}", "leaves[0].multipliers.size must be between 0 and"},
                {"{\"size\":2000000000,\"rows\":[],\"values\":[]}", "leaves[0].multipliers.size must be between 0 and"},
                {"{\"size\":3,\"rows\":[0.5],\"values\":[1]}", "leaves[0].multipliers.rows[0] must be an integer"},
                {"{\"size\":3,\"rows\":[0],\"values\":[\"x\"]}", "leaves[0].multipliers.values[0] must be a number"},
                {"{\"size\":3,\"values\":[]}", "leaves[0].multipliers.rows must be an array"},
                {"7", "leaves[0].multipliers must be an array or a {size, rows, values} object"},
        };
        for (String[] c : cases) {
            JsonNode ls = M.readTree("[{\"kind\":\"bound\",\"columns\":[],\"lower\":[],\"upper\":[],\"multipliers\":"
                    + c[0] + "}]");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LeafProofJson.readLeaves(ls, "certificate f.json: leaves"), c[0]);
            assertTrue(e.getMessage().startsWith("certificate f.json: " + c[1]), c[0] + " -> " + e.getMessage());
        }
        // the old dense form is still read
        JsonNode old = M.readTree("[{\"kind\":\"farkas\",\"columns\":[1],\"lower\":[0],\"upper\":[1],\"multipliers\":[0,2.5,0]}]");
        assertArrayEquals(new double[] {0, 2.5, 0}, LeafProofJson.readLeaves(old, "leaves").get(0).multipliers());
    }

    /**
     * A real LipMIP certificate is written sparse and checks after reading; the same file rewritten with the old
     * dense arrays checks too, and a changed sparse value is rejected by the exact checker.
     */
    @Test
    void sparseCertificateChecksDenseRewriteChecksAndTamperingIsRejected(@TempDir Path dir) throws Exception {
        Random rnd = new Random(21);
        Network net = RandomNetworks.dense(rnd, 2, 8, 6, 2);
        LipschitzProblem p = new LipschitzProblem(net, new OutputFunctional(new double[] {1, -1}),
                InputDomain.box(new double[] {-1, -1}, new double[] {1, 1}), InputNorm.LINF);
        LipschitzCertificate cert = LipschitzCertificate.prove(p, BackwardEncoding.SWITCH, LipMip.solve(p).upper(), 30);
        String json = cert.toJson();
        Path file = dir.resolve("sparse.json");
        Files.writeString(file, json);
        assertNull(LipschitzCertificate.read(file).check(net));

        ObjectNode root = (ObjectNode) M.readTree(json);
        ArrayNode leaves = (ArrayNode) root.get("leaves");
        int sparse = 0;
        for (JsonNode l : leaves) if (l.get("multipliers").isObject()) sparse++;
        assertTrue(sparse > 0, "some leaf should be written sparse");

        // Old layout: every multiplier vector dense.
        ObjectNode dense = root.deepCopy();
        for (JsonNode l : dense.get("leaves")) {
            ObjectNode o = (ObjectNode) l;
            double[] y = LeafProofJson.readLeaves(M.createArrayNode().add(o), "x").get(0).multipliers();
            ArrayNode a = o.putArray("multipliers");
            for (double v : y) a.add(v);
        }
        Path old = dir.resolve("dense.json");
        Files.writeString(old, M.writeValueAsString(dense));
        assertTrue(Files.size(old) > Files.size(file), Files.size(old) + " vs " + Files.size(file));
        LipschitzCertificate fromDense = LipschitzCertificate.read(old);
        assertNull(fromDense.check(net));
        assertEquals(cert.leaves().size(), fromDense.leaves().size());

        // Tampering: the largest sparse value of a leaf made 1000 times larger and its sign flipped. The value read
        // back is the tampered one; the checker rejects the leaf unless the changed multiplier was not needed (a
        // still-valid proof is still a proof), so most, not all, tampered copies must fail.
        int rejected = 0;
        int tried = 0;
        for (int t = 0; t < leaves.size() && tried < 8; t++) {
            JsonNode y = leaves.get(t).get("multipliers");
            if (!y.isObject() || y.get("values").isEmpty()) continue;
            tried++;
            ObjectNode bad = root.deepCopy();
            JsonNode sy = bad.get("leaves").get(t).get("multipliers");
            ArrayNode values = (ArrayNode) sy.get("values");
            int k = 0;
            for (int i = 1; i < values.size(); i++) if (Math.abs(values.get(i).asDouble()) > Math.abs(values.get(k).asDouble())) k = i;
            double changed = -1000 * values.get(k).asDouble();
            values.set(k, changed);
            Path tampered = dir.resolve("tampered" + t + ".json");
            Files.writeString(tampered, M.writeValueAsString(bad));
            LipschitzCertificate read = LipschitzCertificate.read(tampered);
            assertEquals(changed, read.leaves().get(t).multipliers()[sy.get("rows").get(k).asInt()]);
            String why = read.check(net);
            if (why != null) {
                assertTrue(why.contains("leaf"), why);
                rejected++;
            }
        }
        assertTrue(tried > 0, "no sparse leaf with a non-zero multiplier to tamper with");
        assertTrue(2 * rejected > tried, rejected + " of " + tried + " tampered certificates rejected");

        // A malformed sparse object in a certificate file: a clear error naming the file and the leaf.
        ObjectNode bad = root.deepCopy();
        for (JsonNode l : bad.get("leaves")) {
            if (l.get("multipliers").isObject()) {
                ((ArrayNode) l.get("multipliers").get("rows")).add(0).add(0);
                ((ArrayNode) l.get("multipliers").get("values")).add(1).add(1);
                break;
            }
        }
        Path malformed = dir.resolve("malformed.json");
        Files.writeString(malformed, M.writeValueAsString(bad));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LipschitzCertificate.read(malformed));
        assertTrue(e.getMessage().contains("malformed.json") && e.getMessage().contains("multipliers.rows[")
                && e.getMessage().contains("duplicate row"), e.getMessage());
    }
}
