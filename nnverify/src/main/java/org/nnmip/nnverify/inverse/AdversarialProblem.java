package org.nnmip.nnverify.inverse;

import java.util.Arrays;

/**
 * A minimal-adversarial-example question (Fischetti &amp; Jo 2018, Sec. 4; "Mathematical Optimization in Deep Learning",
 * ch. 4): the input closest to {@code original} in {@code norm} whose output {@code target} beats output {@code source}.
 *
 * @param original    the original input x̃
 * @param source      the class to beat (i)
 * @param target      the class to reach (j), different from {@code source}
 * @param condition   {@link Condition#FACTOR}: {@code y_j >= factor * y_i} (meaningful for non-negative outputs);
 *                    {@link Condition#MARGIN}: {@code y_j >= y_i + margin}
 * @param value       the factor or the margin
 * @param norm        the distance minimised
 * @param lower       lower input bounds
 * @param upper       upper input bounds
 * @param maxChange   largest change of any single attribute ({@code +inf}: none)
 * @param maxChanged  largest number of changed attributes ({@code -1}: no limit)
 * @param step        least change of a changed attribute ({@code 0}: none); enforced with binary indicators
 * @param integer     inputs must be integers
 */
public record AdversarialProblem(double[] original, int source, int target, Condition condition, double value, Norm norm,
                                 double[] lower, double[] upper, double maxChange, int maxChanged, double step, boolean integer) {
    public enum Condition { FACTOR, MARGIN }
    public enum Norm { L1, LINF }

    public AdversarialProblem {
        int n = original.length;
        if (lower.length != n || upper.length != n) {
            throw new IllegalArgumentException("adversarial: input bounds need " + n + " values, got " + lower.length + " and " + upper.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(original[i])) throw new IllegalArgumentException("adversarial: original input " + i + " is not finite");
            if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i]) || lower[i] > upper[i]) {
                throw new IllegalArgumentException("adversarial: input bound " + i + " [" + lower[i] + ", " + upper[i] + "] is not a finite interval");
            }
        }
        if (source == target) throw new IllegalArgumentException("adversarial: target " + target + " equals the source class");
        if (source < 0 || target < 0) throw new IllegalArgumentException("adversarial: negative class index");
        if (!Double.isFinite(value)) throw new IllegalArgumentException("adversarial: factor/margin must be finite, got " + value);
        if (!(maxChange >= 0)) throw new IllegalArgumentException("adversarial: max change must be non-negative, got " + maxChange);
        if (maxChanged < -1) throw new IllegalArgumentException("adversarial: max changed attributes must be >= 0, got " + maxChanged);
        if (!(step >= 0) || !Double.isFinite(step)) throw new IllegalArgumentException("adversarial: step must be finite and non-negative, got " + step);
        original = original.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /** The thesis setting: L1, factor 1.2, no further limits. */
    public static AdversarialProblem of(double[] original, int source, int target, double[] lower, double[] upper) {
        return new AdversarialProblem(original, source, target, Condition.FACTOR, 1.2, Norm.L1, lower, upper,
                Double.POSITIVE_INFINITY, -1, 0.0, false);
    }

    public AdversarialProblem withCondition(Condition c, double v) {
        return new AdversarialProblem(original, source, target, c, v, norm, lower, upper, maxChange, maxChanged, step, integer);
    }
    public AdversarialProblem withNorm(Norm n) {
        return new AdversarialProblem(original, source, target, condition, value, n, lower, upper, maxChange, maxChanged, step, integer);
    }
    public AdversarialProblem withMaxChange(double d) {
        return new AdversarialProblem(original, source, target, condition, value, norm, lower, upper, d, maxChanged, step, integer);
    }
    public AdversarialProblem withMaxChanged(int k, double s) {
        return new AdversarialProblem(original, source, target, condition, value, norm, lower, upper, maxChange, k, s, integer);
    }
    public AdversarialProblem withInteger(boolean b) {
        return new AdversarialProblem(original, source, target, condition, value, norm, lower, upper, maxChange, maxChanged, step, b);
    }

    /** Whether the attribute indicators (count limit or least step) are needed. */
    boolean needsIndicators() { return maxChanged >= 0 || step > 0; }

    /** {@code y_target - (factor|1) * y_source - (0|margin)}: non-negative iff the condition holds. */
    double slack(double[] y) {
        return condition == Condition.FACTOR ? y[target] - value * y[source] : y[target] - y[source] - value;
    }

    /** The distance of {@code x} from the original in the problem's norm. */
    double distance(double[] x) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double a = Math.abs(x[i] - original[i]);
            d = norm == Norm.L1 ? d + a : Math.max(d, a);
        }
        return d;
    }

    @Override public double[] original() { return original.clone(); }
    @Override public double[] lower() { return lower.clone(); }
    @Override public double[] upper() { return upper.clone(); }
    @Override public String toString() {
        return "AdversarialProblem[" + Arrays.toString(original) + ", " + source + " -> " + target + ", " + condition + " " + value + ", " + norm + "]";
    }
}
