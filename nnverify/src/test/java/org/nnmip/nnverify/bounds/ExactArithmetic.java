package org.nnmip.nnverify.bounds;

import java.math.BigDecimal;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * The real-valued network in exact decimal arithmetic (BigDecimal without rounding: every double is a finite
 * decimal, and sums and products of finite decimals are exact): forward passes and interval propagation. The
 * reference every floating-point bound must contain.
 */
public final class ExactArithmetic {
    private ExactArithmetic() { }

    public static BigDecimal exact(double v) {
        return new BigDecimal(v);
    }

    /** Every layer output (index k) of the exact forward pass at {@code input}. */
    public static BigDecimal[][] evaluate(Network net, double[] input) {
        BigDecimal[] x = new BigDecimal[input.length];
        for (int i = 0; i < x.length; i++) x[i] = exact(input[i]);
        return evaluate(net, x);
    }

    public static BigDecimal[][] evaluate(Network net, BigDecimal[] in0) {
        BigDecimal[][] out = new BigDecimal[net.layerCount()][];
        BigDecimal[] x = in0;
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            BigDecimal[] y = new BigDecimal[layer.outputSize()];
            switch (layer) {
                case AffineLayer a -> {
                    for (int i = 0; i < y.length; i++) {
                        BigDecimal s = exact(a.bias(i));
                        for (int q = a.rowStart(i); q < a.rowEnd(i); q++) s = s.add(exact(a.value(q)).multiply(x[a.column(q)]));
                        y[i] = s;
                    }
                }
                case ReluLayer r -> { for (int i = 0; i < y.length; i++) y[i] = x[i].signum() > 0 ? x[i] : BigDecimal.ZERO; }
                case ReshapeLayer r -> System.arraycopy(x, 0, y, 0, y.length);
                case ArctanLayer t -> throw new IllegalArgumentException("arctan has no exact decimal value");
                case MaxPoolLayer p -> {
                    for (int g = 0; g < y.length; g++) {
                        BigDecimal m = null;
                        for (int j : p.group(g)) m = m == null || x[j].compareTo(m) > 0 ? x[j] : m;
                        y[g] = m;
                    }
                }
                case ResidualAddLayer add -> {
                    BigDecimal[] src = add.source() < 0 ? in0 : out[add.source()];
                    for (int i = 0; i < y.length; i++) y[i] = x[i].add(src[i]);
                }
            }
            out[k] = y;
            x = y;
        }
        return out;
    }

    /** Exact interval propagation over {@code box}: {@code [k][0]} lower and {@code [k][1]} upper ends of layer k. */
    public static BigDecimal[][][] intervals(Network net, Box box) {
        int n = box.dimension();
        BigDecimal[] l0 = new BigDecimal[n];
        BigDecimal[] u0 = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            l0[i] = exact(box.lower(i));
            u0[i] = exact(box.upper(i));
        }
        BigDecimal[][][] out = new BigDecimal[net.layerCount()][][];
        BigDecimal[] l = l0;
        BigDecimal[] u = u0;
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            int m = layer.outputSize();
            BigDecimal[] nl = new BigDecimal[m];
            BigDecimal[] nu = new BigDecimal[m];
            switch (layer) {
                case AffineLayer a -> {
                    for (int i = 0; i < m; i++) {
                        BigDecimal sl = exact(a.bias(i));
                        BigDecimal su = sl;
                        for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                            BigDecimal w = exact(a.value(q));
                            int j = a.column(q);
                            BigDecimal p1 = w.multiply(l[j]);
                            BigDecimal p2 = w.multiply(u[j]);
                            sl = sl.add(p1.min(p2));
                            su = su.add(p1.max(p2));
                        }
                        nl[i] = sl;
                        nu[i] = su;
                    }
                }
                case ReluLayer r -> {
                    for (int i = 0; i < m; i++) {
                        nl[i] = l[i].max(BigDecimal.ZERO);
                        nu[i] = u[i].max(BigDecimal.ZERO);
                    }
                }
                case ReshapeLayer r -> {
                    System.arraycopy(l, 0, nl, 0, m);
                    System.arraycopy(u, 0, nu, 0, m);
                }
                case ArctanLayer t -> throw new IllegalArgumentException("arctan has no exact decimal value");
                case MaxPoolLayer p -> {
                    for (int g = 0; g < m; g++) {
                        BigDecimal gl = null;
                        BigDecimal gu = null;
                        for (int j : p.group(g)) {
                            gl = gl == null ? l[j] : gl.max(l[j]);
                            gu = gu == null ? u[j] : gu.max(u[j]);
                        }
                        nl[g] = gl;
                        nu[g] = gu;
                    }
                }
                case ResidualAddLayer add -> {
                    BigDecimal[] sl = add.source() < 0 ? l0 : out[add.source()][0];
                    BigDecimal[] su = add.source() < 0 ? u0 : out[add.source()][1];
                    for (int i = 0; i < m; i++) {
                        nl[i] = l[i].add(sl[i]);
                        nu[i] = u[i].add(su[i]);
                    }
                }
            }
            out[k] = new BigDecimal[][] {nl, nu};
            l = nl;
            u = nu;
        }
        return out;
    }

    /** True when {@code v} lies in {@code [lo, hi]} (infinite ends allowed). */
    public static boolean within(BigDecimal v, double lo, double hi) {
        return (lo == Double.NEGATIVE_INFINITY || v.compareTo(exact(lo)) >= 0)
                && (hi == Double.POSITIVE_INFINITY || v.compareTo(exact(hi)) <= 0);
    }
}
