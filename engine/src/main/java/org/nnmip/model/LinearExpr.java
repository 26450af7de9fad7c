package org.nnmip.model;

import it.unimi.dsi.fastutil.objects.Reference2DoubleLinkedOpenHashMap;
import it.unimi.dsi.fastutil.objects.Reference2DoubleMap;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * An immutable affine expression {@code sum_k coef_k * var_k + constant}. Each variable appears at most once
 * (duplicates are merged by the {@link Builder}); terms keep the order in which variables first appeared; terms
 * whose merged coefficient is exactly zero are dropped.
 *
 * <pre>{@code
 * LinearExpr e = LinearExpr.builder().add(2, x).add(-1, y).add(3, x).constant(5).build(); // 5x - y + 5
 * LinearExpr f = LinearExpr.of(x).plus(LinearExpr.of(4, y)).times(2);
 * }</pre>
 *
 * A NaN or infinite coefficient or constant is rejected with an {@link IllegalArgumentException} naming the
 * variable.
 */
public final class LinearExpr {
    private static final LinearExpr ZERO = new LinearExpr(new Variable[0], new double[0], 0.0);

    private final Variable[] variables;
    private final double[] coefficients;
    private final double constant;

    private LinearExpr(Variable[] variables, double[] coefficients, double constant) {
        this.variables = variables;
        this.coefficients = coefficients;
        this.constant = constant;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LinearExpr zero() {
        return ZERO;
    }

    public static LinearExpr constant(double value) {
        return builder().constant(value).build();
    }

    public static LinearExpr of(Variable variable) {
        return builder().add(1.0, variable).build();
    }

    public static LinearExpr of(double coefficient, Variable variable) {
        return builder().add(coefficient, variable).build();
    }

    /** {@code sum_k coefficients[k] * variables[k]}; duplicates are merged. */
    public static LinearExpr of(Variable[] variables, double[] coefficients) {
        if (variables.length != coefficients.length) {
            throw new IllegalArgumentException(variables.length + " variables but " + coefficients.length
                    + " coefficients");
        }
        Builder b = new Builder();
        for (int k = 0; k < variables.length; k++) b.add(coefficients[k], variables[k]);
        return b.build();
    }

    /** The plain sum of the given variables (each with coefficient 1). */
    public static LinearExpr sum(Variable... variables) {
        Builder b = new Builder();
        for (Variable v : variables) b.add(1.0, v);
        return b.build();
    }

    public static LinearExpr sum(Collection<Variable> variables) {
        Builder b = new Builder();
        for (Variable v : variables) b.add(1.0, v);
        return b.build();
    }

    /** This expression plus {@code other}. */
    public LinearExpr plus(LinearExpr other) {
        return builder().add(this).add(other).build();
    }

    public LinearExpr plus(double coefficient, Variable variable) {
        return builder().add(this).add(coefficient, variable).build();
    }

    public LinearExpr plusConstant(double value) {
        return builder().add(this).constant(value).build();
    }

    /** This expression scaled by {@code factor}. */
    public LinearExpr times(double factor) {
        return builder().add(factor, this).build();
    }

    /** Number of terms (distinct variables with non-zero coefficient). */
    public int size() {
        return variables.length;
    }

    public Variable variable(int k) {
        return variables[k];
    }

    public double coefficient(int k) {
        return coefficients[k];
    }

    /** The coefficient of {@code v}, 0 if absent (linear scan: for inspection, not inner loops). */
    public double coefficientOf(Variable v) {
        for (int k = 0; k < variables.length; k++) if (variables[k] == v) return coefficients[k];
        return 0.0;
    }

    public double constant() {
        return constant;
    }

    /** Value at the point {@code x} indexed by {@link Variable#index()}. */
    public double evaluate(double[] x) {
        double s = constant;
        for (int k = 0; k < variables.length; k++) s += coefficients[k] * x[variables[k].index()];
        return s;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < variables.length; k++) {
            double c = coefficients[k];
            if (k > 0) sb.append(c < 0 ? " - " : " + ");
            else if (c < 0) sb.append("-");
            double a = Math.abs(c);
            if (a != 1.0) sb.append(ModelNumbers.format(a)).append(' ');
            sb.append(variables[k].name());
        }
        if (constant != 0.0 || variables.length == 0) {
            if (variables.length > 0) sb.append(constant < 0 ? " - " : " + ").append(ModelNumbers.format(Math.abs(constant)));
            else sb.append(ModelNumbers.format(constant));
        }
        return sb.toString();
    }

    /** Accumulates terms, merging repeated variables. Not thread-safe; reusable after {@link #build()}. */
    public static final class Builder {
        private final Reference2DoubleLinkedOpenHashMap<Variable> terms = new Reference2DoubleLinkedOpenHashMap<>();
        private double constant;

        private Builder() {
        }

        public Builder add(double coefficient, Variable variable) {
            Objects.requireNonNull(variable, "variable");
            if (!Double.isFinite(coefficient)) {
                throw new IllegalArgumentException("coefficient of variable " + variable.name()
                        + " must be finite, got " + coefficient);
            }
            terms.addTo(variable, coefficient);
            return this;
        }

        public Builder add(Variable variable) {
            return add(1.0, variable);
        }

        public Builder add(LinearExpr expr) {
            return add(1.0, expr);
        }

        /** Adds {@code factor * expr} (terms and constant). */
        public Builder add(double factor, LinearExpr expr) {
            for (int k = 0; k < expr.variables.length; k++) add(factor * expr.coefficients[k], expr.variables[k]);
            return constant(factor * expr.constant);
        }

        /** Adds {@code value} to the constant term. */
        public Builder constant(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant term must be finite, got " + value);
            }
            constant += value;
            return this;
        }

        public LinearExpr build() {
            int n = 0;
            for (Reference2DoubleMap.Entry<Variable> e : terms.reference2DoubleEntrySet()) {
                if (e.getDoubleValue() != 0.0) n++;
            }
            Variable[] vars = new Variable[n];
            double[] coefs = new double[n];
            int k = 0;
            for (Reference2DoubleMap.Entry<Variable> e : terms.reference2DoubleEntrySet()) {
                double c = e.getDoubleValue();
                if (c == 0.0) continue;
                if (!Double.isFinite(c)) {
                    throw new IllegalArgumentException("coefficient of variable " + e.getKey().name()
                            + " overflowed to " + c);
                }
                vars[k] = e.getKey();
                coefs[k] = c;
                k++;
            }
            if (n == 0 && constant == 0.0) return ZERO;
            return new LinearExpr(vars, coefs, constant + 0.0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearExpr e && Arrays.equals(variables, e.variables)
                && Arrays.equals(coefficients, e.coefficients) && Double.compare(constant, e.constant) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(variables) + Arrays.hashCode(coefficients) + Double.hashCode(constant);
    }
}
