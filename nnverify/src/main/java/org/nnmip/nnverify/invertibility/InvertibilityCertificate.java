package org.nnmip.nnverify.invertibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nnmip.mip.LeafProofListener;
import org.nnmip.mip.MipCertificate;
import org.nnmip.mip.MipCertificateChecker;
import org.nnmip.mip.MipInstance;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.Network;

/**
 * A checkable proof of a Problem 1 (local invertibility) radius: f is injective on {@code B_q(x_c, r)} up to
 * {@code tol}, i.e. every pair {@code x, y} of the ball with {@code f(x) = f(y)} has {@code ||x - y||_inf < tol}.
 * Per input coordinate k, the fixed-radius two-copy MILP "max x_k - y_k" ({@link CollisionSearch}) is solved with
 * rigorous bounds, threshold {@code tol} and leaf recording; swapping x and y covers {@code y_k - x_k}, so the n
 * proofs together bound {@code ||x - y||_inf}.
 *
 * <p>{@link #check} rebuilds every MILP from the network and the claim (centre, radius, norm) with the code the
 * search uses, with pre-activation bounds re-derived at that radius (interval and outward-rounded symbolic
 * propagation; not the intersections with larger radii the search caches), and checks the leaves of each in exact
 * rational arithmetic ({@link MipCertificateChecker}): every leaf's Lagrangian bound is below {@code tol} and the
 * leaves cover every binary assignment. Trusted, not re-proved: that the big-M encoding built from those bounds
 * contains every pair of the real network. L-infinity and L1 balls only (the L2 ball's lazy tangent cuts are not
 * rebuilt by the checker).
 */
public final class InvertibilityCertificate {
    static final String FORMAT = "nnmip-invertibility-certificate-1";

    /** What is certified: f injective on {@code B_norm(center, radius)} up to {@code tol} (Problem 1). */
    public record Claim(BallNorm norm, double[] center, double radius, double tol) {
        public Claim {
            center = center.clone();
        }

        @Override
        public double[] center() {
            return center.clone();
        }

        public String describe() {
            return String.format(Locale.ROOT, "f is injective on the %s ball around %s of radius %s "
                            + "(f(x) = f(y) implies ||x - y||_inf < %.3g)",
                    norm.name().toLowerCase(Locale.ROOT), Arrays.toString(center), Double.toString(radius), tol);
        }
    }

    /** The proof for input coordinate {@code coordinate}: {@code max x_k - y_k < tol}. */
    public record Part(int coordinate, List<MipCertificate.Leaf> leaves) {
        public Part {
            leaves = List.copyOf(leaves);
        }
    }

    private final Claim claim;
    private final String networkDigest;
    private final List<Part> parts;

    InvertibilityCertificate(Claim claim, String networkDigest, List<Part> parts) {
        this.claim = claim;
        this.networkDigest = networkDigest;
        this.parts = List.copyOf(parts);
    }

    public Claim claim() { return claim; }
    public String networkDigest() { return networkDigest; }
    public List<Part> parts() { return parts; }

    public int leafCount() {
        return parts.stream().mapToInt(p -> p.leaves().size()).sum();
    }

    /** The same proof with another claim, digest or parts (tests build tampered copies this way). */
    public InvertibilityCertificate with(Claim otherClaim, String digest, List<Part> otherParts) {
        return new InvertibilityCertificate(otherClaim, digest, otherParts);
    }

