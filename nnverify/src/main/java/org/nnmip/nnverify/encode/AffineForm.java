package org.nnmip.nnverify.encode;

import java.util.Arrays;

/**
 * {@code constant + sum_k coefficients[k] * x[variables[k]]} over model variables: the value of one neuron in the
 * encoding. Stable ReLUs and affine layers need no variables of their own; their neurons are such forms.
 */
public record AffineForm(int[] variables, double[] coefficients, double constant) {
    private static final int[] NO_VARS = new int[0];
    private static final double[] NO_COEFS = new double[0];

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

    /** Accumulates forms with per-variable sums in a dense scratch array (reused across calls). */
    static final class Accumulator {
        private double[] acc = new double[16];
        private boolean[] used = new boolean[16];
        private int[] touched = new int[16];
        private int count;
        private double constant;

        void reset(double c) {
            constant = c;
        }

        void add(double factor, AffineForm f) {
            if (factor == 0) return;
            constant += factor * f.constant;
            for (int k = 0; k < f.variables.length; k++) add(factor * f.coefficients[k], f.variables[k]);
        }

        void add(double coefficient, int variable) {
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
            return new AffineForm(vars, coefs, constant);
        }
    }
}
