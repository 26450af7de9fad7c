package org.nnmip.nnverify.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nnmip.nnverify.bounds.Box;

/**
 * Local robustness of a classifier around an input (Cheng, Nührenberg &amp; Ruess 2017, "Maximum resilience of
 * artificial neural networks", Sec. 3): every {@code x'} with {@code ||x' - center|| <= epsilon} (L-infinity or L1)
 * inside the input domain keeps class {@code label} among its {@code topK} highest outputs. As a property it is its
 * violation set: points of that region where at least {@code topK} other classes score {@code >= y_label}
 * ({@code topK = 1}: the label is not the strict arg-max). Ties count as violations, so "robust" is never claimed
 * for a point on a decision boundary.
 *
 * @param domain the network's input bounds intersected with the ball, or null for none
 */
public record LocalRobustnessProperty(double[] center, double epsilon, Norm norm, int label, int topK, int outputSize, Box domain) {
    /** The norm of the perturbation ball. */
    public enum Norm {
        LINF, L1;

        /** {@code linf} or {@code l1} (case-insensitive). */
        public static Norm parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "linf", "inf", "l-inf" -> LINF;
                case "l1" -> L1;
                default -> throw new IllegalArgumentException("norm must be linf or l1, got '" + s + "'");
            };
        }

        public String jsonName() { return this == LINF ? "linf" : "l1"; }
    }

    public LocalRobustnessProperty {
        if (center == null || center.length == 0) throw new IllegalArgumentException("robustness: the input point is empty");
        for (int i = 0; i < center.length; i++) {
            if (!Double.isFinite(center[i])) throw new IllegalArgumentException("robustness: input component " + i + " is not finite");
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) throw new IllegalArgumentException("robustness: epsilon must be finite and >= 0, got " + epsilon);
        if (norm == null) throw new IllegalArgumentException("robustness: norm is null");
        if (outputSize < 2) throw new IllegalArgumentException("robustness: a classifier needs at least 2 outputs, got " + outputSize);
        if (label < 0 || label >= outputSize) throw new IllegalArgumentException("robustness: label " + label + " is not in 0.." + (outputSize - 1));
        if (topK < 1 || topK >= outputSize) throw new IllegalArgumentException("robustness: top-k must be in 1.." + (outputSize - 1) + ", got " + topK);
        if (domain != null && domain.dimension() != center.length) {
            throw new IllegalArgumentException("robustness: input domain has dimension " + domain.dimension() + ", input " + center.length);
        }
        if (domain != null && !domain.contains(center, 0.0)) throw new IllegalArgumentException("robustness: the input point lies outside the input domain");
        center = center.clone();
    }

    @Override public double[] center() { return center.clone(); }
    public int inputSize() { return center.length; }

    /** The smallest box holding the region: the L-infinity ball of radius epsilon clipped to the domain (for L1 too). */
    public Box region() {
        double[] lo = new double[center.length];
        double[] hi = new double[center.length];
        for (int i = 0; i < center.length; i++) {
            lo[i] = center[i] - epsilon;
            hi[i] = center[i] + epsilon;
            if (domain != null) {
                lo[i] = Math.max(lo[i], domain.lower(i));
                hi[i] = Math.min(hi[i], domain.upper(i));
            }
        }
        return new Box(lo, hi);
    }

    /** The perturbation norm {@code ||x - center||}. */
    public double distance(double[] x) {
        double d = 0;
        for (int i = 0; i < center.length; i++) {
            double a = Math.abs(x[i] - center[i]);
            d = norm == Norm.LINF ? Math.max(d, a) : d + a;
        }
        return d;
    }

    /** True when {@code x} is in the region (box and ball each widened by {@code tolerance}). */
    public boolean inRegion(double[] x, double tolerance) {
        if (x.length != center.length) throw new IllegalArgumentException("robustness: point has " + x.length + " inputs, expected " + center.length);
        return region().contains(x, tolerance) && distance(x) <= epsilon + tolerance;
    }

    /** The {@code topK}-th largest {@code y_j - y_label} over {@code j != label}: the output violates iff it is {@code >= 0}. */
    public double margin(double[] y) {
        return kthLargestDifference(y, topK);
    }

    /** Index of the class attaining {@link #margin}: its score is the one to push above the label's. */
    public int marginClass(double[] y) {
        Integer[] order = othersByScore(y);
        return order[topK - 1];
    }

    private double kthLargestDifference(double[] y, int k) {
        checkOutput(y);
        return y[othersByScore(y)[k - 1]] - y[label];
    }

    private Integer[] othersByScore(double[] y) {
        Integer[] others = new Integer[outputSize - 1];
        for (int j = 0, p = 0; j < outputSize; j++) if (j != label) others[p++] = j;
        Arrays.sort(others, (a, b) -> Double.compare(y[b], y[a]));
        return others;
    }

    private void checkOutput(double[] y) {
        if (y.length != outputSize) throw new IllegalArgumentException("robustness: " + y.length + " outputs, expected " + outputSize);
    }

    /** True when {@code x} is in the region and output {@code y} has at least {@code topK} other classes scoring {@code >= y_label - tolerance}. */
    public boolean isViolatedBy(double[] x, double[] y, double tolerance) {
        return inRegion(x, tolerance) && margin(y) >= -tolerance;
    }

    /** The output condition of a top-1 violation: {@code y_label - y_j <= 0} for some {@code j != label}. */
    public OutputCondition topOneCondition() {
        List<List<OutputConstraint>> disjuncts = new ArrayList<>();
        for (int j = 0; j < outputSize; j++) {
            if (j == label) continue;
            double[] c = new double[outputSize];
            c[label] = 1.0;
            c[j] = -1.0;
            disjuncts.add(List.of(new OutputConstraint(c, 0.0)));
        }
        return new OutputCondition(outputSize, disjuncts);
    }

    /** True when the violation set is a box property (L-infinity ball, top-1): the region is exactly {@link #region()}. */
    public boolean isBoxProperty() {
        return norm == Norm.LINF && topK == 1;
    }

    /** The same violation set as a box {@link Property}; only for {@link #isBoxProperty()}. */
    public Property toBoxProperty() {
        if (!isBoxProperty()) throw new IllegalStateException("robustness: only the L-infinity top-1 property is a box property");
        return new Property(center.length, outputSize, List.of(region()), topOneCondition());
    }

    @Override public boolean equals(Object o) {
        return o instanceof LocalRobustnessProperty p && Arrays.equals(p.center, center) && Double.compare(p.epsilon, epsilon) == 0
                && p.norm == norm && p.label == label && p.topK == topK && p.outputSize == outputSize && java.util.Objects.equals(p.domain, domain);
    }
    @Override public int hashCode() { return Arrays.hashCode(center) * 31 + Double.hashCode(epsilon) + 7 * label + 11 * topK; }
    @Override public String toString() {
        return String.format(Locale.ROOT, "robustness(|x - x0|_%s <= %s, label %d, top-%d, %d inputs)", norm.jsonName(), epsilon, label, topK, center.length);
    }
}
