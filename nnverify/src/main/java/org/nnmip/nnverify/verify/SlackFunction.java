package org.nnmip.nnverify.verify;

import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputConstraint;

/**
 * One conjunct {@code c_k . y <= rhs_k (all k)} of a property's output condition as its margin
 * {@code t(y) = min_k (rhs_k - c_k . y)}: the conjunct holds at {@code y} (the point is a counterexample) iff
 * {@code t(y) >= 0}. Verification maximises {@code t} over the input box.
 */
final class SlackFunction {
    final Network network;
    final List<OutputConstraint> constraints;
    /** {@code network} followed by the dense layer {@code y -> C y - rhs}: its outputs are the constraint slacks. */
    final Network slackNetwork;

    SlackFunction(Network network, List<OutputConstraint> constraints) {
        if (constraints.isEmpty()) throw new IllegalArgumentException("slack function: empty conjunct");
        this.network = network;
        this.constraints = List.copyOf(constraints);
        int m = constraints.size();
        double[][] c = new double[m][];
        double[] b = new double[m];
        for (int k = 0; k < m; k++) {
            c[k] = constraints.get(k).coefficients();
            b[k] = -constraints.get(k).rhs();
        }
        this.slackNetwork = network.followedBy(List.of(AffineLayer.dense(c, b)));
    }

    /** {@code min_k (rhs_k - c_k . y)}: >= 0 iff every constraint of the conjunct holds at output {@code y}. */
    double margin(double[] y) {
        double t = Double.POSITIVE_INFINITY;
        for (OutputConstraint c : constraints) t = Math.min(t, -c.slack(y));
        return t;
    }

    /** Index of the constraint attaining the margin. */
    int tightest(double[] y) {
        int best = 0;
        double t = Double.POSITIVE_INFINITY;
        for (int k = 0; k < constraints.size(); k++) {
            double s = -constraints.get(k).slack(y);
            if (s < t) {
                t = s;
                best = k;
            }
        }
        return best;
    }
}
