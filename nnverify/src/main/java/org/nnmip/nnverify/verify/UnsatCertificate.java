package org.nnmip.nnverify.verify;

import static org.nnmip.nnverify.io.LeafProofJson.doubles;
import static org.nnmip.nnverify.io.LeafProofJson.integer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnmip.mip.MipCertificate;
import org.nnmip.mip.MipCertificateChecker;
import org.nnmip.mip.MipInstance;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.io.LeafProofJson;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;

/**
 * A checkable proof that a property is unsat (it holds). Per (input box, output conjunct) sub-problem, either the
 * outward-rounded symbolic bounds already show the margin {@code t = min_k (rhs_k - c_k . y)} is negative, or the
 * big-M MIP "max t" of the MIP strategy was solved with rigorous bounds and leaf recording: every branch-and-bound
 * leaf with its branching bounds and the dual multipliers (or Farkas ray) that prove {@code t < 0} there.
 * A bounds proof carries the claimed bounds of every layer of the slack network and the constraint whose slack is
 * positive; {@link #check} verifies them in exact arithmetic with its own code ({@link ExactBoundsCheck}), never the
 * solver's bound propagation. For a MIP proof it rebuilds the sub-problem from the network and property with the
 * same code and checks the leaves in exact arithmetic ({@link MipCertificateChecker}); the soundness of the encoding
 * itself (big-M values from the rigorous bounds) is trusted, not re-proved.
 */
public final class UnsatCertificate {
    static final String FORMAT = "nnmip-unsat-certificate-1";

    /**
     * One sub-problem's proof: {@code leaves} empty, {@code byBounds} and the bound claims {@code bounds} when the
     * bounds suffice ({@code bounds} null for a MIP proof).
     */
    public record Part(int box, int conjunct, boolean byBounds, List<MipCertificate.Leaf> leaves, BoundsClaim bounds) {
        public Part(int box, int conjunct, boolean byBounds, List<MipCertificate.Leaf> leaves) {
            this(box, conjunct, byBounds, leaves, null);
        }
    }

    /**
     * Claimed bounds {@code lower[k][i] <= output i of layer k <= upper[k][i]} of the slack network (the network
     * followed by {@code y -> C y - rhs}) over the input box, and the constraint whose slack {@code c.y - rhs} has a
     * positive claimed lower bound: no input satisfies it, so the conjunct is unsat.
     */
    public record BoundsClaim(int constraint, double[][] lower, double[][] upper) { }

    private final List<Part> parts;

