package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpCertificates;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;

/**
 * The outward-rounded (Neumaier–Shcherbina) bound against exact rational arithmetic: on small boxed LPs it never
 * passes the exact optimum (found by exact vertex enumeration), for the solver's duals and for perturbed ones; on
 * larger LPs it never passes the exact Lagrangian value of the same multipliers; it is tight on well-conditioned
 * LPs; Farkas rays are accepted only when they prove infeasibility exactly.
 */
class RigorousBoundTest {

    @Test
    void neverPassesTheExactOptimumOfSmallBoxedLps() {
        int checked = 0;
        for (long seed = 0; seed < 100; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            boolean illConditioned = seed % 3 == 0;
            LpProblem p = smallBoxed(rnd, illConditioned);
            LpSolver s = new LpSolver(p);
            if (s.solve() != LpStatus.OPTIMAL) continue;
            Rational exact = exactOptimum(p);
            if (exact == null) continue; // infeasible in exact arithmetic but feasible within tolerance
            checked++;
            LpResult r = s.result();
            double z = r.objective();
            double safe = LpCertificates.rigorousBound(p, r.rowDuals());
            assertTrue(onCorrectSide(p, safe, exact), "seed " + seed + ": safe " + safe + " vs exact " + exact);
            if (!illConditioned) assertEquals(z, safe, 1e-6 * Math.max(1, Math.abs(z)), "seed " + seed);
            for (int k = 0; k < 10; k++) {
                double[] y = r.rowDuals().clone();
                for (int i = 0; i < y.length; i++) y[i] += rnd.nextDouble(-1e-3, 1e-3) * (k % 2 == 0 ? 1 : y[i]);
                double b = LpCertificates.rigorousBound(p, y);
                assertTrue(onCorrectSide(p, b, exact), "seed " + seed + " perturbation " + k);
            }
        }
        assertTrue(checked > 40, "too few checked instances: " + checked);
    }

    @Test
    void neverPassesTheExactLagrangianValueOnRandomLps() {
        int finite = 0;
        for (long seed = 0; seed < 80; seed++) {
            LpProblem p = RandomLps.generate(seed, 20, 25, false);
            LpSolver s = new LpSolver(p);
            if (s.solve() != LpStatus.OPTIMAL) continue;
            double[] y = s.result().rowDuals();
            double z = s.objectiveValue();
            double safe = LpCertificates.rigorousBound(p, y);
            BigDecimal exact = exactLagrangian(p, y);
            if (exact == null) {
                assertTrue(Double.isInfinite(safe), "seed " + seed + ": exact bound infinite, safe " + safe);
                continue;
            }
            if (Double.isInfinite(safe)) continue; // a free column's reduced cost is round-off: not certifiable
            finite++;
            int cmp = new BigDecimal(safe).compareTo(exact);
            assertTrue(p.sense() == Sense.MINIMIZE ? cmp <= 0 : cmp >= 0, "seed " + seed);
            assertEquals(z, safe, 1e-6 * Math.max(1, Math.abs(z)), "seed " + seed);
        }
        assertTrue(finite > 25, "too few finite bounds: " + finite);
    }

