package org.nnmip.model;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import org.nnmip.lp.LpProblem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A mixed-integer linear program: optimise {@code c'x + constant} subject to {@code lower_i <= a_i'x <= upper_i}
 * and {@code l_j <= x_j <= u_j}, {@code x_j} integral for integer and binary variables.
 *
 * <pre>{@code
 * Model m = new Model("knapsack");
 * Variable x = m.binary("x"), y = m.integer("y", 0, 10);
 * m.le("cap", LinearExpr.builder().add(3, x).add(2, y).build(), 12);
 * m.setObjective(LinearExpr.builder().add(5, x).add(4, y).build(), ObjectiveSense.MAXIMIZE);
 * LpProblem relaxation = m.toLpProblem();
 * }</pre>
 *
 * <p>Variables and constraints get dense indices in creation order and unique names (a null name becomes
 * {@code x<index>} / {@code c<index>}). Misuse throws {@link IllegalArgumentException} naming the variable or
 * constraint: NaN anywhere, a lower bound of +inf, an upper bound of -inf, a duplicate name, or a variable of
 * another model. {@code lower > upper} is allowed and simply makes the model infeasible.
 *
 * <p>Threading: building is single-threaded. Reading methods never mutate (no lazy caches), so once built and
 * published to other threads through a happens-before edge (thread start, executor submit, a concurrent
 * collection) a model may be read by any number of threads at once.
 */
public final class Model {
    private String name;
    private final List<Variable> variables = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final Map<String, Variable> variablesByName = new Object2ObjectOpenHashMap<>();
    private final Map<String, Constraint> constraintsByName = new Object2ObjectOpenHashMap<>();
    private final DoubleArrayList objective = new DoubleArrayList();
    private double objectiveConstant;
    private ObjectiveSense sense = ObjectiveSense.MINIMIZE;
    private long numNonzeros;
    /** MIP start indexed by variable; NaN = no value given. Empty array = no start. */
    private double[] start = new double[0];
    private double objectiveCutoff = Double.NaN;
    /** Scratch for duplicate detection in the array form of addConstraint (build-time only). */
    private int[] stamp = new int[0];

    public Model(String name) {
        this.name = name == null ? "model" : name;
    }

