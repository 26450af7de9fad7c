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
}
