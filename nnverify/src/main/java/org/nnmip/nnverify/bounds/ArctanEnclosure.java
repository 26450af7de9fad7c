package org.nnmip.nnverify.bounds;

import java.util.ArrayList;
import java.util.List;

/**
 * Sound piecewise-linear enclosure of {@code y = atan(z)} on {@code [l, u]}: the interval is split into pieces that
 * never straddle 0 (atan is convex for {@code z < 0} and concave for {@code z > 0}), and on each piece the chord
 * and the tangent at the midpoint bound atan from opposite sides (chord below and tangent above where concave, the
 * reverse where convex). Every line is shifted outward by {@link #SLACK}, far more than the floating-point error of
 * {@link Math#atan} (2 ulps) and of computing the lines, so the band contains the exact graph.
 */
public final class ArctanEnclosure {
    /** Absolute outward shift of every line, relative to 1 + the largest term of the line on the piece. */
    public static final double SLACK = 1e-12;

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
        double magnitude = Math.max(Math.abs(a), Math.abs(b));
        // The chord is on one side, the tangents at both ends and the midpoint on the other.
        double chord = (Math.atan(b) - Math.atan(a)) / (b - a);
        double[] chordLine = {chord, Math.atan(a) - chord * a};
        double[] points = {a, 0.5 * (a + b), b};
        double[] tSlopes = new double[3];
        double[] tIntercepts = new double[3];
        for (int t = 0; t < 3; t++) {
            double c = points[t];
            tSlopes[t] = 1.0 / (1.0 + c * c);
            tIntercepts[t] = Math.atan(c) - tSlopes[t] * c;
        }
        boolean concave = a >= 0; // pieces never straddle 0
        double sign = concave ? 1 : -1; // tangents lie above where concave, below where convex
        for (int t = 0; t < 3; t++) tIntercepts[t] += sign * shift(tSlopes[t], tIntercepts[t], magnitude);
        double[] chordSlope = {chordLine[0]};
        double[] chordIntercept = {chordLine[1] - sign * shift(chordLine[0], chordLine[1], magnitude)};
        if (concave) return new Piece(a, b, yFrom, yTo, chordSlope, chordIntercept, tSlopes, tIntercepts);
        return new Piece(a, b, yFrom, yTo, tSlopes, tIntercepts, chordSlope, chordIntercept);
    }

    /** Outward shift of a line on {@code |z| <= magnitude}: far above the rounding of atan and of the line itself. */
    private static double shift(double slope, double intercept, double magnitude) {
        return SLACK * (1 + Math.abs(slope) * magnitude + Math.abs(intercept));
    }
}
