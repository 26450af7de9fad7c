package org.nnmip.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parsing and range checks of option values, with one message style for every command: the option first, then what
 * was expected, then what was given ("--center: expected numbers separated by commas, got 'a,b' (value 2 'b' is not a
 * number)"). Every failure is a {@link BadInputException} (exit 2). Checks of boxed values let {@code null} (option
 * absent) pass.
 */
final class CliValues {
    /** Commas separate values (whitespace around them ignored); whitespace alone does too (one value per line in @FILE). */
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");

    private CliValues() {
    }

    /** A vector as "v1,v2,..." with 9 significant digits: what {@link #numbers} reads back. */
    static String list(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", v[i]));
        return sb.toString();
    }

    /** Finite numbers "x1,x2,...", at least one. */
    static double[] numbers(String option, String text) {
        List<String> parts = split(option, text, "numbers");
        double[] v = new double[parts.size()];
        for (int i = 0; i < v.length; i++) {
            String p = parts.get(i);
            try {
                v[i] = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw bad(option, "numbers", text, "value " + (i + 1) + " '" + p + "' is not a number");
            }
            if (!Double.isFinite(v[i])) throw bad(option, "numbers", text, "value " + (i + 1) + " '" + p + "' is not finite");
        }
        return v;
    }

    /** Exactly {@code expected} finite numbers. */
    static double[] numbers(String option, String text, int expected) {
        double[] v = numbers(option, text);
        if (v.length != expected) throw count(option, expected, "numbers", v.length, text);
        return v;
    }

    /** Integers "i1,i2,...", at least one (index lists, layer sizes). */
    static int[] integers(String option, String text) {
        List<String> parts = split(option, text, "integers");
        int[] v = new int[parts.size()];
        for (int i = 0; i < v.length; i++) {
            String p = parts.get(i);
            try {
                v[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw bad(option, "integers", text, "value " + (i + 1) + " '" + p + "' is not an integer");
            }
        }
        return v;
    }

    /** Exactly {@code expected} integers. */
    static int[] integers(String option, String text, int expected) {
        int[] v = integers(option, text);
        if (v.length != expected) throw count(option, expected, "integers", v.length, text);
        return v;
    }

    /** The box [lo, hi] of {@code n} inputs from --lo and --hi (both given), each lo_i <= hi_i. */
    static double[][] box(String lo, String hi, int n) {
        if (lo == null || hi == null) throw new BadInputException("--lo and --hi must be given together");
        double[] a = numbers("--lo", lo, n);
        double[] b = numbers("--hi", hi, n);
        for (int i = 0; i < n; i++) {
            if (!(a[i] <= b[i])) throw new BadInputException("--lo/--hi: component " + i + " has lo " + a[i] + " > hi " + b[i]);
        }
        return new double[][] {a, b};
    }

    /** One of a fixed set of names (case-insensitive), e.g. {@code choice("--norm", s, entry("l1", L1), entry("linf", LINF))}. */
    @SafeVarargs
    static <T> T choice(String option, String text, Map.Entry<String, T>... choices) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, T> c : choices) {
            if (text != null && c.getKey().equals(text.toLowerCase(Locale.ROOT))) return c.getValue();
            names.add(c.getKey());
        }
        throw new BadInputException(option + ": expected " + alternatives(names) + ", got '" + text + "'");
    }

    /** A value read by a library parser that throws IllegalArgumentException; {@code expected} lists the accepted forms. */
    static <T> T parsed(String option, String text, Function<String, T> parser, String expected) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": expected " + expected + ", got '" + text + "'");
        }
    }

    /** An index into {@code size} things: 0 <= value < size. */
    static int index(String option, int value, int size) {
        if (value < 0 || value >= size) throw new BadInputException(option + ": " + value + " out of range [0, " + size + ")");
        return value;
    }

    /** value > 0 (infinity allowed: "no limit"). */
    static void positive(String option, Double value) {
        if (value != null && !(value > 0)) throw new BadInputException(option + " must be positive, got " + value);
    }

    static void positiveFinite(String option, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new BadInputException(option + " must be positive and finite, got " + value);
        }
    }

    /** value >= 0 (infinity allowed). */
    static void nonNegative(String option, Double value) {
        if (value != null && !(value >= 0)) throw new BadInputException(option + " must be non-negative, got " + value);
    }

    static void nonNegativeFinite(String option, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            throw new BadInputException(option + " must be finite and non-negative, got " + value);
        }
    }

    /** An integer option of at least {@code min} (Integer or Long). */
    static void atLeast(String option, Number value, long min) {
        if (value != null && value.longValue() < min) throw new BadInputException(option + " must be at least " + min + ", got " + value);
    }

    private static List<String> split(String option, String text, String what) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) throw new BadInputException(option + ": expected " + what + " separated by commas, got '" + s + "'");
        return List.of(SEPARATOR.split(s));
    }

    private static BadInputException bad(String option, String what, String text, String detail) {
        return new BadInputException(option + ": expected " + what + " separated by commas, got '" + text.strip() + "' (" + detail + ")");
    }

    private static BadInputException count(String option, int expected, String what, int got, String text) {
        return new BadInputException(option + ": expected " + expected + " " + what + " separated by commas, got " + got + ": '" + text.strip() + "'");
    }

    private static String alternatives(List<String> names) {
        if (names.size() == 1) return names.getFirst();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }
}
