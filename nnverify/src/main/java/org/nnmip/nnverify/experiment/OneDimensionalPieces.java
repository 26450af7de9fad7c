package org.nnmip.nnverify.experiment;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * Exact piecewise-linear analysis of a ReLU network with one input and one output, independent of any MILP: walking
 * right from {@code a}, the activation pattern just right of the current point makes every pre-activation an affine
 * function of x, exact up to its first zero crossing, which is the next breakpoint. From the pieces, the exact answers
 * of Cui et al.'s Problems 1 and 2 in one dimension: the distance to the nearest change of slope sign (f is injective
 * exactly where it is strictly monotone) and the distance to the nearest other preimage of {@code f(c)}.
 */
final class OneDimensionalPieces {
    /** Slopes at most this in magnitude count as flat (not injective). */
    static final double FLAT = 1e-9;

    /** One linear piece on {@code [from, to]}: {@code f(x) = value + slope (x - from)}. */
    record Piece(double from, double to, double value, double slope) { }

    private final List<Piece> pieces;

    private OneDimensionalPieces(List<Piece> pieces) {
        this.pieces = List.copyOf(pieces);
    }

    List<Piece> pieces() {
        return pieces;
    }

    /** The pieces of {@code net} on {@code [a, b]}; the network must have affine and ReLU layers only. */
    static OneDimensionalPieces of(Network net, double a, double b) {
        if (net.inputSize() != 1 || net.outputSize() != 1) {
            throw new IllegalArgumentException("piecewise analysis needs one input and one output, got " + net.inputSize() + " and " + net.outputSize());
        }
        List<Double> cuts = new ArrayList<>();
        cuts.add(a);
        double x0 = a;
        while (x0 < b) {
            double next = b;
            double[] s = {1.0};
            double[] c = {0.0};
            for (Layer layer : net.layers()) {
                if (layer instanceof AffineLayer al) {
                    double[][] w = al.weights();
                    double[] ns = new double[w.length];
                    double[] nc = new double[w.length];
                    for (int i = 0; i < w.length; i++) {
                        nc[i] = al.bias(i);
                        for (int j = 0; j < w[i].length; j++) {
                            ns[i] += w[i][j] * s[j];
                            nc[i] += w[i][j] * c[j];
                        }
                    }
                    s = ns;
                    c = nc;
                } else if (layer instanceof ReluLayer) {
                    for (int i = 0; i < s.length; i++) {
                        double v = s[i] * x0 + c[i];
                        boolean active = v > 1e-12 || (Math.abs(v) <= 1e-12 && s[i] > 0); // active just right of x0
                        if (s[i] != 0) {
                            double t = -c[i] / s[i];
                            if (t > x0 + 1e-12) next = Math.min(next, t);
                        }
                        if (!active) {
                            s[i] = 0;
                            c[i] = 0;
                        }
                    }
                } else {
                    throw new IllegalArgumentException("piecewise analysis: layer " + layer.describe() + " is not affine or ReLU");
                }
            }
            cuts.add(next);
            x0 = next;
        }
        List<Piece> out = new ArrayList<>();
        for (int k = 0; k + 1 < cuts.size(); k++) {
            double p = cuts.get(k);
            double q = cuts.get(k + 1);
            double fp = net.apply(new double[] {p})[0];
            double fq = net.apply(new double[] {q})[0];
            out.add(new Piece(p, q, fp, (fq - fp) / (q - p)));
        }
        return new OneDimensionalPieces(out);
    }

    private static int sign(double slope) {
        return Math.abs(slope) <= FLAT ? 0 : slope > 0 ? 1 : -1;
    }

    /** Largest r with f strictly monotone on {@code [c - r, c + r]} (infinite if it is on the whole range). */
    double localRadius(double c) {
        int k0 = 0;
        while (k0 < pieces.size() - 1 && pieces.get(k0).to() < c) k0++;
        int s0 = sign(pieces.get(k0).slope());
        if (s0 == 0) return 0.0;
        double right = Double.POSITIVE_INFINITY;
        for (int k = k0; k < pieces.size(); k++) {
            if (sign(pieces.get(k).slope()) != s0) {
                right = pieces.get(k).from() - c;
                break;
            }
        }
        double left = Double.POSITIVE_INFINITY;
        for (int k = k0; k >= 0; k--) {
            if (sign(pieces.get(k).slope()) != s0) {
                left = c - pieces.get(k).to();
                break;
            }
        }
        return Math.max(0.0, Math.min(left, right));
    }

    /** Distance from c to the nearest other point x with {@code f(x) = f(c)} (infinite if none in range). */
    double pseudoRadius(double c, double fc) {
        double best = Double.POSITIVE_INFINITY;
        for (Piece p : pieces) {
            if (sign(p.slope()) == 0) {
                if (Math.abs(p.value() - fc) < 1e-9) {
                    if (c >= p.from() && c <= p.to()) return 0.0;
                    best = Math.min(best, Math.min(Math.abs(p.from() - c), Math.abs(p.to() - c)));
                }
                continue;
            }
            double x = p.from() + (fc - p.value()) / p.slope();
            if (x >= p.from() - 1e-12 && x <= p.to() + 1e-12 && Math.abs(x - c) > 1e-9) best = Math.min(best, Math.abs(x - c));
        }
        return best;
    }
}
