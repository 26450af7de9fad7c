package org.nnmip.nnverify.resilience;

import static org.nnmip.nnverify.io.LeafProofJson.doubles;
import static org.nnmip.nnverify.io.LeafProofJson.integer;
import static org.nnmip.nnverify.io.LeafProofJson.number;
import static org.nnmip.nnverify.io.LeafProofJson.putDoubles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nnmip.mip.MipCertificate;
import org.nnmip.mip.MipCertificateChecker;
import org.nnmip.mip.MipInstance;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.io.LeafProofJson;
import org.nnmip.nnverify.net.Network;

/**
 * A checkable proof of a maximum-resilience lower bound {@code Phi_m(alpha, k) > lower} (Cheng, Nührenberg &amp;
 * Ruess 2017), or that the problem is infeasible (no input of the box has class m with confidence alpha and k
 * reachable rivals). The resilience MIP is solved again with rigorous bounds, no propagation, threshold
 * {@code lower} and leaf recording.
 *
 * <p>{@link #check} rebuilds the MIP from the network and the claim (box, class, alpha, k, norm, big-M source,
 * arctan pieces) with the code {@code resilience} uses, without look-back tightening (its LP/MIP bounds depend on a
 * time budget, so the checker could not reproduce them): interval or outward-rounded symbolic bounds are re-derived
 * from the network. Then every leaf is checked in exact rational arithmetic ({@link MipCertificateChecker}).
 * Trusted, not re-proved: that this encoding contains every pair (a, a + eps) of the real network (with arctan, its
 * sound enclosure). "Infeasible by the bounds alone" (fewer than k classes can ever reach class m) needs no leaves.
 */
public final class ResilienceCertificate {
    static final String FORMAT = "nnmip-resilience-certificate-1";

    /**
     * What is certified.
     *
     * @param lower {@code Phi > lower}; {@code +inf} claims infeasibility
     */
    public record Claim(Box box, int classIndex, double alpha, int k, ResilienceOptions.Norm norm,
                        ResilienceOptions.BigM bigM, double constantM, int arctanPieces, double lower) {
        public boolean infeasible() { return lower == Double.POSITIVE_INFINITY; }

        public String describe() {
            String what = String.format(Locale.ROOT, "Phi_%d(alpha = %s, k = %d) in %s over the box %s", classIndex,
                    Double.toString(alpha), k, norm.name().toLowerCase(Locale.ROOT), box);
            return infeasible() ? what + " is infeasible (no input has the class with that confidence)"
                    : what + " is > " + lower;
        }

        ResilienceOptions options() {
            return ResilienceOptions.defaults().withNorm(norm).withK(k).withBigM(bigM).withConstantM(constantM)
                    .withArctanPieces(arctanPieces).withLookBack(0);
        }
    }

    private final Claim claim;
    private final String networkDigest;
    private final List<MipCertificate.Leaf> leaves;

    ResilienceCertificate(Claim claim, String networkDigest, List<MipCertificate.Leaf> leaves) {
        this.claim = claim;
        this.networkDigest = networkDigest;
        this.leaves = List.copyOf(leaves);
    }

    public Claim claim() { return claim; }
    public String networkDigest() { return networkDigest; }
    public List<MipCertificate.Leaf> leaves() { return leaves; }

    /** The same proof with another claim, digest or leaves (tests build tampered copies this way). */
    public ResilienceCertificate with(Claim otherClaim, String digest, List<MipCertificate.Leaf> otherLeaves) {
        return new ResilienceCertificate(otherClaim, digest, otherLeaves);
    }

    /** The lower bound a certificate of a reported bound {@code b} claims: b shrunk by a relative 1e-8 (plus 1e-9). */
    public static double claimFor(double reportedBound) {
        return reportedBound - 1e-8 * Math.abs(reportedBound) - 1e-9;
    }