    UnsatCertificate(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public List<Part> parts() {
        return parts;
    }

    public int leafCount() {
        return parts.stream().mapToInt(p -> p.leaves().size()).sum();
    }

    /** A sub-problem rebuilt: {@code instance} null when the bounds ({@code slackBounds}) prove the margin negative. */
    private record SubMip(double marginUpper, MipInstance instance, String error, NetworkBounds slackBounds) { }

    /**
     * Proves the property unsat again, sub-problem by sub-problem, recording leaf proofs (safe bounds, no
     * propagation: slower than {@code verify}). Throws IllegalStateException naming the sub-problem that could not
     * be closed within the time limit.
     */
    public static UnsatCertificate prove(Network net, Property property, double timeLimitSeconds) {
        long deadline = System.nanoTime() + (long) Math.min(timeLimitSeconds * 1e9, Long.MAX_VALUE / 4);
        List<Part> parts = new ArrayList<>();
        List<List<OutputConstraint>> disjuncts = property.outputCondition().disjuncts();
        for (int b = 0; b < property.inputBoxes().size(); b++) {
            for (int k = 0; k < disjuncts.size(); k++) {
                String where = "input box " + b + ", conjunct " + k;
                SubMip sub = build(net, property.inputBoxes().get(b), disjuncts.get(k));
                if (sub.error() != null) throw new IllegalStateException("cannot certify " + where + ": " + sub.error());
                if (sub.instance() == null) {
                    parts.add(new Part(b, k, true, List.of(), claim(sub.slackBounds())));
                    continue;
                }
                double left = Math.max(0, (deadline - System.nanoTime()) / 1e9);
                MipCertificate cert = new MipCertificate(sub.instance());
                MipResult r = new MipSolver().recordLeafProofs(cert).solve(sub.instance(), MipParameters.defaults()
                        .withThreads(1).withSafeBounds(true).withPropagation(false).withObjectiveThreshold(0.0)
                        .withRelativeGap(0.0).withAbsoluteGap(1e-9).withTimeLimitSeconds(left));
                if (r.status() != MipStatus.THRESHOLD_REACHED && r.status() != MipStatus.INFEASIBLE) {
                    throw new IllegalStateException("cannot certify " + where + ": the recording MIP ended with "
                            + r.status().jsonName() + " (bound " + r.bestBound() + ")");
                }
                parts.add(new Part(b, k, false, cert.leaves()));
            }
        }
        return new UnsatCertificate(parts);
    }

    /** Null when the certificate proves the property unsat for this network; otherwise what is wrong. */
    public static String check(Network net, Property property, UnsatCertificate certificate) {
        List<List<OutputConstraint>> disjuncts = property.outputCondition().disjuncts();
        int expected = property.inputBoxes().size() * disjuncts.size();
        if (certificate.parts().size() != expected) {
            return "the certificate has " + certificate.parts().size() + " sub-problems, the property " + expected;
        }
        for (Part part : certificate.parts()) {
            String where = "input box " + part.box() + ", conjunct " + part.conjunct();
            if (part.box() < 0 || part.box() >= property.inputBoxes().size() || part.conjunct() < 0
                    || part.conjunct() >= disjuncts.size()) {
                return where + ": no such sub-problem in the property";
            }
            if (part.byBounds()) {
                // checked in exact arithmetic from the claims alone: none of the solver's bound code runs
                if (part.bounds() == null) return where + ": proof 'bounds' carries no bound claims";
                if (disjuncts.get(part.conjunct()).isEmpty()) return where + ": an empty conjunct is violated by every input";
                Network slackNet = new SlackFunction(net, disjuncts.get(part.conjunct())).slackNetwork;
                String why = ExactBoundsCheck.check(slackNet, property.inputBoxes().get(part.box()), part.bounds().lower(),
                        part.bounds().upper(), part.bounds().constraint());
                if (why != null) return where + ": " + why;
                continue;
            }
            SubMip sub = build(net, property.inputBoxes().get(part.box()), disjuncts.get(part.conjunct()));
            if (sub.error() != null) return where + ": " + sub.error();
            if (sub.instance() == null) continue; // the (rigorous) bounds alone prove it
            MipCertificateChecker.Report rep = MipCertificateChecker.check(sub.instance(),
                    new MipCertificate(sub.instance(), part.leaves()), 0.0);
            if (!rep.valid()) return where + ": " + rep.problem();
        }
        for (int b = 0; b < property.inputBoxes().size(); b++) {
            for (int k = 0; k < disjuncts.size(); k++) {
                int bb = b, kk = k;
                if (certificate.parts().stream().noneMatch(p -> p.box() == bb && p.conjunct() == kk)) {
                    return "input box " + b + ", conjunct " + k + ": missing";
                }
            }
        }
        return null;
    }

    /**
     * The MIP strategy's sub-problem ({@link Verifier.MarginMip}, built as {@code Verifier.mip} does without LP
     * tightening): maximise t subject to {@code t <= rhs_k - c_k . y} for every constraint of the conjunct, over the
     * big-M encoding on the box.
     */
    private static SubMip build(Network net, Box box, List<OutputConstraint> conj) {
        if (conj.isEmpty()) return new SubMip(Double.NaN, null, "an empty conjunct is violated by every input", null);
        SlackFunction slack = new SlackFunction(net, conj);
        NetworkBounds slackBounds = SymbolicBounds.compute(slack.slackNetwork, box);
        double tHi = Verifier.marginUpper(slackBounds);
        if (tHi < 0) return new SubMip(tHi, null, null, slackBounds);
        double tLo = Math.min(Verifier.marginLower(slackBounds), tHi);
        if (!Double.isFinite(tLo) || !Double.isFinite(tHi)) {
            return new SubMip(tHi, null, "unbounded outputs over the input box", slackBounds);
        }
        Model model = Verifier.MarginMip.build(Verifier.bounds(net, box), slack.constraints, tLo, tHi).model();
        return new SubMip(tHi, MipSolver.toInstance(model), null, slackBounds);
    }

    /** The claims of a bounds proof: every layer's bounds and the constraint with the largest slack lower bound. */
    private static BoundsClaim claim(NetworkBounds slackBounds) {
        int n = slackBounds.network().layerCount();
        double[][] lo = new double[n][];
        double[][] hi = new double[n][];
        for (int k = 0; k < n; k++) {
            lo[k] = slackBounds.lower(k);
            hi[k] = slackBounds.upper(k);
        }
        double[] out = lo[n - 1];
        int best = 0;
        for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
        return new BoundsClaim(best, lo, hi);
    }

    // ---- storage ------------------------------------------------------------------------------------------------

    /** The certificate as JSON (doubles are written in their shortest exact round-trip form). */
    public String toJson() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode ps = root.putArray("subproblems");
        for (Part p : parts) {
            ObjectNode o = ps.addObject();
            o.put("box", p.box());
            o.put("conjunct", p.conjunct());
            o.put("proof", p.byBounds() ? "bounds" : "mip");
            if (p.bounds() != null) {
                o.put("constraint", p.bounds().constraint());
                ArrayNode lo = o.putArray("lower");
                for (double[] layer : p.bounds().lower()) { ArrayNode a = lo.addArray(); for (double v : layer) a.add(v); }
                ArrayNode up = o.putArray("upper");
                for (double[] layer : p.bounds().upper()) { ArrayNode a = up.addArray(); for (double v : layer) a.add(v); }
            }
            LeafProofJson.writeLeaves(o.putArray("leaves"), p.leaves());
        }
        return m.writeValueAsString(root);
    }

