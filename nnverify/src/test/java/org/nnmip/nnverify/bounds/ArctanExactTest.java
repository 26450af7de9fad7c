package org.nnmip.nnverify.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The arctan enclosure against a 50-digit arctan (error far below 1e-40): at every sampled point of every piece,
 * every line evaluated exactly lies on its side of the true arctan, and so do the end values.
 */
class ArctanExactTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal SLACK = new BigDecimal("1e-45"); // the reference's own error, far below any ulp here
    private static final BigDecimal HALF_PI = atanSmall(BigDecimal.ONE.divide(BigDecimal.valueOf(5), MC)).multiply(BigDecimal.valueOf(16))
            .subtract(atanSmall(BigDecimal.ONE.divide(BigDecimal.valueOf(239), MC)).multiply(BigDecimal.valueOf(4)), MC)
            .divide(BigDecimal.valueOf(2), MC); // Machin's formula

    /** Taylor series, for |x| <= 1/4. */
    private static BigDecimal atanSmall(BigDecimal x) {
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = x;
        BigDecimal sum = x;
        for (int k = 1; k < 200 && term.abs().compareTo(new BigDecimal("1e-58")) > 0; k++) {
            term = term.multiply(x2, MC).negate();
            sum = sum.add(term.divide(BigDecimal.valueOf(2L * k + 1), MC), MC);
        }
        return sum;
    }

    static BigDecimal atan(BigDecimal x) {
        if (x.signum() < 0) return atan(x.negate()).negate();
        if (x.compareTo(BigDecimal.ONE) > 0) return HALF_PI.subtract(atan(BigDecimal.ONE.divide(x, MC)), MC);
        // halve the angle twice: atan x = 2 atan(x / (1 + sqrt(1 + x^2)))
        BigDecimal y = x;
        for (int h = 0; h < 2; h++) y = y.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(y.multiply(y, MC)).sqrt(MC)), MC);
        return atanSmall(y).multiply(BigDecimal.valueOf(4), MC);
    }

    @Test
    void linesAndEndValuesEncloseTheExactArctan() {
        Random rnd = new Random(3);
        int checked = 0;
        for (int t = 0; t < 60; t++) {
            double scale = Math.pow(10, rnd.nextInt(13) - 6);
            double a = rnd.nextGaussian() * scale;
            double b = a + Math.abs(rnd.nextGaussian()) * scale * (rnd.nextBoolean() ? 1 : 1e-6);
            for (ArctanEnclosure.Piece p : ArctanEnclosure.pieces(a, b, 1 + rnd.nextInt(4))) {
                for (int s = 0; s <= 12; s++) {
                    double z = s == 0 ? p.from() : s == 12 ? p.to() : p.from() + rnd.nextDouble() * (p.to() - p.from());
                    z = Math.min(Math.max(z, p.from()), p.to());
                    BigDecimal zz = new BigDecimal(z);
                    BigDecimal at = atan(zz);
                    if (new BigDecimal(p.yFrom()).compareTo(at.add(SLACK)) > 0 || new BigDecimal(p.yTo()).compareTo(at.subtract(SLACK)) < 0) {
                        fail(p + ": end values [" + p.yFrom() + ", " + p.yTo() + "] miss atan(" + z + ") = " + at);
                    }
                    for (int q = 0; q < p.lowSlopes().length; q++) {
                        BigDecimal v = new BigDecimal(p.lowSlopes()[q]).multiply(zz).add(new BigDecimal(p.lowIntercepts()[q]));
                        if (v.compareTo(at.add(SLACK)) > 0) fail(p + ": lower line " + q + " is " + v + " above atan(" + z + ") = " + at);
                    }
                    for (int q = 0; q < p.highSlopes().length; q++) {
                        BigDecimal v = new BigDecimal(p.highSlopes()[q]).multiply(zz).add(new BigDecimal(p.highIntercepts()[q]));
                        if (v.compareTo(at.subtract(SLACK)) < 0) fail(p + ": upper line " + q + " is " + v + " below atan(" + z + ") = " + at);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 500, checked + " points");
        // the reference itself: atan(1) = pi/4
        assertTrue(atan(BigDecimal.ONE).subtract(HALF_PI.divide(BigDecimal.valueOf(2), MC)).abs().compareTo(SLACK) < 0);
    }
}
