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
     * One piece {@code [from, to]} with {@code lowSlope * z + lowIntercept <= atan(z) <= highSlope * z + highIntercept}
     * for every real {@code z} in it.
     */
    public record Piece(double from, double to, double lowSlope, double lowIntercept, double highSlope, double highIntercept) {
        public double low(double z) { return lowSlope * z + lowIntercept; }
        public double high(double z) { return highSlope * z + highIntercept; }
    }

    /**
     * The pieces of {@code [l, u]} (finite, {@code l <= u}): {@code count} equal parts, each part that contains 0 in
     * its interior split there; an empty or point interval gives one piece.
     */
    public static List<Piece> pieces(double l, double u, int count) {
        if (!Double.isFinite(l) || !Double.isFinite(u) || l > u) {
            throw new IllegalArgumentException("arctan enclosure: needs finite bounds l <= u, got [" + l + ", " + u + "]");
        }
        if (count < 1) throw new IllegalArgumentException("arctan enclosure: piece count must be >= 1, got " + count);
        List<Double> points = new ArrayList<>();
        points.add(l);
        for (int p = 1; p < count; p++) {
            double t = l + (u - l) * p / count;
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
        double fa = Math.atan(a);
        double fb = Math.atan(b);
        if (!(b - a > 1e-9 * (1 + Math.abs(a) + Math.abs(b)))) {
            // Too narrow for a meaningful slope: the constant band [atan(a), atan(b)].
            return new Piece(a, b, 0.0, lower(a), 0.0, upper(b));
        }
        double chord = (fb - fa) / (b - a);
        double chordIntercept = fa - chord * a;
        double mid = 0.5 * (a + b);
        double tangent = 1.0 / (1.0 + mid * mid);
        double tangentIntercept = Math.atan(mid) - tangent * mid;
        double scale = 1 + Math.max(Math.abs(a), Math.abs(b)) * Math.max(chord, tangent)
                + Math.abs(chordIntercept) + Math.abs(tangentIntercept);
        double shift = SLACK * scale;
        boolean concave = a >= 0; // pieces never straddle 0
        if (concave) {
            return new Piece(a, b, chord, chordIntercept - shift, tangent, tangentIntercept + shift);
        }
        return new Piece(a, b, tangent, tangentIntercept - shift, chord, chordIntercept + shift);
    }
}
