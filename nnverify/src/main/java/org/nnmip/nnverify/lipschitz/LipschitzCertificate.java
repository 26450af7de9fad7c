package org.nnmip.nnverify.lipschitz;

import static org.nnmip.nnverify.io.LeafProofJson.doubles;
import static org.nnmip.nnverify.io.LeafProofJson.number;
import static org.nnmip.nnverify.io.LeafProofJson.putDoubles;
import static org.nnmip.nnverify.io.LeafProofJson.text;

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
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.io.LeafProofJson;
import org.nnmip.nnverify.net.Network;

/**
 * A checkable proof of a LipMIP upper bound: the LipMIP program of the claim (network, input domain, input norm,
 * output functional or output norm, backward encoding) has no point with objective at or above {@code upper}, so
 * {@code L <= upper}. The proof is a branch-and-bound tree solved with rigorous bounds and leaf recording (threshold
 * {@code upper}): every leaf with its branching bounds and the dual multipliers (or Farkas ray) that close it.
 *
 * <p>{@link #check} trusts nothing from the file but the claim it prints and the leaves: it rebuilds the problem
 * from the network and the claim with the same code as {@code lipschitz} (pre-activation bounds re-derived by the
 * outward-rounded symbolic propagation, backward-pass bounds by interval arithmetic, the big-M and switch rows), then
 * checks every leaf's Lagrangian bound and the leaves' coverage of all binaries in exact rational arithmetic
 * ({@link MipCertificateChecker}). Trusted, not re-proved: that this encoding (built from those bounds) contains
 * every gradient of the network on the domain, as the LipMIP soundness argument states.
 */
public final class LipschitzCertificate {
    static final String FORMAT = "nnmip-lipschitz-certificate-1";

    /**
     * What is certified: {@code L <= upper} for this problem.
     *
     * @param domain      the input domain (box or l1 ball)
     * @param norm        the input norm (gradients measured in its dual)
     * @param weights     {@code c} of the scalar output {@code c'f}, or null when {@code outputNorm} is given
     * @param outputNorm  the output norm of a vector Lipschitz constant, or null
     * @param encoding    the backward-pass encoding of the program
     * @param upper       the certified upper bound
     */
    public record Claim(InputDomain domain, InputNorm norm, double[] weights, OutputNorm outputNorm,
                        BackwardEncoding encoding, double upper) {
        public String describe() {
            String out = outputNorm != null ? "||f||_" + outputNorm.cliName() : "c'f with c = " + java.util.Arrays.toString(weights);
            String dom = domain instanceof InputDomain.L1Ball b
                    ? "l1 ball around " + java.util.Arrays.toString(b.center()) + " of radius " + b.radius()
                    : "box " + domain.boundingBox();
            return String.format(Locale.ROOT, "Lipschitz constant of %s (input norm %s) over the %s is <= %s",
                    out, norm.cliName(), dom, Double.toString(upper));
        }
    }

    private final Claim claim;
    private final String networkDigest;
    private final List<MipCertificate.Leaf> leaves;

    LipschitzCertificate(Claim claim, String networkDigest, List<MipCertificate.Leaf> leaves) {
        this.claim = claim;
        this.networkDigest = networkDigest;
        this.leaves = List.copyOf(leaves);
    }

    public Claim claim() { return claim; }
    public String networkDigest() { return networkDigest; }
    public List<MipCertificate.Leaf> leaves() { return leaves; }

    /** The same proof with other leaves or claim (tests build tampered copies this way). */
    public LipschitzCertificate with(Claim otherClaim, String digest, List<MipCertificate.Leaf> otherLeaves) {
        return new LipschitzCertificate(otherClaim, digest, otherLeaves);
    }

    /**
     * The value a certificate of a reported upper bound {@code u} claims: u widened by a relative 1e-8 (plus 1e-9),
     * so the recording search can close the optimal leaf strictly below it despite its own pruning tolerance.
     */
    public static double claimFor(double reportedUpper) {
        return reportedUpper + 1e-8 * Math.abs(reportedUpper) + 1e-9;
    }

    /**
     * Proves {@code L <= claimFor(reportedUpper)} for a scalar problem by a recording branch-and-bound (safe bounds,
     * no propagation, one thread). IllegalStateException when the search cannot close within the time limit.
     */
    public static LipschitzCertificate prove(LipschitzProblem problem, BackwardEncoding encoding, double reportedUpper,
                                             double timeLimitSeconds) {
        Claim c = new Claim(problem.domain(), problem.norm(), problem.output().weights(), null, encoding,
                claimFor(reportedUpper));
        return prove(problem.network(), c, timeLimitSeconds);
    }

    /** The same for a vector Lipschitz constant ({@code --output-norm}). */
    public static LipschitzCertificate prove(VectorLipschitzProblem problem, BackwardEncoding encoding, double reportedUpper,
                                             double timeLimitSeconds) {
        Claim c = new Claim(problem.domain(), problem.norm(), null, problem.outputNorm(), encoding, claimFor(reportedUpper));
        return prove(problem.network(), c, timeLimitSeconds);
    }

