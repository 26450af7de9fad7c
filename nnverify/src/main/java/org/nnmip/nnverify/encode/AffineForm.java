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
     * of doing so: each coefficient and the constant are sums of at most {@code N} rounded products ({@code N} the
     * number of terms added), so the built form is within {@code gamma_N S + N eta (1 + sum mag)} of the exact
     * combination of the stored forms, {@code S = |c| + sum |factor| (|constant| + sum |coef| mag)} (Higham 2002,
     * Sec. 3.1; {@link ErrorBound}); the added forms' own errors add {@code sum |factor| error}.
     */
    static final class Accumulator {
        private final IntToDoubleFunction magnitude;
        private double[] acc = new double[16];
        private boolean[] used = new boolean[16];
        private int[] touched = new int[16];
        private int count;
        private double constant;
        private long terms;
        private double size;      // S above, rounded up
        private double magnitudes; // 1 + sum of the magnitudes of the variables of the terms, rounded up
        private double inherited; // sum |factor| error of the added forms, rounded up

        Accumulator(IntToDoubleFunction magnitude) {
            this.magnitude = magnitude;
        }

        void reset(double c) {
            constant = c;
            terms = 1;
            size = Math.abs(c);
            magnitudes = 1;
            inherited = 0;
        }

        void add(double factor, AffineForm f) {
            if (factor == 0) return;
            constant += factor * f.constant;
            terms++;
            double fs = Math.abs(f.constant);
            for (int k = 0; k < f.variables.length; k++) {
                double m = magnitude.applyAsDouble(f.variables[k]);
                fs = ErrorBound.add(fs, ErrorBound.absMul(f.coefficients[k], m));
                magnitudes = ErrorBound.add(magnitudes, m);
                put(factor * f.coefficients[k], f.variables[k]);
            }
            size = ErrorBound.add(size, ErrorBound.absMul(factor, fs));
            inherited = ErrorBound.add(inherited, ErrorBound.absMul(factor, f.error));
        }

        void add(double coefficient, int variable) {
            if (coefficient == 0) return;
            terms++;
            double m = magnitude.applyAsDouble(variable);
            size = ErrorBound.add(size, ErrorBound.absMul(coefficient, m));
            magnitudes = ErrorBound.add(magnitudes, m);
            put(coefficient, variable);
        }

        private void put(double coefficient, int variable) {
            if (variable >= acc.length) {
                int cap = Math.max(variable + 1, 2 * acc.length);
                acc = Arrays.copyOf(acc, cap);
                used = Arrays.copyOf(used, cap);
            }
            if (!used[variable]) {
                used[variable] = true;
                if (count == touched.length) touched = Arrays.copyOf(touched, 2 * count);
                touched[count++] = variable;
            }
            acc[variable] += coefficient;
        }

        AffineForm build() {
            Arrays.sort(touched, 0, count);
            int nz = 0;
            for (int c = 0; c < count; c++) if (acc[touched[c]] != 0) nz++;
            int[] vars = new int[nz];
            double[] coefs = new double[nz];
            int p = 0;
            for (int c = 0; c < count; c++) {
                int j = touched[c];
                if (acc[j] != 0) {
                    vars[p] = j;
                    coefs[p++] = acc[j];
                }
                acc[j] = 0;
                used[j] = false;
            }
            count = 0;
            double rounding = ErrorBound.add(ErrorBound.mul(ErrorBound.gamma(terms), size),
                    ErrorBound.mul(ErrorBound.mul(terms, ErrorBound.ETA), magnitudes));
            double error = ErrorBound.add(inherited, rounding);
            return new AffineForm(vars, coefs, constant, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
        }
    }
}
