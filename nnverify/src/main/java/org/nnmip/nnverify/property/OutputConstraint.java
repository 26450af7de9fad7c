package org.nnmip.nnverify.property;

import java.util.Arrays;

/** The linear constraint {@code sum_j coefficients[j] * Y_j <= rhs} over the network outputs. */
public record OutputConstraint(double[] coefficients, double rhs) {
    public OutputConstraint {
        coefficients = coefficients.clone();
        for (double c : coefficients) if (!Double.isFinite(c)) throw new IllegalArgumentException("output constraint: non-finite coefficient");
        if (Double.isNaN(rhs)) throw new IllegalArgumentException("output constraint: NaN right-hand side");
    }

    @Override public double[] coefficients() { return coefficients.clone(); }
    public double coefficient(int j) { return coefficients[j]; }

    /** {@code coefficients . y - rhs}: positive means violated by that much. */
    public double slack(double[] y) {
        if (y.length != coefficients.length) throw new IllegalArgumentException("output constraint: " + y.length + " outputs, expected " + coefficients.length);
        double s = -rhs;
        for (int j = 0; j < y.length; j++) s += coefficients[j] * y[j];
        return s;
    }

    /** {@link #slack} in exact decimal arithmetic (no rounding). */
    public java.math.BigDecimal exactSlack(java.math.BigDecimal[] y) {
        if (y.length != coefficients.length) throw new IllegalArgumentException("output constraint: " + y.length + " outputs, expected " + coefficients.length);
        java.math.BigDecimal s = new java.math.BigDecimal(rhs).negate();
        for (int j = 0; j < y.length; j++) if (coefficients[j] != 0) s = s.add(new java.math.BigDecimal(coefficients[j]).multiply(y[j]));
        return s;
    }

    public boolean isSatisfiedBy(double[] y, double tolerance) {
        return slack(y) <= tolerance;
    }

    @Override public boolean equals(Object o) {
        return o instanceof OutputConstraint c && Arrays.equals(c.coefficients, coefficients) && Double.compare(c.rhs, rhs) == 0;
    }
    @Override public int hashCode() { return 31 * Arrays.hashCode(coefficients) + Double.hashCode(rhs); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < coefficients.length; j++) {
            if (coefficients[j] == 0) continue;
            sb.append(sb.isEmpty() ? "" : " + ").append(coefficients[j]).append("*Y_").append(j);
        }
        return (sb.isEmpty() ? "0" : sb.toString()) + " <= " + rhs;
    }
}
