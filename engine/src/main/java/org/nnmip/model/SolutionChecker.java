package org.nnmip.model;

import java.util.Locale;

/**
 * Re-checks a candidate solution against the original {@link Model}: variable bounds, constraint rows,
 * integrality, and the objective value. Violations are measured absolutely and judged relative to the size of the
 * violated bound ({@code violation / max(1, |bound|)}), the usual practice for primal feasibility tolerances
 * (e.g. SCIP's {@code feastol}, Achterberg 2007, Sec. 1.5). A NaN or infinite value counts as an infinite
 * violation of that variable's bounds.
 *
 * <p>Stateless and thread-safe.
 */
public final class SolutionChecker {
    private final double feasibilityTolerance;
    private final double integralityTolerance;

    public SolutionChecker(double feasibilityTolerance, double integralityTolerance) {
        if (!(feasibilityTolerance >= 0) || !(integralityTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0, got " + feasibilityTolerance + ", "
                    + integralityTolerance);
        }
        this.feasibilityTolerance = feasibilityTolerance;
        this.integralityTolerance = integralityTolerance;
    }

    /** Feasibility tolerance 1e-6, integrality tolerance 1e-5. */
    public static SolutionChecker withDefaults() {
        return new SolutionChecker(1e-6, 1e-5);
    }

    public double feasibilityTolerance() {
        return feasibilityTolerance;
    }

    public double integralityTolerance() {
        return integralityTolerance;
    }

    /** The outcome of one check. Names are empty strings when nothing is violated. */
    public record Report(boolean feasible, double objective,
                         double maxBoundViolation, String worstBoundVariable,
                         double maxRowViolation, String worstRow,
                         double maxIntegralityViolation, String worstIntegerVariable,
                         String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Checks {@code x} (one value per variable, in index order). */
    public Report check(Model model, double[] x) {
        if (x.length != model.numVariables()) {
            throw new IllegalArgumentException("solution has " + x.length + " values but model " + model.name()
                    + " has " + model.numVariables() + " variables");
        }
        boolean feasible = true;
        double maxBound = 0, maxInt = 0, maxRow = 0;
        double maxBoundRel = 0, maxRowRel = 0;
        String worstBound = "", worstInt = "", worstRow = "";
        for (int j = 0; j < x.length; j++) {
            Variable v = model.variable(j);
            double xj = x[j];
            double viol;
            double bound;
            if (!Double.isFinite(xj)) {
                viol = Double.POSITIVE_INFINITY;
                bound = 0;
            } else if (xj < v.lower()) {
                viol = v.lower() - xj;
                bound = v.lower();
            } else if (xj > v.upper()) {
                viol = xj - v.upper();
                bound = v.upper();
            } else {
                viol = 0;
                bound = 0;
            }
            double rel = viol / Math.max(1.0, Math.abs(bound));
            if (rel > maxBoundRel || (viol > 0 && worstBound.isEmpty())) {
                maxBoundRel = rel;
                maxBound = viol;
                worstBound = v.name();
            }
            if (v.isIntegral() && Double.isFinite(xj)) {
                double frac = Math.abs(xj - Math.rint(xj));
                if (frac > maxInt) {
                    maxInt = frac;
                    worstInt = v.name();
                }
            }
        }
        boolean finitePoint = maxBound != Double.POSITIVE_INFINITY;
        if (finitePoint) {
            for (int i = 0; i < model.numConstraints(); i++) {
                Constraint c = model.constraint(i);
                double act = c.activity(x);
                double viol = 0, bound = 0;
                if (act < c.lower()) {
                    viol = c.lower() - act;
                    bound = c.lower();
                } else if (act > c.upper()) {
                    viol = act - c.upper();
                    bound = c.upper();
                }
                double rel = viol / Math.max(1.0, Math.abs(bound));
                if (rel > maxRowRel) {
                    maxRowRel = rel;
                    maxRow = viol;
                    worstRow = c.name();
                }
            }
        }
        if (maxBoundRel > feasibilityTolerance || maxRowRel > feasibilityTolerance || maxInt > integralityTolerance
                || !finitePoint) {
            feasible = false;
        }
        double objective = finitePoint ? model.evaluate(x) : Double.NaN;
        StringBuilder sb = new StringBuilder();
        sb.append(feasible ? "feasible" : "INFEASIBLE").append(" solution of model ").append(model.name())
                .append(": objective ").append(fmt(objective));
        sb.append("; max bound violation ").append(fmt(maxBound));
        if (!worstBound.isEmpty()) sb.append(" (variable ").append(worstBound).append(')');
        sb.append("; max row violation ").append(fmt(maxRow));
        if (!worstRow.isEmpty()) sb.append(" (constraint ").append(worstRow).append(')');
        sb.append("; max integrality violation ").append(fmt(maxInt));
        if (!worstInt.isEmpty()) sb.append(" (variable ").append(worstInt).append(')');
        return new Report(feasible, objective, maxBound, worstBound, maxRow, worstRow, maxInt, worstInt,
                sb.toString());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
