package org.nnmip.model;

/** Prints numbers for reports, expressions and model files. */
public final class ModelNumbers {
    private ModelNumbers() {
    }

    /**
     * The shortest decimal text that parses back to exactly {@code v} ({@link Double#toString} is shortest
     * round-trip since JDK 19), without a trailing ".0" for integral values. Infinities print as "inf"/"-inf".
     */
    public static String format(double v) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        return s.replace("E", "e");
    }
}