    public Model() {
        this("model");
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    // ---- variables ------------------------------------------------------------------------------------------

    /** Adds a variable; a null name becomes {@code x<index>}. Binary bounds are intersected with [0, 1]. */
    public Variable addVariable(String varName, double lower, double upper, VarType type) {
        Objects.requireNonNull(type, "type");
        int index = variables.size();
        String n = varName == null ? "x" + index : varName;
        checkBounds("variable " + n, lower, upper);
        if (variablesByName.containsKey(n)) {
            throw new IllegalArgumentException("variable " + n + ": duplicate variable name");
        }
        Variable v = new Variable(this, index, n, lower, upper, type);
        variables.add(v);
        variablesByName.put(n, v);
        objective.add(0.0);
        return v;
    }

    public Variable continuous(String varName, double lower, double upper) {
        return addVariable(varName, lower, upper, VarType.CONTINUOUS);
    }

    /** A continuous variable in [0, +inf). */
    public Variable continuous(String varName) {
        return continuous(varName, 0.0, Double.POSITIVE_INFINITY);
    }

    public Variable binary(String varName) {
        return addVariable(varName, 0.0, 1.0, VarType.BINARY);
    }

    public Variable integer(String varName, double lower, double upper) {
        return addVariable(varName, lower, upper, VarType.INTEGER);
    }

    public int numVariables() {
        return variables.size();
    }

    public Variable variable(int index) {
        return variables.get(index);
    }

    /** The variable with this name, if any. */
    public Optional<Variable> variable(String varName) {
        return Optional.ofNullable(variablesByName.get(varName));
    }

    /** All variables in index order (unmodifiable view). */
    public List<Variable> variables() {
        return Collections.unmodifiableList(variables);
    }

    public int numIntegerVariables() {
        int n = 0;
        for (Variable v : variables) if (v.isIntegral()) n++;
        return n;
    }

    /** Integral variables whose bounds lie within [0, 1] (whether declared BINARY or INTEGER). */
    public int numBinaryVariables() {
        int n = 0;
        for (Variable v : variables) if (v.isIntegral() && v.lower() >= 0.0 && v.upper() <= 1.0) n++;
        return n;
    }

    /** True if any variable is integral. */
    public boolean isMip() {
        for (Variable v : variables) if (v.isIntegral()) return true;
        return false;
    }

    // ---- constraints ----------------------------------------------------------------------------------------

    /**
     * Adds {@code lower <= expr <= upper}; a constant term of {@code expr} is moved into the bounds. A null name
     * becomes {@code c<index>}.
     */
    public Constraint addConstraint(String conName, LinearExpr expr, double lower, double upper) {
        int index = constraints.size();
        String n = conName == null ? "c" + index : conName;
        checkBounds("constraint " + n, lower, upper);
        if (constraintsByName.containsKey(n)) {
            throw new IllegalArgumentException("constraint " + n + ": duplicate constraint name");
        }
        int size = expr.size();
        int[] idx = new int[size];
        double[] val = new double[size];
        for (int k = 0; k < size; k++) {
            Variable v = expr.variable(k);
            checkOwned("constraint " + n, v);
            idx[k] = v.index();
            val[k] = expr.coefficient(k);
        }
        double c = expr.constant();
        Constraint con = new Constraint(this, index, n, idx, val, lower - c, upper - c);
        constraints.add(con);
        constraintsByName.put(n, con);
        numNonzeros += size;
        return con;
    }

    /**
     * Adds {@code lower <= sum_k coefficients[k] * x[variableIndices[k]] <= upper} without building a
     * {@link LinearExpr} (for readers and generators of large models). Zero coefficients are dropped; an index out
     * of range, a repeated index or a non-finite coefficient throws {@link IllegalArgumentException} naming the
     * constraint and variable. The arrays are copied.
     */
    public Constraint addConstraint(String conName, int[] variableIndices, double[] coefficients, double lower,
                                    double upper) {
        int index = constraints.size();
        String n = conName == null ? "c" + index : conName;
        if (variableIndices.length != coefficients.length) {
            throw new IllegalArgumentException("constraint " + n + ": " + variableIndices.length
                    + " variable indices but " + coefficients.length + " coefficients");
        }
        checkBounds("constraint " + n, lower, upper);
        if (constraintsByName.containsKey(n)) {
            throw new IllegalArgumentException("constraint " + n + ": duplicate constraint name");
        }
        if (stamp.length < variables.size()) stamp = Arrays.copyOf(stamp, Math.max(variables.size(), 2 * stamp.length));
        int stampValue = index + 1;
        int nz = 0;
        for (int k = 0; k < variableIndices.length; k++) {
            int j = variableIndices[k];
            if (j < 0 || j >= variables.size()) {
                throw new IllegalArgumentException("constraint " + n + ": variable index " + j
                        + " out of range [0," + variables.size() + ")");
            }
            if (!Double.isFinite(coefficients[k])) {
                throw new IllegalArgumentException("constraint " + n + ": coefficient of variable "
                        + variables.get(j).name() + " must be finite, got " + coefficients[k]);
            }
            if (stamp[j] == stampValue) {
                throw new IllegalArgumentException("constraint " + n + ": variable " + variables.get(j).name()
                        + " appears twice");
            }
            stamp[j] = stampValue;
            if (coefficients[k] != 0.0) nz++;
        }
        int[] idx = new int[nz];
        double[] val = new double[nz];
        int p = 0;
        for (int k = 0; k < variableIndices.length; k++) {
            if (coefficients[k] == 0.0) continue;
            idx[p] = variableIndices[k];
            val[p++] = coefficients[k];
        }
        Constraint con = new Constraint(this, index, n, idx, val, lower, upper);
        constraints.add(con);
        constraintsByName.put(n, con);
        numNonzeros += nz;
        return con;
    }

    /** {@code expr <= rhs}. */
    public Constraint le(String conName, LinearExpr expr, double rhs) {
        return addConstraint(conName, expr, Double.NEGATIVE_INFINITY, rhs);
    }

    /** {@code expr >= rhs}. */
    public Constraint ge(String conName, LinearExpr expr, double rhs) {
        return addConstraint(conName, expr, rhs, Double.POSITIVE_INFINITY);
    }

    /** {@code expr == rhs}. */
    public Constraint eq(String conName, LinearExpr expr, double rhs) {
        return addConstraint(conName, expr, rhs, rhs);
    }

    public int numConstraints() {
        return constraints.size();
    }

    public Constraint constraint(int index) {
        return constraints.get(index);
    }

    public Optional<Constraint> constraint(String conName) {
        return Optional.ofNullable(constraintsByName.get(conName));
    }

    /** All constraints in index order (unmodifiable view). */
    public List<Constraint> constraints() {
        return Collections.unmodifiableList(constraints);
    }

    /** Number of non-zero constraint coefficients. */
    public long numNonzeros() {
        return numNonzeros;
    }

    // ---- objective ------------------------------------------------------------------------------------------

    /** Replaces the objective by {@code expr} (its constant is kept as the objective constant). */
    public void setObjective(LinearExpr expr, ObjectiveSense objectiveSense) {
        Objects.requireNonNull(objectiveSense, "sense");
        for (int k = 0; k < expr.size(); k++) checkOwned("objective", expr.variable(k));
        Arrays.fill(objective.elements(), 0, objective.size(), 0.0);
        for (int k = 0; k < expr.size(); k++) objective.set(expr.variable(k).index(), expr.coefficient(k));
        this.objectiveConstant = expr.constant();
        this.sense = objectiveSense;
    }

    public void setObjectiveSense(ObjectiveSense objectiveSense) {
        this.sense = Objects.requireNonNull(objectiveSense, "sense");
    }

    /** Sets one objective coefficient, leaving the others. */
    public void setObjectiveCoefficient(Variable v, double coefficient) {
        checkOwned("objective", v);
        if (!Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("objective coefficient of variable " + v.name()
                    + " must be finite, got " + coefficient);
        }
        objective.set(v.index(), coefficient);
    }

    public void setObjectiveConstant(double constant) {
        if (!Double.isFinite(constant)) {
            throw new IllegalArgumentException("objective constant must be finite, got " + constant);
        }
        this.objectiveConstant = constant;
    }

    public ObjectiveSense sense() {
        return sense;
    }

    public double objectiveConstant() {
        return objectiveConstant;
    }

    public double objectiveCoefficient(Variable v) {
        checkOwned("objective", v);
        return objective.getDouble(v.index());
    }

    public double objectiveCoefficient(int variableIndex) {
        return objective.getDouble(variableIndex);
    }

    /** The objective as an expression (terms in variable order, with the constant). */
    public LinearExpr objective() {
        LinearExpr.Builder b = LinearExpr.builder();
        for (int j = 0; j < objective.size(); j++) {
            double c = objective.getDouble(j);
            if (c != 0.0) b.add(c, variables.get(j));
        }
        return b.constant(objectiveConstant).build();
    }

    // ---- MIP start and cutoff -------------------------------------------------------------------------------

    /** Sets a (possibly partial) MIP start; values must be finite. Replaces any previous start. */
    public void setStart(Map<Variable, Double> values) {
        double[] s = new double[variables.size()];
        Arrays.fill(s, Double.NaN);
        for (Map.Entry<Variable, Double> e : values.entrySet()) {
            Variable v = e.getKey();
            checkOwned("MIP start", v);
            Double value = e.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("MIP start value of variable " + v.name()
                        + " must be finite, got " + value);
            }
            s[v.index()] = value;
        }
        this.start = s;
    }