    @Test
    void exactZeroReducedCostsStayExact() {
        // min -t s.t. t - x <= 0.1 (x in [0, 0.2]), t free: the dual y = -1 gives r_t = 0 exactly.
        LpProblem p = new LpProblem();
        int t = p.addColumn("t", -1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        int x = p.addColumn("x", 0, 0, 0.2);
        p.addRow("r", new int[] {t, x}, new double[] {1, -1}, Double.NEGATIVE_INFINITY, 0.1);
        double b = LpCertificates.rigorousBound(p, new double[] {-1});
        // exact optimum: -(0.1 + 0.2) in the doubles' exact values; the bound is at most that
        BigDecimal opt = new BigDecimal(0.1).add(new BigDecimal(0.2)).negate();
        assertTrue(new BigDecimal(b).compareTo(opt) <= 0);
        assertEquals(-0.3, b, 1e-15);
        // a dual off by one ulp leaves a nonzero reduced cost on the free column: no bound
        assertEquals(Double.NEGATIVE_INFINITY, LpCertificates.rigorousBound(p, new double[] {Math.nextDown(-1.0)}));
    }

    @Test
    void farkasRaysAreAcceptedOnlyWhenTheyProveInfeasibility() {
        // x in [0, 1], x >= 1 + 2^-40: infeasible by a hair, proven exactly
        LpProblem p = new LpProblem();
        int x = p.addColumn("x", 0, 0, 1);
        p.addRow("r", new int[] {x}, new double[] {1}, 1 + 0x1p-40, Double.POSITIVE_INFINITY);
        assertTrue(LpCertificates.rigorousFarkas(p, new double[] {1}));
        // x >= 1 exactly: feasible at x = 1, no ray may prove otherwise
        p.setRowBounds(0, 1, Double.POSITIVE_INFINITY);
        assertFalse(LpCertificates.rigorousFarkas(p, new double[] {1}));
        assertFalse(LpCertificates.rigorousFarkas(p, new double[] {-1}));
        // 0.1 x + 0.2 x >= 0.3 with x <= 1: whether this is feasible depends on the binary values; decide exactly
        LpProblem q = new LpProblem();
        int a = q.addColumn("a", 0, 0, 1);
        int c = q.addColumn("b", 0, 0, 1);
        q.addRow("r", new int[] {a, c}, new double[] {0.1, 0.2}, 0.30000000000000004, Double.POSITIVE_INFINITY);
        boolean exactInfeasible = new BigDecimal(0.1).add(new BigDecimal(0.2))
                .compareTo(new BigDecimal(0.30000000000000004)) < 0;
        assertEquals(exactInfeasible, LpCertificates.rigorousFarkas(q, new double[] {1}));

        // Random feasible LPs: random multipliers never prove infeasibility; the solver's rays on infeasible ones do.
        int proven = 0;
        for (long seed = 0; seed < 200; seed++) {
            LpProblem r = RandomLps.generate(seed, 15, 15, false);
            LpSolver s = new LpSolver(r);
            LpStatus st = s.solve();
            SplittableRandom rnd = new SplittableRandom(seed);
            if (st == LpStatus.OPTIMAL) {
                for (int k = 0; k < 5; k++) {
                    double[] y = new double[r.numRows()];
                    for (int i = 0; i < y.length; i++) y[i] = rnd.nextDouble(-1, 1);
                    assertFalse(LpCertificates.rigorousFarkas(r, y), "seed " + seed);
                }
            } else if (st == LpStatus.INFEASIBLE && s.result().farkasRay().isPresent()) {
                if (LpCertificates.rigorousFarkas(r, s.result().farkasRay().get())) proven++;
            }
        }
        assertTrue(proven > 0, "no solver ray proved infeasibility");
    }

    // ---- instances ----------------------------------------------------------------------------------------------

    private static LpProblem smallBoxed(SplittableRandom rnd, boolean ill) {
        LpProblem p = new LpProblem();
        int n = 2 + rnd.nextInt(2);
        int m = 1 + rnd.nextInt(4);
        double[] x0 = new double[n];
        for (int j = 0; j < n; j++) {
            double lo = Math.round(rnd.nextDouble(-3, 1) * 100) / 100.0;
            double up = lo + Math.round(rnd.nextDouble(0.1, 4) * 100) / 100.0;
            double c = Math.round(rnd.nextDouble(-5, 5) * 100) / 100.0;
            if (ill && j == 0) c *= 1e-7;
            p.addColumn("x" + j, c, lo, up);
            x0[j] = rnd.nextDouble(lo, up);
        }
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) idx[j] = j;
        double[] previous = null;
        for (int i = 0; i < m; i++) {
            double[] a = new double[n];
            for (int j = 0; j < n; j++) a[j] = Math.round(rnd.nextDouble(-4, 4) * 100) / 100.0;
            if (ill) {
                a[0] *= (i % 2 == 0 ? 1e6 : 1e-6);
                if (previous != null && i % 2 == 1) { // nearly parallel to the previous row
                    for (int j = 0; j < n; j++) a[j] = previous[j] * (1 + 1e-9 * (j + 1));
                }
            }
            previous = a;
            double act = 0;
            for (int j = 0; j < n; j++) act += a[j] * x0[j];
            double slack = Math.round(rnd.nextDouble(0, 1) * 100) / 100.0;
            int kind = rnd.nextInt(3);
            double lo = kind == 1 ? Double.NEGATIVE_INFINITY : act - slack;
            double up = kind == 0 ? Double.POSITIVE_INFINITY : act + slack;
            p.addRow("r" + i, idx.clone(), a, lo, up);
        }
        if (rnd.nextBoolean()) p.setSense(Sense.MAXIMIZE);
        return p;
    }

