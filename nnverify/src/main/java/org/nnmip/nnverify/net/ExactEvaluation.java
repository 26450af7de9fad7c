package org.nnmip.nnverify.net;

import java.math.BigDecimal;

/**
 * A forward pass in exact decimal arithmetic: every double is an exact decimal, and sums, products and maxima of
 * exact decimals are computed without rounding, so the result is the real-valued network's output at {@code x}.
 * Used to confirm counterexamples independently of floating-point round-off. Arctan layers have no exact form.
 */
public final class ExactEvaluation {
    private ExactEvaluation() {
    }

    /** Whether every layer can be evaluated exactly (no arctan). */
    public static boolean supports(Network net) {
        for (Layer l : net.layers()) if (l instanceof ArctanLayer) return false;
        return true;
    }

    /** The exact output at {@code x}; IllegalArgumentException for networks with arctan layers or a wrong input size. */
    public static BigDecimal[] apply(Network net, double[] x) {
        if (x.length != net.inputSize()) throw new IllegalArgumentException("exact evaluation: " + x.length + " inputs, expected " + net.inputSize());
        BigDecimal[][] outs = new BigDecimal[net.layerCount() + 1][];
        outs[0] = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) outs[0][i] = exact(x[i]);
        for (int k = 0; k < net.layerCount(); k++) {
            BigDecimal[] in = outs[k];
            outs[k + 1] = switch (net.layer(k)) {
                case AffineLayer a -> affine(a, in);
                case ReluLayer r -> relu(in);
                case ReshapeLayer r -> in.clone();
                case MaxPoolLayer p -> maxPool(p, in);
                case ResidualAddLayer add -> residual(in, outs[add.source() + 1]);
                case ArctanLayer t -> throw new IllegalArgumentException("exact evaluation: layer " + k + " (" + t.describe()
                        + ") has no exact form");
            };
        }
        return outs[net.layerCount()];
    }

    /** The exact decimal value of a finite double. */
    public static BigDecimal exact(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("exact evaluation: non-finite value " + v);
        return new BigDecimal(v);
    }

    private static BigDecimal[] affine(AffineLayer a, BigDecimal[] in) {
        BigDecimal[] out = new BigDecimal[a.outputSize()];
        for (int i = 0; i < out.length; i++) {
            BigDecimal s = exact(a.bias(i));
            for (int k = a.rowStart(i); k < a.rowEnd(i); k++) s = s.add(exact(a.value(k)).multiply(in[a.column(k)]));
            out[i] = s;
        }
        return out;
    }

    private static BigDecimal[] relu(BigDecimal[] in) {
        BigDecimal[] out = new BigDecimal[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[i].signum() > 0 ? in[i] : BigDecimal.ZERO;
        return out;
    }

    private static BigDecimal[] maxPool(MaxPoolLayer p, BigDecimal[] in) {
        BigDecimal[] out = new BigDecimal[p.outputSize()];
        for (int g = 0; g < out.length; g++) {
            for (int j : p.group(g)) out[g] = out[g] == null ? in[j] : out[g].max(in[j]);
        }
        return out;
    }

    private static BigDecimal[] residual(BigDecimal[] in, BigDecimal[] source) {
        BigDecimal[] out = new BigDecimal[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[i].add(source[i]);
        return out;
    }
}
