package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;

/**
 * Thousands of tiny seeded MIPs (knapsacks, set covers, general integers with equality rows, big-M ReLU rows,
 * parity-infeasible systems) against brute-force enumeration, with the parameter combinations rotated (presolve,
 * Gomory cuts, cuts off, two deterministic threads); two hundred more against OR-Tools' SCIP. Every returned
 * point is re-checked on the instance. Seeds are printed in the failure label.
 */
class TinyMipEnumerationTest {
    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    private static final MipParameters BASE = MipParameters.defaults().withThreads(1).withRelativeGap(0)
            .withAbsoluteGap(1e-9);

    /** Parameter variants, rotated over the instances. */
    private static MipParameters variant(int t) {
        return switch (t % 5) {
            case 0 -> BASE;
            case 1 -> BASE.withPresolve(false);
            case 2 -> BASE.withGomoryCuts(false);
            case 3 -> BASE.withCuts(false).withPropagation(false);
            default -> BASE.withThreads(2).withDeterministic(true);
        };
    }

    /** A tiny instance of the given kind (0..5). */
    static RandomMipTest.Generated tiny(Random r, int kind) {
        LpProblem p = new LpProblem();
        boolean[] integer;
        String name;
        switch (kind) {
            case 0 -> { // binary knapsack, several rows, sometimes with a >= row
                int n = 3 + r.nextInt(7);
                integer = RandomMipTest.all(n, true);
                for (int j = 0; j < n; j++) p.addColumn("x" + j, 1 + r.nextInt(20), 0, 1);
                int m = 1 + r.nextInt(3);
                for (int i = 0; i < m; i++) {
                    double[] w = new double[n];
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += w[j] = 1 + r.nextInt(15);
                    p.addRow("k" + i, range(n), w, Double.NEGATIVE_INFINITY, Math.floor(sum * (0.2 + 0.5 * r.nextDouble())));
                }
                if (r.nextInt(4) == 0) {
                    p.addRow("min", range(n), filled(n, 1), 1 + r.nextInt(3), Double.POSITIVE_INFINITY);
                }
                p.setSense(Sense.MAXIMIZE);
                name = "knapsack";
            }
            case 1 -> { // set cover, sometimes with a cardinality row that may make it infeasible
                int n = 3 + r.nextInt(7);
                integer = RandomMipTest.all(n, true);
                for (int j = 0; j < n; j++) p.addColumn("x" + j, 1 + r.nextInt(9), 0, 1);
                int m = 2 + r.nextInt(6);
                for (int i = 0; i < m; i++) {
                    List<Integer> cols = new ArrayList<>();
                    for (int j = 0; j < n; j++) if (r.nextDouble() < 0.35) cols.add(j);
                    if (cols.isEmpty()) cols.add(r.nextInt(n));
                    int[] idx = cols.stream().mapToInt(Integer::intValue).toArray();
                    p.addRow("c" + i, idx, filled(idx.length, 1), 1, Double.POSITIVE_INFINITY);
                }
                if (r.nextInt(3) == 0) p.addRow("card", range(n), filled(n, 1), Double.NEGATIVE_INFINITY, 1 + r.nextInt(2));
                name = "setcover";
            }
            case 2 -> { // general integers, equality and ranged rows
                int n = 2 + r.nextInt(4);
                integer = RandomMipTest.all(n, true);
                for (int j = 0; j < n; j++) {
                    double lo = -r.nextInt(3);
                    p.addColumn("x" + j, r.nextInt(15) - 7, lo, lo + 1 + r.nextInt(5));
                }
                int m = 1 + r.nextInt(4);
                for (int i = 0; i < m; i++) {
                    double[] a = new double[n];
                    for (int j = 0; j < n; j++) a[j] = r.nextInt(9) - 4;
                    double rhs = r.nextInt(11) - 3;
                    switch (r.nextInt(4)) {
                        case 0 -> p.addRow("e" + i, range(n), a, rhs, rhs);
                        case 1 -> p.addRow("g" + i, range(n), a, rhs, Double.POSITIVE_INFINITY);
                        case 2 -> p.addRow("r" + i, range(n), a, rhs - 2 - r.nextInt(3), rhs);
                        default -> p.addRow("l" + i, range(n), a, Double.NEGATIVE_INFINITY, rhs);
                    }
                }
                if (r.nextBoolean()) p.setSense(Sense.MAXIMIZE);
                name = "general";
            }
            case 3 -> { // parity: sum of even multiples equal to an odd number is infeasible (LP is feasible)
                int n = 2 + r.nextInt(4);
                integer = RandomMipTest.all(n, true);
                for (int j = 0; j < n; j++) p.addColumn("x" + j, r.nextInt(7) - 3, 0, 2 + r.nextInt(3));
                double[] a = new double[n];
                for (int j = 0; j < n; j++) a[j] = 2 * (1 + r.nextInt(3));
                double rhs = 2 * r.nextInt(4) + (r.nextInt(3) == 0 ? 0 : 1);
                p.addRow("parity", range(n), a, rhs, rhs);
                name = "parity";
            }
            case 4 -> { // mixed: general integers and continuous columns with equality rows
                int n = 3 + r.nextInt(3);
                integer = new boolean[n];
                for (int j = 0; j < n; j++) {
                    integer[j] = j < 2 || (j == 2 && r.nextBoolean()); // at most 64 integer assignments
                    double lo = -r.nextInt(2);
                    p.addColumn("x" + j, r.nextInt(11) - 5 + (integer[j] ? 0 : 0.5 * r.nextGaussian()), lo,
                            lo + 1 + r.nextInt(3));
                }
                int m = 1 + r.nextInt(3);
                for (int i = 0; i < m; i++) {
                    double[] a = new double[n];
                    for (int j = 0; j < n; j++) a[j] = r.nextInt(7) - 3 + (r.nextInt(3) == 0 ? 0.5 : 0);
                    double rhs = r.nextInt(7) - 2 + 0.5 * r.nextInt(2);
                    if (r.nextInt(3) == 0) p.addRow("e" + i, range(n), a, rhs, rhs);
                    else p.addRow("l" + i, range(n), a, Double.NEGATIVE_INFINITY, rhs);
                }
                if (r.nextBoolean()) p.setSense(Sense.MAXIMIZE);
                name = "mixed";
            }
            default -> {
                RandomMipTest.Generated g = RandomMipTest.relu(r);
                return g;
            }
        }
        return new RandomMipTest.Generated(MipInstance.of(p, integer), name);
    }

