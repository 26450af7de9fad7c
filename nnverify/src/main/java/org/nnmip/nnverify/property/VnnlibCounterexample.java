package org.nnmip.nnverify.property;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.nnmip.nnverify.net.ExactEvaluation;
import org.nnmip.nnverify.net.Network;

/**
 * A counterexample in the VNN-COMP result format: {@code ((X_0 v) ... (Y_0 v) ...)}, preceded by a {@code sat}
 * line in a result file. Values are written in plain decimal notation that reads back to the same double.
 */
public record VnnlibCounterexample(double[] input, double[] output) {
    public VnnlibCounterexample {
        input = input.clone();
        output = output.clone();
    }

    @Override public double[] input() { return input.clone(); }
    @Override public double[] output() { return output.clone(); }

    /** The counterexample for {@code x} with the network's output. */
    public static VnnlibCounterexample of(Network net, double[] x) {
        return new VnnlibCounterexample(x, net.apply(x));
    }

    /** {@code ((X_0 v)\n (X_1 v)\n ... (Y_m v))}. */
    public String format() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < input.length; i++) sb.append(i == 0 ? "" : "\n ").append("(X_").append(i).append(' ').append(number(input[i])).append(')');
        for (int j = 0; j < output.length; j++) sb.append("\n (Y_").append(j).append(' ').append(number(output[j])).append(')');
        return sb.append(")").toString();
    }

    /** The VNN-COMP result file text: {@code sat} then the assignment. */
    public String resultFileText() {
        return "sat\n" + format() + "\n";
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, resultFileText(), StandardCharsets.UTF_8);
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("counterexample value " + v + " is not finite");
        return BigDecimal.valueOf(v).toPlainString();
    }

    /** Reads {@code ((X_0 v) ... (Y_0 v) ...)}, optionally preceded by a {@code sat} line. */
    public static VnnlibCounterexample parse(String text, String fileName) throws VnnlibFormatException {
        String t = text.strip();
        if (t.startsWith("sat")) t = t.substring(3);
        List<SExpression> top = SExpression.parseAll(t, fileName);
        if (top.size() != 1 || top.getFirst().isAtom()) throw new VnnlibFormatException(fileName + ":1: expected one list ((X_0 v) ...)");
        TreeMap<Integer, Double> xs = new TreeMap<>();
        TreeMap<Integer, Double> ys = new TreeMap<>();
        for (SExpression e : top.getFirst().items()) {
            if (e.isAtom() || e.items().size() != 2 || !e.items().get(0).isAtom() || !e.items().get(1).isAtom()) {
                throw new VnnlibFormatException(fileName + ":" + e.line() + ": expected (NAME value)");
            }
            String name = e.items().get(0).atom();
            double v;
            try {
                v = Double.parseDouble(e.items().get(1).atom());
            } catch (NumberFormatException ex) {
                throw new VnnlibFormatException(fileName + ":" + e.line() + ": expected a number, found '" + e.items().get(1).atom() + "'");
            }
            if (name.matches("X_\\d+")) xs.put(Integer.parseInt(name.substring(2)), v);
            else if (name.matches("Y_\\d+")) ys.put(Integer.parseInt(name.substring(2)), v);
            else throw new VnnlibFormatException(fileName + ":" + e.line() + ": expected X_i or Y_j, found " + name);
        }
        return new VnnlibCounterexample(dense(xs, "X", fileName), dense(ys, "Y", fileName));
    }

    private static double[] dense(TreeMap<Integer, Double> m, String p, String file) throws VnnlibFormatException {
        double[] v = new double[m.size()];
        for (int i = 0; i < v.length; i++) {
            Double d = m.get(i);
            if (d == null) throw new VnnlibFormatException(file + ": missing " + p + "_" + i);
            v[i] = d;
        }
        return v;
    }

    /**
     * The outcome of checking a counterexample against a property and a network.
     *
     * @param margin             how far the recomputed output is inside the violation set (>= 0: violated), in double
     * @param exactOutputViolates the same decided in exact decimal arithmetic; empty when the network has no exact form
     * @param exactMargin        the margin in exact arithmetic (empty when not available or unbounded)
     */
    public record Check(boolean inputInBox, boolean outputViolates, double[] recomputedOutput, double maxOutputDifference,
                        double margin, Optional<Boolean> exactOutputViolates, Optional<BigDecimal> exactMargin) {
        /**
         * A valid counterexample: the input is in a box and the recomputed output satisfies the violation condition,
         * in double and, where the network allows it, in exact arithmetic too.
         */
        public boolean isValid() { return inputInBox && outputViolates && exactOutputViolates.orElse(true); }
    }

    /**
     * Checks the input against the property's boxes and the network's recomputed output (not the stored one)
     * against the output condition, with {@code tolerance} on every double comparison, and again in exact decimal
     * arithmetic (no tolerance) when the network has no arctan layer.
     */
    public Check check(Property property, Network net, double tolerance) {
        if (input.length != property.inputSize() || net.inputSize() != property.inputSize()) {
            throw new IllegalArgumentException("counterexample has " + input.length + " inputs, property " + property.inputSize());
        }
        double[] y = net.apply(input);
        double diff = 0;
        if (output.length == y.length) for (int j = 0; j < y.length; j++) diff = Math.max(diff, Math.abs(y[j] - output[j]));
        else diff = Double.POSITIVE_INFINITY;
        OutputCondition condition = property.outputCondition();
        Optional<Boolean> exact = Optional.empty();
        Optional<BigDecimal> exactMargin = Optional.empty();
        if (ExactEvaluation.supports(net)) {
            BigDecimal[] ey = ExactEvaluation.apply(net, input);
            exact = Optional.of(condition.isSatisfiedExactly(ey));
            exactMargin = condition.exactMargin(ey);
        }
        return new Check(property.boxContaining(input, tolerance) >= 0, condition.isSatisfiedBy(y, tolerance), y, diff,
                condition.margin(y), exact, exactMargin);
    }
}
