package org.nnmip.nnverify.bounds;

import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Interval bound propagation (IBP; e.g. Gowal et al. 2018, "On the effectiveness of interval bound propagation").
 * An affine neuron's end points are summed in round-to-nearest and then moved outward by the a-priori error bound of
 * the sum ({@link ErrorBound}: {@code gamma_n sum |terms| + n eta}), the last subtraction rounded outward with
 * {@link Math#nextDown}/{@link Math#nextUp} (a round-to-nearest result is within half an ulp of the exact value, so
 * one step outward encloses it); other layers round each operation outward. The bounds thus hold for the exact
 * real-valued network; an overflow makes the error bound infinite and the bound unbounded. Checked against exact
 * BigDecimal interval propagation in {@code RigorousBoundsTest}.
 */
public final class IntervalBounds {
    private IntervalBounds() { }

    public static NetworkBounds compute(Network net, Box input) {
        return tighten(NetworkBounds.unbounded(net, input));
    }

    /** Layer by layer, intersects the given bounds with those propagated from the (already tightened) layer before. */
    public static NetworkBounds tighten(NetworkBounds given) {
        Network net = given.network();
        double[][] lo = given.lowerArrays();
        double[][] hi = given.upperArrays();
        for (int k = 0; k < net.layerCount(); k++) {
            double[] l = lo[k];
            double[] u = hi[k];
            double[][] next = propagate(net.layer(k), l, u, lo, hi);
            for (int i = 0; i < next[0].length; i++) {
                lo[k + 1][i] = Math.max(lo[k + 1][i], next[0][i]);
                hi[k + 1][i] = Math.min(hi[k + 1][i], next[1][i]);
            }
        }
        return new NetworkBounds(net, lo, hi);
    }

    /** Bounds of {@code layer}'s output from bounds of its input; {@code lo/hi} (index k+1) serve residual sources. */
    static double[][] propagate(Layer layer, double[] l, double[] u, double[][] lo, double[][] hi) {
        int m = layer.outputSize();
        double[] nl = new double[m];
        double[] nu = new double[m];
        switch (layer) {
            case AffineLayer a -> {
                for (int i = 0; i < m; i++) {
                    // Both sums in round-to-nearest, then moved outward once by the a-priori bound of ErrorBound:
                    // within gamma_n sum |w x| + n eta of the exact sums (bias and products, n terms in all).
                    double b = a.bias(i);
                    double sl = b;
                    double su = b;
                    double sizeL = Math.abs(b);
                    double sizeU = sizeL;
                    int terms = 1;
                    for (int k = a.rowStart(i); k < a.rowEnd(i); k++) {
                        double w = a.value(k);
                        if (w == 0) continue;
                        int j = a.column(k);
                        double p = w * l[j];
                        double q = w * u[j];
                        // monotone rounding: the smaller product is the one at the lower end for w > 0, else the upper
                        double pl = Math.min(p, q);
                        double pu = Math.max(p, q);
                        sl += pl;
                        su += pu;
                        sizeL += Math.abs(pl);
                        sizeU += Math.abs(pu);
                        terms++;
                    }
                    double g = ErrorBound.gamma(terms);
                    double eta = ErrorBound.mul(terms, ErrorBound.ETA);
                    // An overflow or an infinite end makes the size infinite and the difference -inf or NaN: unbounded.
                    double lower = Math.nextDown(sl - ErrorBound.add(ErrorBound.mul(g, ErrorBound.sumUp(sizeL, terms)), eta));
                    double upper = Math.nextUp(su + ErrorBound.add(ErrorBound.mul(g, ErrorBound.sumUp(sizeU, terms)), eta));
                    nl[i] = Double.isNaN(lower) ? Double.NEGATIVE_INFINITY : lower;
                    nu[i] = Double.isNaN(upper) ? Double.POSITIVE_INFINITY : upper;
                }
            }
            case ReluLayer r -> {
                for (int i = 0; i < m; i++) {
                    nl[i] = Math.max(0.0, l[i]);
                    nu[i] = Math.max(0.0, u[i]);
                }
            }
            case ReshapeLayer r -> {
                System.arraycopy(l, 0, nl, 0, m);
                System.arraycopy(u, 0, nu, 0, m);
            }
            case MaxPoolLayer p -> {
                for (int g = 0; g < m; g++) {
                    double gl = Double.NEGATIVE_INFINITY;
                    double gu = Double.NEGATIVE_INFINITY;
                    for (int j : p.group(g)) {
                        gl = Math.max(gl, l[j]);
                        gu = Math.max(gu, u[j]);
                    }
                    nl[g] = gl;
                    nu[g] = gu;
                }
            }
            case ArctanLayer t -> {
                // Monotone: the ends map to the ends, rounded outward.
                for (int i = 0; i < m; i++) {
                    nl[i] = ArctanEnclosure.lower(l[i]);
                    nu[i] = ArctanEnclosure.upper(u[i]);
                }
            }
            case ResidualAddLayer add -> {
                double[] sl = lo[add.source() + 1];
                double[] su = hi[add.source() + 1];
                for (int i = 0; i < m; i++) {
                    nl[i] = Math.nextDown(l[i] + sl[i]);
                    nu[i] = Math.nextUp(u[i] + su[i]);
                }
            }
        }
        return new double[][] {nl, nu};
    }
}