    /**
     * Certifies a {@code phi} result: its proven bound (as {@link #claimFor}), or its infeasibility. IllegalStateException
     * when the result proves nothing (no positive bound) or the recording search does not close in time.
     */
    public static ResilienceCertificate prove(Network net, Box box, int m, double alpha, ResilienceOptions o,
                                              ResilienceResult result, double timeLimitSeconds) {
        double lower;
        if (result.status().equals("infeasible")) lower = Double.POSITIVE_INFINITY;
        else if (result.bound() > 0 && Double.isFinite(result.bound())) lower = claimFor(result.bound());
        else throw new IllegalStateException("the result proves no positive lower bound (bound " + result.bound() + ")");
        Claim claim = new Claim(box, m, alpha, o.k(), o.norm(), o.bigM(), o.constantM(), o.arctanPieces(), lower);
        Built b = build(net, claim);
        List<MipCertificate.Leaf> leaves = List.of();
        if (b.instance() != null) {
            MipCertificate cert = new MipCertificate(b.instance());
            MipParameters params = MipParameters.defaults().withThreads(1).withSafeBounds(true).withPropagation(false)
                    .withRelativeGap(0.0).withAbsoluteGap(1e-9).withTimeLimitSeconds(timeLimitSeconds);
            if (!claim.infeasible()) params = params.withObjectiveThreshold(lower);
            MipResult r = new MipSolver().recordLeafProofs(cert).solve(b.instance(), params);
            boolean closed = claim.infeasible() ? r.status() == MipStatus.INFEASIBLE
                    : r.status() == MipStatus.THRESHOLD_REACHED || r.status() == MipStatus.INFEASIBLE || r.status() == MipStatus.OPTIMAL;
            if (!closed) {
                throw new IllegalStateException("the recording resilience MIP ended with " + r.status().jsonName()
                        + " (bound " + r.bestBound() + ")");
            }
            leaves = cert.leaves();
        }
        ResilienceCertificate c = new ResilienceCertificate(claim, JsonNetworkFormat.sha256(net), leaves);
        String problem = c.check(net);
        if (problem != null) throw new IllegalStateException("the recorded proof does not check: " + problem);
        return c;
    }

    /** Null when the certificate proves its claim for this network; otherwise exactly what is wrong. */
    public String check(Network net) {
        String d = JsonNetworkFormat.sha256(net);
        if (!d.equals(networkDigest)) {
            return "the certificate was made for the network with SHA-256 " + networkDigest + ", this one has " + d;
        }
        if (Double.isNaN(claim.lower())) return "the claimed bound is NaN";
        Built b;
        try {
            b = build(net, claim);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "the claim does not fit the network: " + e.getMessage();
        }
        if (b.instance() == null) return null; // infeasible by the re-derived bounds alone, whatever the claim
        MipCertificateChecker.Report rep = MipCertificateChecker.check(b.instance(), new MipCertificate(b.instance(), leaves),
                claim.infeasible() ? Double.NaN : claim.lower());
        return rep.valid() ? null : rep.problem();
    }

    /** The resilience MIP; {@code instance} null when the bounds alone show fewer than k classes can catch up. */
    private record Built(MipInstance instance) { }

    private static Built build(Network net, Claim claim) {
        Network p = ResilienceBounds.plain(net);
        Box box = claim.box();
        int m = claim.classIndex();
        if (box.dimension() != p.inputSize()) throw new IllegalArgumentException("the box has dimension " + box.dimension() + ", the network " + p.inputSize() + " inputs");
        if (!box.isBounded()) throw new IllegalArgumentException("the input box must be bounded");
        if (m < 0 || m >= p.outputSize()) throw new IllegalArgumentException("class " + m + " out of range [0, " + p.outputSize() + ")");
        if (!(claim.alpha() > 0) || !Double.isFinite(claim.alpha())) throw new IllegalArgumentException("alpha must be positive and finite");
        if (claim.k() < 1 || claim.k() >= p.outputSize()) throw new IllegalArgumentException("k = " + claim.k() + " out of range");
        ResilienceBounds rb = ResilienceBounds.compute(p, box, claim.options());
        ResilienceModel rm = new ResilienceModel(rb, box, m, Math.log(claim.alpha()), null, rb.classDifferences(m));
        return new Built(rm.possible ? MipSolver.toInstance(rm.model) : null);
    }

