package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnmip.io.ModelFiles;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;
import org.nnmip.model.Model;

/**
 * Presolve on and off give the same status and optimum (the MIPLIB instances it reduces, from testdata/mip; the
 * others are covered by MiplibTest with presolve on) and on random MIPs with
 * fixed columns, singleton and empty rows mixed in); its reductions keep every feasible point.
 */
class PresolveTest {
    private static final MipParameters ON = MipParameters.defaults().withThreads(1).withRelativeGap(1e-9);
    private static final MipParameters OFF = ON.withPresolve(false);

    @ParameterizedTest
    @ValueSource(strings = {"p0033", "flugpl", "egout"})
    void miplibOptimumUnchanged(String name) throws Exception {
        Model model = ModelFiles.read(MiplibTest.dir().resolve(name + ".mps"));
        MipInstance inst = MipSolver.toInstance(model);
        Presolve.Result pre = Presolve.run(inst);
        System.out.printf("%s: presolve removed %d columns, %d rows, tightened %d bounds%n", name,
                pre.removedColumns(), pre.removedRows(), pre.tightenedBounds());
        MipResult on = new MipSolver().solve(model, ON);
        MipResult off = new MipSolver().solve(model, OFF);
        assertEquals(MipStatus.OPTIMAL, on.status(), name);
        assertEquals(off.objective(), on.objective(), 1e-6 * Math.max(1, Math.abs(off.objective())), name);
        assertTrue(model.check(on.incumbent().orElseThrow()).feasible(), name);
    }

    /** A random instance with presolve food: fixed columns, singleton rows, empty rows, empty columns. */
    static RandomMipTest.Generated withReductions(Random r) {
        RandomMipTest.Generated g = switch (r.nextInt(3)) {
            case 0 -> RandomMipTest.generalInteger(r, r.nextBoolean());
            case 1 -> RandomMipTest.knapsack(r);
            default -> RandomMipTest.setCover(r);
        };
        LpProblem p = g.instance().relaxation();
        boolean[] integer = g.instance().integerCopy();
        int n = p.numColumns();
        for (int t = 0; t < 2; t++) {
            int j = r.nextInt(n);
            double lo = p.columnLower(j);
            double up = p.columnUpper(j);
            switch (r.nextInt(4)) {
                case 0 -> p.setColumnBounds(j, lo, lo); // fixed column
                case 1 -> p.addRow("single" + t, new int[] {j}, new double[] {1 + r.nextInt(3)},
                        Double.NEGATIVE_INFINITY, Math.floor((lo + up) / 2) * (1 + r.nextInt(3)) + r.nextInt(2));
                case 2 -> p.addRow("single-ge" + t, new int[] {j}, new double[] {-2}, -2 * up + r.nextInt(3),
                        Double.POSITIVE_INFINITY);
                default -> p.addRow("empty" + t, new int[0], new double[0], r.nextInt(3) - 1, 1);
            }
        }
        int extra = p.addColumn("free-extra", r.nextInt(5) - 2, 0, 3);
        boolean[] integer2 = java.util.Arrays.copyOf(integer, extra + 1);
        integer2[extra] = r.nextBoolean();
        if (r.nextInt(4) == 0) p.setSense(p.sense() == Sense.MINIMIZE ? Sense.MAXIMIZE : Sense.MINIMIZE);
        return new RandomMipTest.Generated(MipInstance.of(p, integer2), g.kind() + "+presolve");
    }

    @Test
    void randomInstancesSameWithAndWithoutPresolve() {
        Random r = new Random(314);
        int infeasible = 0, reduced = 0;
        for (int t = 0; t < 300; t++) {
            RandomMipTest.Generated g = withReductions(r);
            MipResult on = new MipSolver().solve(g.instance(), ON);
            MipResult off = new MipSolver().solve(g.instance(), OFF);
            String label = g.kind() + " #" + t;
            assertEquals(off.status(), on.status(), label);
            if (on.status() == MipStatus.OPTIMAL) {
                assertEquals(off.objective(), on.objective(), 1e-6 * Math.max(1, Math.abs(off.objective())), label);
                assertNull(new MipData(g.instance()).violation(on.incumbent().orElseThrow(), 1e-6, 1e-6), label);
            } else {
                infeasible++;
            }
            Presolve.Result pre = Presolve.run(g.instance());
            if (pre.infeasible() || pre.removedColumns() + pre.removedRows() > 0) reduced++;
        }
        assertTrue(infeasible > 0, "some instances should be infeasible");
        assertTrue(reduced > 150, "presolve should reduce most of these instances: " + reduced);
    }

    @Test
    void reductionsKeepEveryFeasiblePoint() {
        Random r = new Random(8);
        int checked = 0;
        for (int t = 0; t < 200; t++) {
            RandomMipTest.Generated g = withReductions(r);
            MipInstance inst = g.instance();
            boolean pure = true;
            for (int j = 0; j < inst.numColumns(); j++) pure &= inst.isInteger(j);
            if (!pure || inst.numColumns() > 9) continue;
            java.util.List<double[]> pts = CutsAndPropagationTest.feasiblePoints(inst);
            Presolve.Result pre = Presolve.run(inst);
            if (pre.infeasible()) {
                assertTrue(pts.isEmpty(), "#" + t + ": presolve claims infeasible but " + pts.size() + " points exist");
                continue;
            }
            // Every feasible point projects into the reduced bounds and agrees with the fixed values.
            LpProblem q = pre.reduced().relaxation();
            int[] kept = pre.postsolve().keptColumns();
            for (double[] x : pts) {
                double[] y = new double[kept.length];
                for (int k = 0; k < kept.length; k++) {
                    y[k] = x[kept[k]];
                    assertTrue(y[k] >= q.columnLower(k) - 1e-9 && y[k] <= q.columnUpper(k) + 1e-9, "#" + t);
                }
                double[] back = pre.postsolve().expand(y);
                assertNull(new MipData(inst).violation(back, 1e-9, 1e-9), "#" + t);
                double[] ay = q.rowActivities(y);
                for (int i = 0; i < ay.length; i++) {
                    assertTrue(ay[i] >= q.rowLower(i) - 1e-9 && ay[i] <= q.rowUpper(i) + 1e-9, "#" + t + " row " + i);
                }
                checked++;
            }
        }
        assertTrue(checked > 100, "too few points checked: " + checked);
    }
}
