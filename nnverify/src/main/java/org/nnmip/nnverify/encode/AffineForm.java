package org.nnmip.nnverify.encode;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.nnmip.nnverify.bounds.ErrorBound;

/**
 * {@code constant + sum_k coefficients[k] * x[variables[k]]} over model variables: the value of one neuron in the
 * encoding. Stable ReLUs and affine layers need no variables of their own; their neurons are such forms.
 *
 * <p>The coefficients are composed in floating point, so the form is the neuron's exact value only up to
 * {@code error}: for every point of the model's variable box, the form evaluated exactly with its stored
 * coefficients is within {@code error} of the exact real-valued neuron (rigorous, see {@link Accumulator}).
 */
public record AffineForm(int[] variables, double[] coefficients, double constant, double error) {
    private static final int[] NO_VARS = new int[0];
    private static final double[] NO_COEFS = new double[0];

    public AffineForm {
        if (!(error >= 0)) throw new IllegalArgumentException("affine form: error bound must be >= 0, got " + error);
    }

    /** A form known to be exact (no composition error). */
    public AffineForm(int[] variables, double[] coefficients, double constant) {
        this(variables, coefficients, constant, 0.0);
    }

    public static AffineForm constant(double c) {
        return new AffineForm(NO_VARS, NO_COEFS, c);
    }

    public static AffineForm variable(int index) {
        return new AffineForm(new int[] {index}, new double[] {1.0}, 0.0);
    }

    public int size() { return variables.length; }

    public double evaluate(double[] point) {
        double s = constant;
        for (int k = 0; k < variables.length; k++) s += coefficients[k] * point[variables[k]];
        return s;
    }

    /**
     * The rigorous error of {@code sum_j weights[j] forms[j]} combined in floating point (any order) over variables
     * with the given magnitudes {@code max(|lower|, |upper|)}: see {@link Accumulator}.
     */
    public static double combinationError(double[] weights, AffineForm[] forms, IntToDoubleFunction magnitude) {
        Accumulator a = new Accumulator(magnitude);
        a.reset(0);
        for (int j = 0; j < forms.length; j++) a.add(weights[j], forms[j]);
        return a.build().error;
    }

    /**
     * Accumulates forms with per-variable sums in a dense scratch array (reused across calls), and bounds the error
     * of doing so. Each coefficient {@code acc_j} is a rounded sum of at most {@code N} rounded products
     * {@code p_ij = fl(factor_i coef_ij)} ({@code N} the number of terms added), so it is within
     * {@code gamma_(N+1) A_j + N eta} of the exact combination, {@code A_j = sum_i |p_ij|} (Higham 2002, Sec. 3.1;
     * {@link ErrorBound}); over the variable box that moves the form by at most
     * {@code sum_j mag_j (gamma_(N+1) A_j + N eta)}, and the constant likewise. The sums {@code A_j} are kept in
     * round-to-nearest beside the coefficients and bounded once per form; the added forms' own errors add
     * {@code sum |factor| error}.
     */
    static final class Accumulator {
        private final IntToDoubleFunction magnitude;
        private double[] acc = new double[16];
        private double[] absAcc = new double[16]; // A_j in round-to-nearest
        private boolean[] used = new boolean[16];
        private int[] touched = new int[16];
        private int count;
        private double constant;
        private double constantAbs; // |c| + sum |fl(factor constant)|, round-to-nearest
        private long terms;
        private long forms;
        private double inherited; // sum |factor| error of the added forms, round-to-nearest

        Accumulator(IntToDoubleFunction magnitude) {
            this.magnitude = magnitude;
        }

        void reset(double c) {
            constant = c;
            constantAbs = Math.abs(c);
            terms = 1;
            forms = 0;
            inherited = 0;
        }

        void add(double factor, AffineForm f) {
            if (factor == 0) return;
            double q = factor * f.constant;
            constant += q;
            constantAbs += Math.abs(q);
            forms++;
            if (f.error != 0) inherited += Math.abs(factor) * f.error;
            for (int k = 0; k < f.variables.length; k++) put(factor * f.coefficients[k], f.variables[k]);
        }

        void add(double coefficient, int variable) {
            if (coefficient != 0) put(coefficient, variable);
        }

        private void put(double coefficient, int variable) {
            if (variable >= acc.length) {
                int cap = Math.max(variable + 1, 2 * acc.length);
                acc = Arrays.copyOf(acc, cap);
                absAcc = Arrays.copyOf(absAcc, cap);
                used = Arrays.copyOf(used, cap);
            }
            if (!used[variable]) {
                used[variable] = true;
                if (count == touched.length) touched = Arrays.copyOf(touched, 2 * count);
                touched[count++] = variable;
            }
            acc[variable] += coefficient;
            absAcc[variable] += Math.abs(coefficient);
            terms++;
        }

        AffineForm build() {
            Arrays.sort(touched, 0, count);
            int nz = 0;
            for (int c = 0; c < count; c++) if (acc[touched[c]] != 0) nz++;
            int[] vars = new int[nz];
            double[] coefs = new double[nz];
            int p = 0;
            double weighted = 0; // sum_j mag_j A_j
            double mags = 0;     // sum_j mag_j
            for (int c = 0; c < count; c++) {
                int j = touched[c];
                if (acc[j] != 0) {
                    vars[p] = j;
                    coefs[p++] = acc[j];
                }
                double m = magnitude.applyAsDouble(j);
                if (m != 0 && absAcc[j] != 0) weighted += absAcc[j] * m;
                mags += m;
                acc[j] = 0;
                absAcc[j] = 0;
                used[j] = false;
            }
            long n = terms + forms;
            // A_j exact <= computed (1 + gamma_N); gamma_(N+1) (1 + gamma_N) covers both
            double g = ErrorBound.mul(ErrorBound.gamma(n + 1), ErrorBound.add(1.0, ErrorBound.gamma(n)));
            double eta = ErrorBound.mul(n, ErrorBound.ETA);
            double coefficientError = ErrorBound.add(ErrorBound.mul(g, ErrorBound.sumUp(weighted, count)),
                    ErrorBound.mul(eta, ErrorBound.sumUp(mags, count)));
            double constantError = ErrorBound.add(ErrorBound.mul(g, ErrorBound.sumUp(constantAbs, n)), eta);
            double error = ErrorBound.add(ErrorBound.add(coefficientError, constantError), ErrorBound.sumUp(inherited, forms));
            count = 0;
            return new AffineForm(vars, coefs, constant, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
        }
    }
}
