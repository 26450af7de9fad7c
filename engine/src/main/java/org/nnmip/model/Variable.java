package org.nnmip.model;

/**
 * A decision variable of one {@link Model}, created by {@link Model#addVariable}. It has a dense index in its
 * model (0, 1, 2, ... in creation order), a unique name, bounds, a {@link VarType} and a branching priority.
 * Identity is object identity: two variables are equal only if they are the same object.
 *
 * <p>Setters are for building; they are not synchronised. Once the model is built and handed to other threads
 * (through any happens-before edge such as {@code ExecutorService.submit}), concurrent reads are safe.
 */
public final class Variable {
    private final Model model;
    private final int index;
    private final String name;
    private final VarType type;
    private double lower;
    private double upper;
    private int branchPriority;

    Variable(Model model, int index, String name, double lower, double upper, VarType type) {
        this.model = model;
        this.index = index;
        this.name = name;
        this.type = type;
        setBoundsUnchecked(lower, upper);
    }

    public Model model() {
        return model;
    }

    /** Dense index in the model: the column index in {@link Model#toLpProblem()}. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public VarType type() {
        return type;
    }

    public boolean isIntegral() {
        return type.isIntegral();
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    /**
     * Changes the bounds (same validation as {@link Model#addVariable}; binary variables keep their bounds inside
     * [0, 1]).
     */
    public Variable setBounds(double newLower, double newUpper) {
        Model.checkBounds("variable " + name, newLower, newUpper);
        setBoundsUnchecked(newLower, newUpper);
        return this;
    }

    private void setBoundsUnchecked(double newLower, double newUpper) {
        if (type == VarType.BINARY) {
            // Binary means integer in [0,1]: intersect, so a binary is never wider than {0,1}.
            newLower = Math.max(newLower, 0.0);
            newUpper = Math.min(newUpper, 1.0);
        }
        this.lower = newLower + 0.0; // normalise -0.0
        this.upper = newUpper + 0.0;
    }

    /** Branching priority: variables with a higher priority are branched on first. Default 0. */
    public int branchPriority() {
        return branchPriority;
    }

    public Variable setBranchPriority(int priority) {
        this.branchPriority = priority;
        return this;
    }

    /** The objective coefficient of this variable in its model's objective. */
    public double objectiveCoefficient() {
        return model.objectiveCoefficient(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