    private static LipschitzCertificate prove(Network net, Claim claim, double timeLimitSeconds) {
        if (!Double.isFinite(claim.upper())) throw new IllegalStateException("no finite upper bound to certify");
        MipInstance instance = instance(net, claim);
        MipCertificate cert = new MipCertificate(instance);
        MipResult r = new MipSolver().recordLeafProofs(cert).solve(instance, MipParameters.defaults()
                .withThreads(1).withSafeBounds(true).withPropagation(false).withObjectiveThreshold(claim.upper())
                .withRelativeGap(0.0).withAbsoluteGap(1e-9).withTimeLimitSeconds(timeLimitSeconds));
        if (r.status() != MipStatus.THRESHOLD_REACHED && r.status() != MipStatus.INFEASIBLE
                && r.status() != MipStatus.OPTIMAL) {
            throw new IllegalStateException("the recording LipMIP search ended with " + r.status().jsonName()
                    + " (bound " + r.bestBound() + ")");
        }
        LipschitzCertificate result = new LipschitzCertificate(claim, JsonNetworkFormat.sha256(net), cert.leaves());
        // Never hand out a proof that the checker would refuse (e.g. the search ended on a gap, not on proofs).
        String problem = result.check(net);
        if (problem != null) throw new IllegalStateException("the recorded proof does not check: " + problem);
        return result;
    }

    /** Null when the certificate proves its claim for this network; otherwise exactly what is wrong. */
    public String check(Network net) {
        String d = JsonNetworkFormat.sha256(net);
        if (!d.equals(networkDigest)) {
            return "the certificate was made for the network with SHA-256 " + networkDigest + ", this one has " + d;
        }
        if (!Double.isFinite(claim.upper())) return "the claimed upper bound " + claim.upper() + " is not finite";
        MipInstance instance;
        try {
            instance = instance(net, claim);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "the claim does not fit the network: " + e.getMessage();
        }
        MipCertificateChecker.Report rep = MipCertificateChecker.check(instance, new MipCertificate(instance, leaves),
                claim.upper());
        return rep.valid() ? null : rep.problem();
    }

    /** The LipMIP program of the claim, rebuilt from the network (never read from the certificate). */
    private static MipInstance instance(Network net, Claim claim) {
        org.nnmip.model.Model model;
        if (claim.outputNorm() != null) {
            model = LipMip.model(new VectorLipschitzProblem(net, claim.outputNorm(), claim.domain(), claim.norm()),
                    claim.encoding());
        } else {
            model = LipMip.model(new LipschitzProblem(net, new OutputFunctional(claim.weights()), claim.domain(),
                    claim.norm()), claim.encoding());
        }
        return MipSolver.toInstance(model);
    }

    // ---- storage ------------------------------------------------------------------------------------------------

    /** The certificate as JSON (doubles in their shortest exact round-trip form). */
    public String toJson() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("network_sha256", networkDigest);
        ObjectNode c = root.putObject("claim");
        c.put("upper", claim.upper());
        c.put("input_norm", claim.norm().cliName());
        if (claim.outputNorm() != null) c.put("output_norm", claim.outputNorm().cliName());
        else putDoubles(c, "output_weights", claim.weights());
        c.put("encoding", claim.encoding().cliName());
        ObjectNode dom = c.putObject("domain");
        if (claim.domain() instanceof InputDomain.L1Ball b) {
            dom.put("type", "l1ball");
            putDoubles(dom, "center", b.center());
            dom.put("radius", b.radius());
        } else {
            dom.put("type", "box");
            putDoubles(dom, "lower", claim.domain().boundingBox().lower());
            putDoubles(dom, "upper", claim.domain().boundingBox().upper());
        }
        LeafProofJson.writeLeaves(root.putArray("leaves"), leaves);
        return m.writeValueAsString(root);
    }

    /** True when {@code root} is a Lipschitz certificate (for dispatch in {@code check-certificate}). */
    public static boolean isLipschitzCertificate(JsonNode root) {
        return root != null && FORMAT.equals(root.path("format").asText());
    }

    /** Reads a certificate; IllegalArgumentException naming the file and the field on malformed input. */
    public static LipschitzCertificate read(Path file) throws IOException {
        String where = "certificate " + file;
        JsonNode root = LeafProofJson.readTree(file, where);
        return parse(root, where);
    }

    static LipschitzCertificate parse(JsonNode root, String where) {
        if (!isLipschitzCertificate(root)) throw new IllegalArgumentException(where + ": field 'format' must be " + FORMAT);
        JsonNode digestNode = root.path("network_sha256");
        if (!digestNode.isTextual()) throw new IllegalArgumentException(where + ": field 'network_sha256' must be a string");
        JsonNode c = root.path("claim");
        if (!c.isObject()) throw new IllegalArgumentException(where + ": field 'claim' must be an object");
        String at = where + ": claim";
        double upper = number(c.path("upper"), at + ".upper");
        InputNorm norm;
        BackwardEncoding enc;
        OutputNorm outNorm = null;
        double[] weights = null;
        InputDomain domain;
        try {
            norm = InputNorm.parse(text(c.path("input_norm"), at + ".input_norm"));
            enc = BackwardEncoding.parse(text(c.path("encoding"), at + ".encoding"));
            if (c.has("output_norm")) outNorm = OutputNorm.parse(text(c.path("output_norm"), at + ".output_norm"));
            else weights = doubles(c.path("output_weights"), at + ".output_weights");
            JsonNode d = c.path("domain");
            String type = text(d.path("type"), at + ".domain.type");
            domain = switch (type) {
                case "box" -> InputDomain.box(doubles(d.path("lower"), at + ".domain.lower"),
                        doubles(d.path("upper"), at + ".domain.upper"));
                case "l1ball" -> InputDomain.l1Ball(doubles(d.path("center"), at + ".domain.center"),
                        number(d.path("radius"), at + ".domain.radius"));
                default -> throw new IllegalArgumentException(at + ".domain.type must be 'box' or 'l1ball'");
            };
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg != null && msg.startsWith(where) ? msg : at + ": " + msg);
        }
        Claim claim = new Claim(domain, norm, weights, outNorm, enc, upper);
        return new LipschitzCertificate(claim, digestNode.asText(), LeafProofJson.readLeaves(root.path("leaves"), where + ": leaves"));
    }
}
