package org.nnmip.nnverify.bounds;

import java.util.ArrayList;
import java.util.List;

/**
 * Sound piecewise-linear enclosure of {@code y = atan(z)} on {@code [l, u]}: the interval is split into pieces that
 * never straddle 0 (atan is convex for {@code z < 0} and concave for {@code z > 0}), and on each piece the chord
 * and the tangent at the midpoint bound atan from opposite sides (chord below and tangent above where concave, the
 * reverse where convex). The lines are rigorous for their rounded slopes: a chord's intercept makes it pass below
 * (above) outward-rounded values of atan at both ends, which by concavity (convexity) bounds the whole piece; a
 * tangent with rounded slope {@code s} at {@code c} is moved out by {@code |atan'(c) - s| (b - a)}, the most the
 * concave (convex) {@code atan(z) - s z} can rise (fall) above its tangent at {@code c} on the piece. Every
 * intercept is rounded outward, and {@link Math#atan} is within 1 ulp ({@link #lower}/{@link #upper} step 3 ulps
 * out), so the band contains the exact graph.
 */
public final class ArctanEnclosure {
    private ArctanEnclosure() { }

    /** A lower bound of {@code atan(x)} (the exact value, not only the rounded one). */
    public static double lower(double x) {
        return Math.nextDown(Math.nextDown(Math.nextDown(Math.atan(x))));
    }

    /** An upper bound of {@code atan(x)}. */
    public static double upper(double x) {
        return Math.nextUp(Math.nextUp(Math.nextUp(Math.atan(x))));
    }

    /**
     * One piece {@code [from, to]}: for every real {@code z} in it, {@code yFrom <= atan(z) <= yTo} and
     * {@code lowSlopes[t] z + lowIntercepts[t] <= atan(z) <= highSlopes[t] z + highIntercepts[t]} for every line
     * {@code t} (all slopes are positive). A piece too narrow for a meaningful slope has no lines.
     */
    public record Piece(double from, double to, double yFrom, double yTo, double[] lowSlopes, double[] lowIntercepts,
                        double[] highSlopes, double[] highIntercepts) {
        /** The tightest lower bound of atan at {@code z} the piece gives. */
        public double low(double z) {
            double v = yFrom;
            for (int t = 0; t < lowSlopes.length; t++) v = Math.max(v, lowSlopes[t] * z + lowIntercepts[t]);
            return v;
        }

        /** The tightest upper bound of atan at {@code z} the piece gives. */
        public double high(double z) {
            double v = yTo;
            for (int t = 0; t < highSlopes.length; t++) v = Math.min(v, highSlopes[t] * z + highIntercepts[t]);
            return v;
        }

        @Override public String toString() { return "Piece[" + from + ", " + to + "]"; }
    }

    /**
     * The pieces of {@code [l, u]} (finite, {@code l <= u}): {@code count} parts of equal arctan range (so they are
     * narrow where atan bends and wide where it is flat), each part that contains 0 in its interior split there; an
     * empty or point interval gives one piece.
     */
    public static List<Piece> pieces(double l, double u, int count) {
        if (!Double.isFinite(l) || !Double.isFinite(u) || l > u) {
            throw new IllegalArgumentException("arctan enclosure: needs finite bounds l <= u, got [" + l + ", " + u + "]");
        }
        if (count < 1) throw new IllegalArgumentException("arctan enclosure: piece count must be >= 1, got " + count);
        List<Double> points = new ArrayList<>();
        points.add(l);
        double al = Math.atan(l);
        double au = Math.atan(u);
        for (int p = 1; p < count; p++) {
            double t = Math.tan(al + (au - al) * p / count);
            if (t > points.getLast() && t < u) points.add(t);
        }
        if (u > points.getLast()) points.add(u);
        if (points.size() == 1) points.add(u);
        List<Piece> pieces = new ArrayList<>();
        for (int p = 0; p + 1 < points.size(); p++) {
            double a = points.get(p);
            double b = points.get(p + 1);
            if (a < 0 && b > 0) {
                pieces.add(piece(a, 0.0));
                pieces.add(piece(0.0, b));
            } else {
                pieces.add(piece(a, b));
            }
        }
        return pieces;
    }

    private static Piece piece(double a, double b) {
        double yFrom = lower(a);
        double yTo = upper(b);
        double[] none = new double[0];
        if (!(b - a > 1e-9 * (1 + Math.abs(a) + Math.abs(b)))) return new Piece(a, b, yFrom, yTo, none, none, none, none);
        boolean concave = a >= 0; // pieces never straddle 0; tangents lie above where concave, below where convex
        // The chord is on one side, the tangents at both ends and the midpoint on the other.
        double chord = (Math.atan(b) - Math.atan(a)) / (b - a);
        double chordIntercept = concave ? Math.min(below(lower(a), chord, a), below(lower(b), chord, b))
                : Math.max(above(upper(a), chord, a), above(upper(b), chord, b));
        double[] points = {a, a + 0.5 * (b - a), b}; // the midpoint stays in [a, b] (same signs: no overflow)
        double[] tSlopes = new double[3];
        double[] tIntercepts = new double[3];
        double width = Math.nextUp(b - a);
        for (int t = 0; t < 3; t++) {
            double c = points[t];
            double s = 1.0 / (1.0 + c * c);
            // three roundings of at most u each (4u to spare); MIN_NORMAL covers underflow and 1 + c^2 overflowing
            double slopeError = Math.nextUp(Math.nextUp(4 * ErrorBound.U * s) + Double.MIN_NORMAL);
            double drift = Math.nextUp(slopeError * width);
            tSlopes[t] = s;
            tIntercepts[t] = concave ? Math.nextUp(above(upper(c), s, c) + drift) : Math.nextDown(below(lower(c), s, c) - drift);
        }
        double[] chordSlope = {chord};
        double[] chordIntercepts = {chordIntercept};
        if (concave) return new Piece(a, b, yFrom, yTo, chordSlope, chordIntercepts, tSlopes, tIntercepts);
        return new Piece(a, b, yFrom, yTo, tSlopes, tIntercepts, chordSlope, chordIntercepts);
    }

    /** A value at most {@code y - s z} (exact arithmetic): the intercept of a line of slope s through or below (z, y). */
    private static double below(double y, double s, double z) {
        return Math.nextDown(y - Math.nextUp(s * z));
    }

    /** A value at least {@code y - s z}. */
    private static double above(double y, double s, double z) {
        return Math.nextUp(y - Math.nextDown(s * z));
    }
}
