package org.nnmip.model;

/**
 * A linear constraint {@code lower <= sum_k coef_k * x[var_k] <= upper} of one {@link Model}, created by
 * {@link Model#addConstraint}. Any constant term of the expression it was built from has been moved into the
 * bounds. It has a dense index (its row in {@link Model#toLpProblem()}).
 */
public final class Constraint {
    private final Model model;
    private final int index;
    private final String name;
    private final int[] variableIndices;
    private final double[] coefficients;
    private double lower;
    private double upper;

    Constraint(Model model, int index, String name, int[] variableIndices, double[] coefficients, double lower,
               double upper) {
        this.model = model;
        this.index = index;
        this.name = name;
        this.variableIndices = variableIndices;
        this.coefficients = coefficients;
        this.lower = lower + 0.0;
        this.upper = upper + 0.0;
    }

    public Model model() {
        return model;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    public Constraint setBounds(double newLower, double newUpper) {
        Model.checkBounds("constraint " + name, newLower, newUpper);
        this.lower = newLower + 0.0;
        this.upper = newUpper + 0.0;
        return this;
    }

    /** Number of non-zero coefficients. */
    public int size() {
        return variableIndices.length;
    }

    /** Variable index of term k. */
    public int variableIndex(int k) {
        return variableIndices[k];
    }

    public double coefficient(int k) {
        return coefficients[k];
    }

    /** The variable indices (shared: do not modify). */
    public int[] variableIndicesView() {
        return variableIndices;
    }

    /** The coefficients (shared: do not modify). */
    public double[] coefficientsView() {
        return coefficients;
    }

    /** The row as an expression (without constant). */
    public LinearExpr expression() {
        LinearExpr.Builder b = LinearExpr.builder();
        for (int k = 0; k < variableIndices.length; k++) b.add(coefficients[k], model.variable(variableIndices[k]));
        return b.build();
    }

    /** The activity {@code sum coef * x} at a point indexed by variable index. */
    public double activity(double[] x) {
        double s = 0;
        for (int k = 0; k < variableIndices.length; k++) s += coefficients[k] * x[variableIndices[k]];
        return s;
    }

    @Override
    public String toString() {
        return name;
    }
}
