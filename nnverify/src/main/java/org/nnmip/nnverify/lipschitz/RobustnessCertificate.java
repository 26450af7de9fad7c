package org.nnmip.nnverify.lipschitz;

import java.util.function.Function;
import org.nnmip.nnverify.net.Network;

/**
 * Certified robustness radius from Lipschitz constants of logit margins (Jordan & Dimakis 2020, Lemma 9; Hein &
 * Andriushchenko 2017): with {@code i} the predicted class at {@code x}, no input within distance
 * {@code min_j (f_i(x) - f_j(x)) / L(f_i - f_j, X)} of {@code x} (in the input norm) changes the prediction, provided
 * that ball lies in X. The radius is therefore capped by the largest ball around {@code x} inside the domain.
 *
 * @param predictedClass arg max of f(x)
 * @param radius         the certified radius (0 when some margin is not positive)
 * @param bindingClass   the class j attaining the minimum (-1 when there are no other classes)
 * @param margins        f_i(x) - f_j(x) per class (0 at i)
 * @param lipschitz      the upper bounds used per class (NaN at i)
 * @param domainRadius   largest ball around x inside X
 */
public record RobustnessCertificate(int predictedClass, double radius, int bindingClass, double[] margins,
                                    double[] lipschitz, double domainRadius) {
    public RobustnessCertificate {
        margins = margins.clone();
        lipschitz = lipschitz.clone();
    }

    @Override public double[] margins() { return margins.clone(); }
    @Override public double[] lipschitz() { return lipschitz.clone(); }

    /**
     * @param upperBound a method returning a result whose {@code upper()} is a proven bound (LipMIP, LipLP, FastLip,
     *                   NaiveUB); heuristics would void the certificate
     */
    public static RobustnessCertificate compute(Network net, double[] x, InputDomain domain, InputNorm norm,
                                                Function<LipschitzProblem, LipschitzResult> upperBound) {
        if (!domain.contains(x, 0)) throw new IllegalArgumentException("certificate: the point lies outside the input domain");
        double[] f = net.apply(x);
        int m = f.length;
        int top = 0;
        for (int j = 1; j < m; j++) if (f[j] > f[top]) top = j;
        double[] margins = new double[m];
        double[] lips = new double[m];
        lips[top] = Double.NaN;
        double radius = Double.POSITIVE_INFINITY;
        int binding = -1;
        for (int j = 0; j < m; j++) {
            if (j == top) continue;
            margins[j] = f[top] - f[j];
            LipschitzProblem p = new LipschitzProblem(net, OutputFunctional.logitDifference(top, j, m), domain, norm);
            LipschitzResult r = upperBound.apply(p);
            if (r.kind() == BoundKind.HEURISTIC || r.kind() == BoundKind.LOWER_BOUND) {
                throw new IllegalArgumentException("certificate: method " + r.method() + " gives no upper bound");
            }
            lips[j] = r.upper();
            double rj = margins[j] <= 0 ? 0 : lips[j] == 0 ? Double.POSITIVE_INFINITY : margins[j] / lips[j];
            if (rj < radius) { radius = rj; binding = j; }
        }
        double inside = domainRadius(x, domain, norm);
        return new RobustnessCertificate(top, Math.min(radius, inside), binding, margins, lips, inside);
    }

    /** Radius of the largest input-norm ball around x contained in the domain. */
    static double domainRadius(double[] x, InputDomain domain, InputNorm norm) {
        return switch (domain) {
            case InputDomain.BoxDomain b -> {
                double r = Double.POSITIVE_INFINITY;
                for (int i = 0; i < x.length; i++) r = Math.min(r, Math.min(x[i] - b.box().lower(i), b.box().upper(i) - x[i]));
                yield Math.max(0, r);
            }
            case InputDomain.L1Ball ball -> {
                double d = 0;
                double[] c = ball.center();
                for (int i = 0; i < x.length; i++) d += Math.abs(x[i] - c[i]);
                double slack = Math.max(0, ball.radius() - d);
                // An l-infinity ball of radius r has l1 diameter n r around its centre.
                yield norm == InputNorm.L1 ? slack : slack / x.length;
            }
        };
    }
}