    // ---- storage ------------------------------------------------------------------------------------------------

    public String toJson() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("network_sha256", networkDigest);
        ObjectNode c = root.putObject("claim");
        putDoubles(c, "lower_box", claim.box().lower());
        putDoubles(c, "upper_box", claim.box().upper());
        c.put("class", claim.classIndex());
        c.put("alpha", claim.alpha());
        c.put("k", claim.k());
        c.put("norm", claim.norm().name().toLowerCase(Locale.ROOT));
        c.put("big_m", claim.bigM().name().toLowerCase(Locale.ROOT));
        c.put("constant_m", claim.constantM());
        c.put("arctan_pieces", claim.arctanPieces());
        if (claim.infeasible()) c.put("infeasible", true);
        else c.put("lower", claim.lower());
        LeafProofJson.writeLeaves(root.putArray("leaves"), leaves);
        return m.writeValueAsString(root);
    }

    /** Reads a certificate; IllegalArgumentException naming the file and the field on malformed input. */
    public static ResilienceCertificate read(Path file) throws IOException {
        String where = "certificate " + file;
        JsonNode root = LeafProofJson.readTree(file, where);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(where + ": field 'format' must be " + FORMAT);
        }
        if (!root.path("network_sha256").isTextual()) throw new IllegalArgumentException(where + ": field 'network_sha256' must be a string");
        JsonNode c = root.path("claim");
        String at = where + ": claim";
        if (!c.isObject()) throw new IllegalArgumentException(at + " must be an object");
        ResilienceOptions.Norm norm = switch (c.path("norm").asText()) {
            case "l1" -> ResilienceOptions.Norm.L1;
            case "linf" -> ResilienceOptions.Norm.LINF;
            default -> throw new IllegalArgumentException(at + ".norm must be 'l1' or 'linf'");
        };
        ResilienceOptions.BigM bigM = switch (c.path("big_m").asText()) {
            case "constant" -> ResilienceOptions.BigM.CONSTANT;
            case "interval" -> ResilienceOptions.BigM.INTERVAL;
            case "symbolic" -> ResilienceOptions.BigM.SYMBOLIC;
            default -> throw new IllegalArgumentException(at + ".big_m must be 'constant', 'interval' or 'symbolic'");
        };
        Box box;
        try {
            box = new Box(doubles(c.path("lower_box"), at + ".lower_box"), doubles(c.path("upper_box"), at + ".upper_box"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : at + ".lower_box/upper_box: " + e.getMessage());
        }
        boolean infeasible = c.path("infeasible").asBoolean(false);
        double lower = infeasible ? Double.POSITIVE_INFINITY : number(c.path("lower"), at + ".lower");
        double constantM = number(c.path("constant_m"), at + ".constant_m");
        if (!(constantM > 0) || !Double.isFinite(constantM)) throw new IllegalArgumentException(at + ".constant_m must be positive");
        int pieces = integer(c.path("arctan_pieces"), at + ".arctan_pieces");
        if (pieces < 1) throw new IllegalArgumentException(at + ".arctan_pieces must be >= 1");
        int k = integer(c.path("k"), at + ".k");
        if (k < 1) throw new IllegalArgumentException(at + ".k must be >= 1");
        Claim claim = new Claim(box, integer(c.path("class"), at + ".class"), number(c.path("alpha"), at + ".alpha"), k,
                norm, bigM, constantM, pieces, lower);
        JsonNode ls = root.path("leaves");
        if (!ls.isArray()) throw new IllegalArgumentException(where + ": field 'leaves' must be an array");
        List<MipCertificate.Leaf> leaves = LeafProofJson.readLeaves(ls, where + ": leaves");
        return new ResilienceCertificate(claim, root.path("network_sha256").asText(), leaves);
    }
}
