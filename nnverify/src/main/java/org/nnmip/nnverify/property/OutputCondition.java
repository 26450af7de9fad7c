package org.nnmip.nnverify.property;

import java.util.List;

/**
 * A condition on the outputs in disjunctive normal form: true when some conjunction has all its constraints
 * satisfied. No disjuncts means false; an empty conjunction means true.
 */
public record OutputCondition(int outputSize, List<List<OutputConstraint>> disjuncts) {
    public OutputCondition {
        disjuncts = disjuncts.stream().map(List::copyOf).toList();
        for (List<OutputConstraint> d : disjuncts) {
            for (OutputConstraint c : d) {
                if (c.coefficients().length != outputSize) throw new IllegalArgumentException("output condition: constraint over "
                        + c.coefficients().length + " outputs, expected " + outputSize);
            }
        }
    }

    public boolean isSatisfiedBy(double[] y, double tolerance) {
        for (List<OutputConstraint> conj : disjuncts) {
            boolean all = true;
            for (OutputConstraint c : conj) {
                if (!c.isSatisfiedBy(y, tolerance)) { all = false; break; }
            }
            if (all) return true;
        }
        return false;
    }

    /**
     * How far {@code y} is inside the condition: the largest, over disjuncts, of the smallest {@code -slack} of its
     * constraints ({@code >= 0} exactly when {@code y} satisfies the condition); +inf for an empty conjunction,
     * -inf without disjuncts.
     */
    public double margin(double[] y) {
        double best = Double.NEGATIVE_INFINITY;
        for (List<OutputConstraint> conj : disjuncts) {
            double m = Double.POSITIVE_INFINITY;
            for (OutputConstraint c : conj) m = Math.min(m, -c.slack(y));
            best = Math.max(best, m);
        }
        return best;
    }

    /**
     * {@link #margin} in exact decimal arithmetic; empty when the margin is infinite (an empty conjunction, or no
     * disjuncts, which {@link #isSatisfiedExactly} decides).
     */
    public java.util.Optional<java.math.BigDecimal> exactMargin(java.math.BigDecimal[] y) {
        java.math.BigDecimal best = null;
        for (List<OutputConstraint> conj : disjuncts) {
            if (conj.isEmpty()) return java.util.Optional.empty();
            java.math.BigDecimal m = null;
            for (OutputConstraint c : conj) {
                java.math.BigDecimal v = c.exactSlack(y).negate();
                m = m == null ? v : m.min(v);
            }
            best = best == null ? m : best.max(m);
        }
        return java.util.Optional.ofNullable(best);
    }

    /** Whether the exact output {@code y} satisfies the condition, with no tolerance and no rounding. */
    public boolean isSatisfiedExactly(java.math.BigDecimal[] y) {
        if (disjuncts.isEmpty()) return false;
        return exactMargin(y).map(m -> m.signum() >= 0).orElse(true);
    }
}