    /**
     * Proves the radius of a local-invertibility result again, coordinate by coordinate, recording leaf proofs
     * (safe bounds, no propagation, one thread). IllegalStateException when the radius is 0 or L2, or a MILP cannot
     * be closed within {@code timeLimitSeconds} (each).
     */
    public static InvertibilityCertificate prove(Network net, double[] center, double radius, InvertibilityOptions options) {
        LocalInvertibility.checkCenter(net, center);
        if (options.norm() == BallNorm.L2) throw new IllegalStateException("certificates cover L-infinity and L1 balls, not L2");
        if (!(radius > 0) || !Double.isFinite(radius)) throw new IllegalStateException("radius " + radius + " certifies nothing");
        Claim claim = new Claim(options.norm(), center, radius, options.injectivityTol());
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < net.inputSize(); k++) {
            MipInstance instance = instance(net, claim, k);
            MipCertificate cert = new MipCertificate(instance);
            MipResult r = new MipSolver().recordLeafProofs(cert).solve(instance, MipParameters.defaults()
                    .withThreads(1).withSafeBounds(true).withPropagation(false).withObjectiveThreshold(claim.tol())
                    .withRelativeGap(0.0).withAbsoluteGap(claim.tol() / 4)
                    .withTimeLimitSeconds(options.timeLimitSeconds()));
            if (r.status() != MipStatus.THRESHOLD_REACHED && r.status() != MipStatus.INFEASIBLE
                    && r.status() != MipStatus.OPTIMAL) {
                throw new IllegalStateException("coordinate " + k + ": the recording MILP ended with "
                        + r.status().jsonName() + " (bound " + r.bestBound() + ")");
            }
            parts.add(new Part(k, cert.leaves()));
        }
        InvertibilityCertificate result = new InvertibilityCertificate(claim, digest(net), parts);
        String problem = result.check(net);
        if (problem != null) throw new IllegalStateException("the recorded proof does not check: " + problem);
        return result;
    }

    /** Null when the certificate proves its claim for this network; otherwise exactly what is wrong. */
    public String check(Network net) {
        String d = digest(net);
        if (!d.equals(networkDigest)) {
            return "the certificate was made for the network with SHA-256 " + networkDigest + ", this one has " + d;
        }
        int n = net.inputSize();
        if (claim.center().length != n) return "the claim's centre has " + claim.center().length + " components, the network " + n + " inputs";
        if (claim.norm() == BallNorm.L2) return "L2 balls cannot be certified";
        if (!(claim.radius() > 0) || !Double.isFinite(claim.radius())) return "the claimed radius " + claim.radius() + " is not positive and finite";
        if (!(claim.tol() > 0) || !Double.isFinite(claim.tol())) return "the tolerance " + claim.tol() + " is not positive and finite";
        for (double v : claim.center()) if (!Double.isFinite(v)) return "the claim's centre is not finite";
        if (parts.size() != n) return "the certificate has " + parts.size() + " coordinate proofs, the network " + n + " inputs";
        for (int k = 0; k < n; k++) {
            Part part = parts.get(k);
            if (part.coordinate() != k) return "proof " + k + " is for coordinate " + part.coordinate() + ", expected " + k;
            MipInstance instance;
            try {
                instance = instance(net, claim, k);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return "the claim does not fit the network: " + e.getMessage();
            }
            MipCertificateChecker.Report rep = MipCertificateChecker.check(instance,
                    new MipCertificate(instance, part.leaves()), claim.tol());
            if (!rep.valid()) return "coordinate " + k + ": " + rep.problem();
        }
        return null;
    }

    /** The fixed-radius MILP maximising {@code x_k - y_k}, rebuilt from the network and the claim. */
    private static MipInstance instance(Network net, Claim claim, int k) {
        int[] equal = new int[net.outputSize()];
        for (int j = 0; j < equal.length; j++) equal[j] = j;
        InvertibilityOptions o = InvertibilityOptions.defaults(claim.norm(), claim.radius());
        CollisionSearch search = new CollisionSearch(net, equal, null, claim.center(), o, (x, y) -> Optional.empty());
        return MipSolver.toInstance(search.fixedRadiusModel(claim.radius(), k));
    }

    /** SHA-256 of the network's canonical JSON form (weights written exactly). */
    public static String digest(Network net) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(JsonNetworkFormat.toJson(net).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- storage ------------------------------------------------------------------------------------------------

    public String toJson() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("network_sha256", networkDigest);
        ObjectNode c = root.putObject("claim");
        c.put("problem", "local");
        c.put("norm", claim.norm().name().toLowerCase(Locale.ROOT));
        ArrayNode ctr = c.putArray("center");
        for (double v : claim.center()) ctr.add(v);
        c.put("radius", claim.radius());
        c.put("tol", claim.tol());
        ArrayNode ps = root.putArray("coordinates");
        for (Part p : parts) {
            ObjectNode o = ps.addObject();
            o.put("coordinate", p.coordinate());
            ArrayNode ls = o.putArray("leaves");
            for (MipCertificate.Leaf leaf : p.leaves()) {
                ObjectNode l = ls.addObject();
                l.put("kind", leaf.kind() == LeafProofListener.Kind.BOUND ? "bound" : "farkas");
                ArrayNode cols = l.putArray("columns");
                for (int col : leaf.columns()) cols.add(col);
                put(l, "lower", leaf.lower());
                put(l, "upper", leaf.upper());
                put(l, "multipliers", leaf.multipliers());
            }
        }
        return m.writeValueAsString(root);
    }

    private static void put(ObjectNode o, String field, double[] v) {
        ArrayNode a = o.putArray(field);
        for (double x : v) a.add(x);
    }

    /** Reads a certificate; IllegalArgumentException naming the file and the field on malformed input. */
    public static InvertibilityCertificate read(Path file) throws IOException {
        String where = "certificate " + file;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(where + ": field 'format' must be " + FORMAT);
        }
        if (!root.path("network_sha256").isTextual()) throw new IllegalArgumentException(where + ": field 'network_sha256' must be a string");
        JsonNode c = root.path("claim");
        String at = where + ": claim";
        if (!c.isObject()) throw new IllegalArgumentException(at + " must be an object");
        if (!"local".equals(c.path("problem").asText())) throw new IllegalArgumentException(at + ".problem must be 'local'");
        BallNorm norm = switch (c.path("norm").asText()) {
            case "linf" -> BallNorm.LINF;
            case "l1" -> BallNorm.L1;
            default -> throw new IllegalArgumentException(at + ".norm must be 'linf' or 'l1'");
        };
        Claim claim = new Claim(norm, doubles(c.path("center"), at + ".center"), number(c.path("radius"), at + ".radius"),
                number(c.path("tol"), at + ".tol"));
        JsonNode ps = root.path("coordinates");
        if (!ps.isArray()) throw new IllegalArgumentException(where + ": field 'coordinates' must be an array");
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            String pat = where + ": coordinates[" + i + "]";
            JsonNode p = ps.get(i);
            if (!p.path("coordinate").isInt()) throw new IllegalArgumentException(pat + ".coordinate must be an integer");
            JsonNode ls = p.path("leaves");
            if (!ls.isArray()) throw new IllegalArgumentException(pat + ".leaves must be an array");
            List<MipCertificate.Leaf> leaves = new ArrayList<>();
            for (int t = 0; t < ls.size(); t++) {
                JsonNode l = ls.get(t);
                String lat = pat + ".leaves[" + t + "]";
                String kind = l.path("kind").asText();
                if (!kind.equals("bound") && !kind.equals("farkas")) {
                    throw new IllegalArgumentException(lat + ".kind must be 'bound' or 'farkas'");
                }
                JsonNode cn = l.path("columns");
                if (!cn.isArray()) throw new IllegalArgumentException(lat + ".columns must be an array");
                int[] cols = new int[cn.size()];
                for (int j = 0; j < cols.length; j++) {
                    if (!cn.get(j).isInt()) throw new IllegalArgumentException(lat + ".columns[" + j + "] must be an integer");
                    cols[j] = cn.get(j).asInt();
                }
                double[] lo = doubles(l.path("lower"), lat + ".lower");
                double[] up = doubles(l.path("upper"), lat + ".upper");
                if (lo.length != cols.length || up.length != cols.length) {
                    throw new IllegalArgumentException(lat + ": columns, lower and upper differ in length");
                }
                leaves.add(new MipCertificate.Leaf(kind.equals("bound") ? LeafProofListener.Kind.BOUND
                        : LeafProofListener.Kind.INFEASIBLE, cols, lo, up, doubles(l.path("multipliers"), lat + ".multipliers")));
            }
            parts.add(new Part(p.path("coordinate").asInt(), leaves));
        }
        return new InvertibilityCertificate(claim, root.path("network_sha256").asText(), parts);
    }

    private static double number(JsonNode n, String what) {
        if (!n.isNumber()) throw new IllegalArgumentException(what + " must be a number");
        return n.asDouble();
    }

    private static double[] doubles(JsonNode n, String what) {
        if (!n.isArray()) throw new IllegalArgumentException(what + " must be an array");
        double[] r = new double[n.size()];
        for (int i = 0; i < r.length; i++) r[i] = number(n.get(i), what + "[" + i + "]");
        return r;
    }
}