    private static boolean onCorrectSide(LpProblem p, double bound, Rational exactOpt) {
        if (Double.isInfinite(bound)) return p.sense() == Sense.MINIMIZE ? bound < 0 : bound > 0;
        int cmp = Rational.of(bound).compareTo(exactOpt);
        return p.sense() == Sense.MINIMIZE ? cmp <= 0 : cmp >= 0;
    }

    // ---- exact arithmetic -------------------------------------------------------------------------------------

    /** The exact Lagrangian value of y (LpResult convention); null when it is infinite. */
    private static BigDecimal exactLagrangian(LpProblem p, double[] y) {
        int n = p.numColumns();
        double s = p.sense().sign();
        BigDecimal[] r = new BigDecimal[n];
        for (int j = 0; j < n; j++) r[j] = new BigDecimal(s * p.objective(j));
        BigDecimal bound = BigDecimal.ZERO;
        for (int i = 0; i < p.numRows(); i++) {
            double yi = s * y[i];
            if (yi == 0) continue;
            double rb = yi > 0 ? p.rowLower(i) : p.rowUpper(i);
            if (Double.isInfinite(rb)) continue;
            BigDecimal by = new BigDecimal(yi);
            bound = bound.add(by.multiply(new BigDecimal(rb)));
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) r[idx[k]] = r[idx[k]].subtract(new BigDecimal(val[k]).multiply(by));
        }
        for (int j = 0; j < n; j++) {
            int sg = r[j].signum();
            if (sg == 0) continue;
            double b = sg > 0 ? p.columnLower(j) : p.columnUpper(j);
            if (Double.isInfinite(b)) return null;
            bound = bound.add(r[j].multiply(new BigDecimal(b)));
        }
        bound = bound.add(new BigDecimal(s * p.objectiveOffset()));
        return s > 0 ? bound : bound.negate();
    }

    /** The exact optimum of a small LP with boxed columns, by enumerating vertices; null when infeasible. */
    private static Rational exactOptimum(LpProblem p) {
        int n = p.numColumns();
        java.util.List<Rational[]> planes = new java.util.ArrayList<>(); // a'x = b as {a..., b}
        for (int i = 0; i < p.numRows(); i++) {
            double[] a = new double[n];
            int[] idx = p.rowIndices(i);
            for (int k = 0; k < idx.length; k++) a[idx[k]] = p.rowValues(i)[k];
            for (double b : new double[] {p.rowLower(i), p.rowUpper(i)}) {
                if (Double.isInfinite(b)) continue;
                Rational[] pl = new Rational[n + 1];
                for (int j = 0; j < n; j++) pl[j] = Rational.of(a[j]);
                pl[n] = Rational.of(b);
                planes.add(pl);
            }
        }
        for (int j = 0; j < n; j++) {
            for (double b : new double[] {p.columnLower(j), p.columnUpper(j)}) {
                Rational[] pl = new Rational[n + 1];
                for (int k = 0; k < n; k++) pl[k] = k == j ? Rational.ONE : Rational.ZERO;
                pl[n] = Rational.of(b);
                planes.add(pl);
            }
        }
        Rational best = null;
        int q = planes.size();
        int[] pick = new int[n];
        for (int k = 0; k < n; k++) pick[k] = k;
        while (true) {
            Rational[] x = solve(planes, pick, n);
            if (x != null && feasible(p, x)) {
                Rational v = Rational.ZERO;
                for (int j = 0; j < n; j++) v = v.add(Rational.of(p.objective(j)).mul(x[j]));
                boolean better = best == null || (p.sense() == Sense.MINIMIZE ? v.compareTo(best) < 0
                        : v.compareTo(best) > 0);
                if (better) best = v;
            }
            int k = n - 1;
            while (k >= 0 && pick[k] == q - n + k) k--;
            if (k < 0) break;
            pick[k]++;
            for (int t = k + 1; t < n; t++) pick[t] = pick[t - 1] + 1;
        }
        return best;
    }

    private static Rational[] solve(java.util.List<Rational[]> planes, int[] pick, int n) {
        Rational[][] m = new Rational[n][];
        for (int r = 0; r < n; r++) m[r] = planes.get(pick[r]).clone();
        for (int c = 0; c < n; c++) {
            int piv = -1;
            for (int r = c; r < n; r++) if (m[r][c].signum() != 0) { piv = r; break; }
            if (piv < 0) return null;
            Rational[] tmp = m[c]; m[c] = m[piv]; m[piv] = tmp;
            for (int r = 0; r < n; r++) {
                if (r == c || m[r][c].signum() == 0) continue;
                Rational f = m[r][c].div(m[c][c]);
                for (int k = c; k <= n; k++) m[r][k] = m[r][k].sub(f.mul(m[c][k]));
            }
        }
        Rational[] x = new Rational[n];
        for (int r = 0; r < n; r++) x[r] = m[r][n].div(m[r][r]);
        return x;
    }

    private static boolean feasible(LpProblem p, Rational[] x) {
        for (int j = 0; j < x.length; j++) {
            if (x[j].compareTo(Rational.of(p.columnLower(j))) < 0) return false;
            if (x[j].compareTo(Rational.of(p.columnUpper(j))) > 0) return false;
        }
        for (int i = 0; i < p.numRows(); i++) {
            Rational act = Rational.ZERO;
            int[] idx = p.rowIndices(i);
            for (int k = 0; k < idx.length; k++) act = act.add(Rational.of(p.rowValues(i)[k]).mul(x[idx[k]]));
            if (Double.isFinite(p.rowLower(i)) && act.compareTo(Rational.of(p.rowLower(i))) < 0) return false;
            if (Double.isFinite(p.rowUpper(i)) && act.compareTo(Rational.of(p.rowUpper(i))) > 0) return false;
        }
        return true;
    }

    /** An exact rational num/den with den > 0. */
    record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {
        static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
        static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

        static Rational of(double v) {
            BigDecimal b = new BigDecimal(v);
            BigInteger num = b.unscaledValue();
            BigInteger den = BigInteger.ONE;
            if (b.scale() > 0) den = BigInteger.TEN.pow(b.scale());
            else num = num.multiply(BigInteger.TEN.pow(-b.scale()));
            return norm(num, den);
        }

        static Rational norm(BigInteger n, BigInteger d) {
            if (d.signum() < 0) { n = n.negate(); d = d.negate(); }
            BigInteger g = n.gcd(d);
            if (!g.equals(BigInteger.ONE) && g.signum() != 0) { n = n.divide(g); d = d.divide(g); }
            return new Rational(n, d);
        }

        Rational add(Rational o) { return norm(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)); }
        Rational sub(Rational o) { return norm(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den)); }
        Rational mul(Rational o) { return norm(num.multiply(o.num), den.multiply(o.den)); }
        Rational div(Rational o) { return norm(num.multiply(o.den), den.multiply(o.num)); }
        int signum() { return num.signum(); }

        @Override
        public int compareTo(Rational o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }

        @Override
        public String toString() {
            return new BigDecimal(num).divide(new BigDecimal(den), java.math.MathContext.DECIMAL64).toString();
        }
    }
}