    /** Sets a full MIP start, one finite value per variable in index order. */
    public void setStart(double[] values) {
        if (values.length != variables.size()) {
            throw new IllegalArgumentException("MIP start has " + values.length + " values but the model has "
                    + variables.size() + " variables");
        }
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException("MIP start value of variable " + variables.get(j).name()
                        + " must be finite, got " + values[j]);
            }
        }
        this.start = values.clone();
    }

    public void clearStart() {
        this.start = new double[0];
    }

    public boolean hasStart() {
        return start.length > 0;
    }

    /**
     * The MIP start as one value per variable (NaN where no value was given, all NaN if there is no start).
     * A fresh copy.
     */
    public double[] start() {
        double[] s = Arrays.copyOf(start, variables.size());
        for (int j = start.length; j < s.length; j++) s[j] = Double.NaN;
        if (start.length == 0) Arrays.fill(s, Double.NaN);
        return s;
    }

    /**
     * Only solutions strictly better than {@code cutoff} are of interest (an upper bound when minimising, a lower
     * bound when maximising). NaN is rejected; infinity in the "no restriction" direction clears it.
     */
    public void setObjectiveCutoff(double cutoff) {
        if (Double.isNaN(cutoff)) throw new IllegalArgumentException("objective cutoff is NaN");
        this.objectiveCutoff = cutoff;
    }

    public void clearObjectiveCutoff() {
        this.objectiveCutoff = Double.NaN;
    }

    public OptionalDouble objectiveCutoff() {
        return Double.isNaN(objectiveCutoff) ? OptionalDouble.empty() : OptionalDouble.of(objectiveCutoff);
    }

    // ---- evaluation and conversion --------------------------------------------------------------------------

    /** Objective value {@code c'x + constant} at a point indexed by variable index. */
    public double evaluate(double[] x) {
        checkPoint(x);
        double s = objectiveConstant;
        for (int j = 0; j < objective.size(); j++) s += objective.getDouble(j) * x[j];
        return s;
    }

    /** Row activities {@code Ax} at a point. */
    public double[] rowActivities(double[] x) {
        checkPoint(x);
        double[] ax = new double[constraints.size()];
        for (int i = 0; i < ax.length; i++) ax[i] = constraints.get(i).activity(x);
        return ax;
    }

    /** Checks a point against bounds, rows and integrality with the default tolerances. */
    public SolutionChecker.Report check(double[] x) {
        return SolutionChecker.withDefaults().check(this, x);
    }

    /**
     * The LP relaxation: the same columns and rows in the same order (binary bounds within [0, 1]), integrality
     * dropped, sense, constant and names carried.
     */
    public LpProblem toLpProblem() {
        LpProblem lp = new LpProblem();
        lp.setName(name);
        lp.setSense(sense.toLpSense());
        lp.setObjectiveOffset(objectiveConstant);
        for (Variable v : variables) {
            lp.addColumn(v.name(), objective.getDouble(v.index()), v.lower(), v.upper());
        }
        for (Constraint c : constraints) {
            lp.addRow(c.name(), c.variableIndicesView(), c.coefficientsView(), c.lower(), c.upper());
        }
        return lp;
    }

    @Override
    public String toString() {
        return "Model " + name + " (" + variables.size() + " variables, " + numIntegerVariables() + " integral, "
                + constraints.size() + " constraints, " + numNonzeros + " non-zeros)";
    }

    // ---- validation -----------------------------------------------------------------------------------------

    private void checkOwned(String where, Variable v) {
        Objects.requireNonNull(v, where + ": variable is null");
        if (v.model() != this) {
            throw new IllegalArgumentException(where + ": variable " + v.name() + " belongs to model "
                    + v.model().name() + ", not to model " + name);
        }
    }

    private void checkPoint(double[] x) {
        if (x.length != variables.size()) {
            throw new IllegalArgumentException("point has " + x.length + " values but the model has "
                    + variables.size() + " variables");
        }
    }

    static void checkBounds(String what, double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException(what + ": bound is NaN");
        }
        if (lower == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(what + ": lower bound is +infinity");
        }
        if (upper == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException(what + ": upper bound is -infinity");
        }
    }
}