    private static int[] range(int n) {
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) idx[j] = j;
        return idx;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * The optimum by enumerating every integer assignment; with continuous columns each assignment's continuous
     * part is an LP (small: at most a few hundred assignments). NaN when infeasible.
     */
    static double enumerate(MipInstance inst) {
        LpProblem p = inst.relaxation();
        int n = p.numColumns();
        List<Integer> ints = new ArrayList<>();
        for (int j = 0; j < n; j++) if (inst.isInteger(j)) ints.add(j);
        boolean mixed = ints.size() < n;
        double sign = p.sense().sign();
        double[] best = {Double.POSITIVE_INFINITY};
        double[] x = new double[n];
        walk(p, ints, 0, x, mixed, sign, best);
        return best[0] == Double.POSITIVE_INFINITY ? Double.NaN : sign * best[0];
    }

    private static void walk(LpProblem p, List<Integer> ints, int k, double[] x, boolean mixed, double sign,
                             double[] best) {
        if (k == ints.size()) {
            if (mixed) {
                LpProblem q = p.copy();
                for (int j : ints) q.setColumnBounds(j, x[j], x[j]);
                LpSolver lp = new LpSolver(q);
                if (lp.solve() == LpStatus.OPTIMAL) best[0] = Math.min(best[0], sign * lp.objectiveValue());
                return;
            }
            double[] ax = p.rowActivities(x);
            for (int i = 0; i < ax.length; i++) {
                if (ax[i] < p.rowLower(i) - 1e-9 || ax[i] > p.rowUpper(i) + 1e-9) return;
            }
            best[0] = Math.min(best[0], sign * p.objectiveValue(x));
            return;
        }
        int j = ints.get(k);
        for (double v = Math.ceil(p.columnLower(j)); v <= p.columnUpper(j); v++) {
            x[j] = v;
            walk(p, ints, k + 1, x, mixed, sign, best);
        }
    }

    private static void check(RandomMipTest.Generated g, MipResult r, double expected, String label) {
        if (Double.isNaN(expected)) {
            assertEquals(MipStatus.INFEASIBLE, r.status(), label);
            assertTrue(r.incumbent().isEmpty(), label);
            return;
        }
        assertEquals(MipStatus.OPTIMAL, r.status(), label);
        assertEquals(expected, r.objective(), 1e-6 * Math.max(1, Math.abs(expected)), label);
        MipData d = new MipData(g.instance());
        assertNull(d.violation(r.incumbent().orElseThrow(), 1e-6, 1e-6), label);
        assertEquals(r.objective(), g.instance().relaxation().objectiveValue(r.incumbent().get()),
                1e-6 * Math.max(1, Math.abs(expected)), label);
        assertTrue(d.sign * r.bestBound() <= d.sign * r.objective() + 1e-6 * Math.max(1, Math.abs(expected)), label);
    }

    @Test
    void thousandsAgreeWithEnumeration() {
        Random r = new Random(20261201L);
        int[] perKind = new int[6];
        int infeasible = 0;
        int total = 3000;
        for (int t = 0; t < total; t++) {
            int kind = t % 6;
            RandomMipTest.Generated g = tiny(r, kind);
            double expected = enumerate(g.instance());
            MipResult res = new MipSolver().solve(g.instance(), variant(t / 6));
            check(g, res, expected, g.kind() + " #" + t + " variant " + (t / 6) % 5);
            perKind[kind]++;
            if (Double.isNaN(expected)) infeasible++;
        }
        assertEquals(total, Arrays.stream(perKind).sum());
        assertTrue(infeasible > 100, "too few infeasible instances: " + infeasible);
    }

    @Test
    void hundredsAgreeWithScip() {
        Random r = new Random(4242);
        for (int t = 0; t < 200; t++) {
            RandomMipTest.Generated g = tiny(r, t % 6);
            double expected = RandomMipTest.scip(g.instance());
            check(g, new MipSolver().solve(g.instance(), variant(t)), expected, "scip " + g.kind() + " #" + t);
        }
    }
}
