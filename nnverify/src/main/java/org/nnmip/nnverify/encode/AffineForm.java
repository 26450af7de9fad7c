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
        private double[] acc = new double[32]; // per variable j: acc_j at 2j, A_j (round-to-nearest) at 2j + 1
        private boolean[] used = new boolean[16];
        private int[] touched = new int[16];
        private int[] outVars = new int[16];   // scratch for build()
        private double[] outCoefs = new double[16];
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
            int[] vars = f.variables;
            double[] coefs = f.coefficients;
            terms += vars.length;
            for (int k = 0; k < vars.length; k++) {
                int v = vars[k];
                if (v >= used.length) grow(v);
                if (!used[v]) touch(v);
                // coefficient and |coefficient| side by side: one cache line for both
                double p = factor * coefs[k];
                acc[2 * v] += p;
                acc[2 * v + 1] += Math.abs(p);
            }
        }

        void add(double coefficient, int variable) {
            if (coefficient == 0) return;
            if (variable >= used.length) grow(variable);
            if (!used[variable]) touch(variable);
            acc[2 * variable] += coefficient;
            acc[2 * variable + 1] += Math.abs(coefficient);
            terms++;
        }

        private void grow(int variable) {
            int cap = Math.max(variable + 1, 2 * used.length);
            acc = Arrays.copyOf(acc, 2 * cap);
            used = Arrays.copyOf(used, cap);
        }

        private void touch(int variable) {
            used[variable] = true;
            if (count == touched.length) touched = Arrays.copyOf(touched, 2 * count);
            touched[count++] = variable;
        }

        AffineForm build() {
            Arrays.sort(touched, 0, count);
            if (outVars.length < count) {
                outVars = new int[Math.max(count, 2 * outVars.length)];
                outCoefs = new double[outVars.length];
            }
            int nz = 0;
            double weighted = 0; // sum_j mag_j A_j
            double mags = 0;     // sum_j mag_j
            for (int c = 0; c < count; c++) {
                int j = touched[c];
                double a = acc[2 * j];
                double absA = acc[2 * j + 1];
                if (a != 0) {
                    outVars[nz] = j;
                    outCoefs[nz++] = a;
                }
                double m = magnitude.applyAsDouble(j);
                if (m != 0 && absA != 0) weighted += absA * m;
                mags += m;
                acc[2 * j] = 0;
                acc[2 * j + 1] = 0;
                used[j] = false;
            }
            int[] vars = Arrays.copyOf(outVars, nz);
            double[] coefs = Arrays.copyOf(outCoefs, nz);
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