    /** Reads a certificate; IllegalArgumentException naming the file and the field on malformed input. */
    public static UnsatCertificate read(Path file) throws IOException {
        String where = "certificate " + file;
        JsonNode root = LeafProofJson.readTree(file, where);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(where + ": field 'format' must be " + FORMAT);
        }
        JsonNode ps = root.path("subproblems");
        if (!ps.isArray()) throw new IllegalArgumentException(where + ": field 'subproblems' must be an array");
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String at = where + ": subproblems[" + i + "]";
            String proof = p.path("proof").asText();
            if (!proof.equals("bounds") && !proof.equals("mip")) {
                throw new IllegalArgumentException(at + ".proof must be 'bounds' or 'mip'");
            }
            List<MipCertificate.Leaf> leaves = LeafProofJson.readLeaves(p.path("leaves"), at + ".leaves");
            BoundsClaim claim = null;
            if (proof.equals("bounds") && p.has("lower")) {
                JsonNode lo = p.path("lower");
                JsonNode up = p.path("upper");
                if (!lo.isArray() || !up.isArray() || lo.size() != up.size()) {
                    throw new IllegalArgumentException(at + ": lower and upper must be arrays of the same length (one per layer)");
                }
                double[][] l = new double[lo.size()][];
                double[][] u = new double[up.size()][];
                for (int k = 0; k < l.length; k++) {
                    l[k] = doubles(lo.get(k), at + ".lower[" + k + "]");
                    u[k] = doubles(up.get(k), at + ".upper[" + k + "]");
                }
                claim = new BoundsClaim(integer(p.path("constraint"), at + ".constraint"), l, u);
            }
            parts.add(new Part(integer(p.path("box"), at + ".box"), integer(p.path("conjunct"), at + ".conjunct"),
                    proof.equals("bounds"), leaves, claim));
        }
        return new UnsatCertificate(parts);
    }
}
