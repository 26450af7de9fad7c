package org.nnmip.nnverify.lipschitz;

import java.util.Optional;

/**
 * What one method computed.
 *
 * @param method   short name ({@code lipmip}, {@code liplp}, {@code fastlip}, ...)
 * @param kind     what {@code value} guarantees
 * @param status   {@code optimal}, {@code time_limit}, ... for the MIP/LP methods, {@code done} for estimators
 * @param value    the method's answer: the optimum for LipMIP when solved (NaN otherwise), the bound or estimate otherwise
 * @param lower    a proven lower bound on L (NaN when the method gives none)
 * @param upper    a proven upper bound on L (+inf when the method gives none)
 * @param timeSeconds wall-clock time of the method (bounds shared by all methods excluded)
 * @param point    an input point attaining {@code lower} (LipMIP incumbent or best sampled point, RandomLB arg max), if any
 * @param gradient the gradient of {@code c'f} at {@code point} whose dual norm is {@code lower}, if any (vector
 *                 outputs: {@code J(point)'u} for the maximising dual-ball vertex u)
 * @param nodes    branch-and-bound nodes processed (LipMIP; 0 for the other methods)
 */
public record LipschitzResult(String method, BoundKind kind, String status, double value, double lower, double upper,
                              double timeSeconds, Optional<double[]> point, Optional<double[]> gradient, long nodes) {
    public LipschitzResult {
        point = point.map(double[]::clone);
        gradient = gradient.map(double[]::clone);
    }

    /** A result of a method without a search (no nodes). */
    public LipschitzResult(String method, BoundKind kind, String status, double value, double lower, double upper,
                           double timeSeconds, Optional<double[]> point, Optional<double[]> gradient) {
        this(method, kind, status, value, lower, upper, timeSeconds, point, gradient, 0L);
    }

    @Override public Optional<double[]> point() { return point.map(double[]::clone); }
    @Override public Optional<double[]> gradient() { return gradient.map(double[]::clone); }

    /** True when {@code value} is the exact Lipschitz constant (within the requested gap). */
    public boolean isOptimal() { return kind == BoundKind.EXACT && "optimal".equals(status); }

    static LipschitzResult estimate(String method, BoundKind kind, double value, double seconds, double[] point, double[] gradient) {
        double lower = kind == BoundKind.LOWER_BOUND ? value : Double.NaN;
        double upper = kind == BoundKind.UPPER_BOUND ? value : Double.POSITIVE_INFINITY;
        return new LipschitzResult(method, kind, "done", value, lower, upper, seconds, Optional.ofNullable(point), Optional.ofNullable(gradient));
    }
}
