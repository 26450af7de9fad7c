package org.nnmip.nnverify.invertibility;

import static org.nnmip.nnverify.io.LeafProofJson.doubles;
import static org.nnmip.nnverify.io.LeafProofJson.number;
import static org.nnmip.nnverify.io.LeafProofJson.putDoubles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * A checkable proof of a Problem 1 or Problem 2 radius (Cui et al.).
 *
 * <p>Problem 1 (local invertibility): f is injective on {@code B_q(x_c, r)} up to
 * {@code tol}, i.e. every pair {@code x, y} of the ball with {@code f(x) = f(y)} has {@code ||x - y||_inf < tol}.
 * Per input coordinate k, the fixed-radius two-copy MILP "max x_k - y_k" ({@link CollisionSearch}) is solved with
 * rigorous bounds, threshold {@code tol} and leaf recording; swapping x and y covers {@code y_k - x_k}, so the n
 * proofs together bound {@code ||x - y||_inf}.
 *
 * <p>Problem 2 (pseudo-local invertibility): no x with {@code f(x) = f(x_c)} and {@code eps <= ||x - x_c||_q <= r}.
 * The MILP "min ||x - x_c||" of {@link PseudoMilp} (preimages in the ring {@code [eps, maxRadius]}) is solved with
 * threshold r and leaf recording: every leaf's bound is above r, or the leaf is empty (Farkas ray).
 *
 * <p>{@link #check} rebuilds every MILP from the network and the claim (centre, radius, norm) with the code the
 * search uses (Problem 2: {@link PseudoMilp}), with pre-activation bounds re-derived at that radius (interval and outward-rounded symbolic
 * propagation; not the intersections with larger radii the search caches), and checks the leaves of each in exact
 * rational arithmetic ({@link MipCertificateChecker}): every leaf's Lagrangian bound is beyond the threshold and the
 * leaves cover every binary assignment. Trusted, not re-proved: that the big-M encoding built from those bounds
 * contains every pair of the real network. L-infinity and L1 balls only (the L2 ball's lazy tangent cuts are not
 * rebuilt by the checker).
 */
public final class InvertibilityCertificate {
    static final String FORMAT = "nnmip-invertibility-certificate-1";

    /** Which of Cui et al.'s problems a certificate is about. */
    public enum Problem { LOCAL, PSEUDO }

    /**
     * What is certified. LOCAL: f injective on {@code B_norm(center, radius)} up to {@code tol} ({@code eps} and
     * {@code maxRadius} unused, NaN). PSEUDO: no preimage of {@code f(center)} at distance in {@code [eps, radius]}
     * ({@code tol} unused), searched within the L-infinity ball of {@code maxRadius}.
     */
    public record Claim(Problem problem, BallNorm norm, double[] center, double radius, double tol, double eps, double maxRadius) {
        public Claim {
            center = center.clone();
        }

        /** A Problem 1 claim. */
        public Claim(BallNorm norm, double[] center, double radius, double tol) {
            this(Problem.LOCAL, norm, center, radius, tol, Double.NaN, Double.NaN);
        }

        @Override
        public double[] center() {
            return center.clone();
        }

        public String describe() {
            String ball = norm.name().toLowerCase(Locale.ROOT);
            if (problem == Problem.PSEUDO) {
                return String.format(Locale.ROOT, "no x with f(x) = f(%s) lies at %s distance in [%s, %s] from it",
                        Arrays.toString(center), ball, Double.toString(eps), Double.toString(radius));
            }
            return String.format(Locale.ROOT, "f is injective on the %s ball around %s of radius %s "
                            + "(f(x) = f(y) implies ||x - y||_inf < %.3g)",
                    ball, Arrays.toString(center), Double.toString(radius), tol);
        }
    }

    /** LOCAL: the proof for input coordinate {@code coordinate}, {@code max x_k - y_k < tol}. PSEUDO: one part, coordinate 0. */
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
        InvertibilityCertificate result = new InvertibilityCertificate(claim, JsonNetworkFormat.sha256(net), parts);
        String problem = result.check(net);
        if (problem != null) throw new IllegalStateException("the recorded proof does not check: " + problem);
        return result;
    }

    /** The radius a certificate of a reported Problem 2 radius {@code r} claims: r shrunk by a relative 1e-8 (plus 1e-12). */
    public static double pseudoClaimFor(double reportedRadius) {
        return reportedRadius - 1e-8 * Math.abs(reportedRadius) - 1e-12;
    }

    /**
     * Certifies a Problem 2 result (L-infinity or L1): its radius (as {@link #pseudoClaimFor}, or the maximum radius
     * itself when no preimage was found). IllegalStateException when the result certifies nothing or the recording
     * MILP does not close within the options' time limit.
     */
    public static InvertibilityCertificate provePseudo(Network net, double[] center, InvertibilityResult result,
                                                       InvertibilityOptions options) {
        LocalInvertibility.checkCenter(net, center);
        if (options.norm() == BallNorm.L2) throw new IllegalStateException("certificates cover L-infinity and L1 balls, not L2");
        double radius = result.status() == InvertibilityResult.Status.CERTIFIED_MAX_RADIUS ? options.maxRadius()
                : pseudoClaimFor(result.radius());
        if (!(radius >= options.eps())) {
            throw new IllegalStateException("radius " + result.radius() + " certifies nothing beyond eps = " + options.eps());
        }
        Claim claim = new Claim(Problem.PSEUDO, options.norm(), center, radius, Double.NaN, options.eps(), options.maxRadius());
        MipInstance instance = MipSolver.toInstance(PseudoMilp.build(net, claim.center(), claim.norm(), claim.eps(), claim.maxRadius()));
        MipCertificate cert = new MipCertificate(instance);
        MipResult r = new MipSolver().recordLeafProofs(cert).solve(instance, MipParameters.defaults()
                .withThreads(1).withSafeBounds(true).withPropagation(false).withObjectiveThreshold(radius)
                .withRelativeGap(0.0).withAbsoluteGap(1e-9).withTimeLimitSeconds(options.timeLimitSeconds()));
        if (r.status() != MipStatus.THRESHOLD_REACHED && r.status() != MipStatus.INFEASIBLE && r.status() != MipStatus.OPTIMAL) {
            throw new IllegalStateException("the recording MILP ended with " + r.status().jsonName() + " (bound " + r.bestBound() + ")");
        }
        InvertibilityCertificate c = new InvertibilityCertificate(claim, JsonNetworkFormat.sha256(net), List.of(new Part(0, cert.leaves())));
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
        int n = net.inputSize();
        if (claim.center().length != n) return "the claim's centre has " + claim.center().length + " components, the network " + n + " inputs";
        if (claim.norm() == BallNorm.L2) return "L2 balls cannot be certified";
        if (!(claim.radius() > 0) || !Double.isFinite(claim.radius())) return "the claimed radius " + claim.radius() + " is not positive and finite";
        if (claim.problem() == Problem.LOCAL && !(claim.tol() > 0 && Double.isFinite(claim.tol()))) {
            return "the tolerance " + claim.tol() + " is not positive and finite";
        }
        for (double v : claim.center()) if (!Double.isFinite(v)) return "the claim's centre is not finite";
        if (claim.problem() == Problem.PSEUDO) return checkPseudo(net);
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

    private String checkPseudo(Network net) {
        if (!(claim.eps() > 0) || !(claim.maxRadius() < Double.POSITIVE_INFINITY) || !(claim.eps() < claim.maxRadius())) {
            return "eps " + claim.eps() + " and max radius " + claim.maxRadius() + " must satisfy 0 < eps < max radius < inf";
        }
        if (!(claim.radius() >= claim.eps()) || claim.radius() > claim.maxRadius()) {
            return "the claimed radius " + claim.radius() + " is not in [eps, max radius]";
        }
        if (parts.size() != 1 || parts.get(0).coordinate() != 0) return "a pseudo-invertibility certificate has one proof (coordinate 0)";
        MipInstance instance;
        try {
            instance = MipSolver.toInstance(PseudoMilp.build(net, claim.center(), claim.norm(), claim.eps(), claim.maxRadius()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "the claim does not fit the network: " + e.getMessage();
        }
        MipCertificateChecker.Report rep = MipCertificateChecker.check(instance, new MipCertificate(instance, parts.get(0).leaves()),
                claim.radius());
        return rep.valid() ? null : rep.problem();
    }

    /** The fixed-radius MILP maximising {@code x_k - y_k}, rebuilt from the network and the claim. */
    private static MipInstance instance(Network net, Claim claim, int k) {
        int[] equal = new int[net.outputSize()];
        for (int j = 0; j < equal.length; j++) equal[j] = j;
        InvertibilityOptions o = InvertibilityOptions.defaults(claim.norm(), claim.radius());
        CollisionSearch search = new CollisionSearch(net, equal, null, claim.center(), o, (x, y) -> Optional.empty());
        return MipSolver.toInstance(search.fixedRadiusModel(claim.radius(), k));
    }

    // ---- storage ------------------------------------------------------------------------------------------------

    public String toJson() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("network_sha256", networkDigest);
        ObjectNode c = root.putObject("claim");
        c.put("problem", claim.problem().name().toLowerCase(Locale.ROOT));
        c.put("norm", claim.norm().name().toLowerCase(Locale.ROOT));
        putDoubles(c, "center", claim.center());
        c.put("radius", claim.radius());
        if (claim.problem() == Problem.LOCAL) {
            c.put("tol", claim.tol());
        } else {
            c.put("eps", claim.eps());
            c.put("max_radius", claim.maxRadius());
        }
        ArrayNode ps = root.putArray("coordinates");
        for (Part p : parts) {
            ObjectNode o = ps.addObject();
            o.put("coordinate", p.coordinate());
            LeafProofJson.writeLeaves(o.putArray("leaves"), p.leaves());
        }
        return m.writeValueAsString(root);
    }

    /** Reads a certificate; IllegalArgumentException naming the file and the field on malformed input. */
    public static InvertibilityCertificate read(Path file) throws IOException {
        String where = "certificate " + file;
        JsonNode root = LeafProofJson.readTree(file, where);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(where + ": field 'format' must be " + FORMAT);
        }
        if (!root.path("network_sha256").isTextual()) throw new IllegalArgumentException(where + ": field 'network_sha256' must be a string");
        JsonNode c = root.path("claim");
        String at = where + ": claim";
        if (!c.isObject()) throw new IllegalArgumentException(at + " must be an object");
        Problem problem = switch (c.path("problem").asText()) {
            case "local" -> Problem.LOCAL;
            case "pseudo" -> Problem.PSEUDO;
            default -> throw new IllegalArgumentException(at + ".problem must be 'local' or 'pseudo'");
        };
        BallNorm norm = switch (c.path("norm").asText()) {
            case "linf" -> BallNorm.LINF;
            case "l1" -> BallNorm.L1;
            default -> throw new IllegalArgumentException(at + ".norm must be 'linf' or 'l1'");
        };
        double[] center = doubles(c.path("center"), at + ".center");
        double radius = number(c.path("radius"), at + ".radius");
        Claim claim = problem == Problem.LOCAL ? new Claim(norm, center, radius, number(c.path("tol"), at + ".tol"))
                : new Claim(Problem.PSEUDO, norm, center, radius, Double.NaN, number(c.path("eps"), at + ".eps"),
                        number(c.path("max_radius"), at + ".max_radius"));
        JsonNode ps = root.path("coordinates");
        if (!ps.isArray()) throw new IllegalArgumentException(where + ": field 'coordinates' must be an array");
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            String pat = where + ": coordinates[" + i + "]";
            JsonNode p = ps.get(i);
            if (!p.path("coordinate").isInt()) throw new IllegalArgumentException(pat + ".coordinate must be an integer");
            List<MipCertificate.Leaf> leaves = LeafProofJson.readLeaves(p.path("leaves"), pat + ".leaves");
            parts.add(new Part(p.path("coordinate").asInt(), leaves));
        }
        return new InvertibilityCertificate(claim, root.path("network_sha256").asText(), parts);
    }
}
