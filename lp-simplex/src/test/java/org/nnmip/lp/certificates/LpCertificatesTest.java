package org.nnmip.lp.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpCertificates;
import org.nnmip.lp.LpCertificates.CheckReport;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;
import org.nnmip.lp.testing.GlopReference;
import org.nnmip.lp.testing.RandomLpGenerator;
import org.nnmip.lp.testing.RandomLpGenerator.Instance;

/**
 * The certificate checker against GLOP on seeded random LPs (both senses, all bound kinds) and on hand-made
 * LPs: it must accept GLOP's optimal answers and true rays, and reject perturbed points, wrong-sign duals and
 * bogus rays.
 */
class LpCertificatesTest {
    private static final double TOL = 1e-6;
    private static final int INSTANCES = 120;
    private static final double INF = Double.POSITIVE_INFINITY;

    @BeforeAll
    static void loadOrTools() {
        GlopReference.ensureLoaded();
    }

    // ---- optimality -------------------------------------------------------------------------------------------

    @Test
    void acceptsGlopOptimaAndRejectsTheirPerturbations() {
        int maximisations = 0;
        int signFlipsTested = 0;
        int complementarityBreaksTested = 0;
        for (int seed = 0; seed < INSTANCES; seed++) {
            Instance inst = new RandomLpGenerator(seed).feasibleBounded();
            LpProblem p = inst.problem();
            assertTrue(LpCertificates.checkPrimal(p, inst.feasiblePoint(), TOL).ok(), "x0 of seed " + seed);
            GlopReference.Solution glop = GlopReference.solve(p);
            assertEquals(LpStatus.OPTIMAL, glop.status(), "seed " + seed);
            LpResult result = glop.toLpResult();
            CheckReport report = LpCertificates.checkOptimality(p, result, TOL);
            assertTrue(report.ok(), "seed " + seed + ": " + report);
            if (p.sense() == Sense.MAXIMIZE) maximisations++;

            // A wrong reported objective.
            assertFalse(LpCertificates.checkOptimality(p, withObjective(result, result.objective() + 0.5 + 1e-3
                    * Math.abs(result.objective())), TOL).ok(), "objective shift, seed " + seed);

            // A column pushed outside its box.
            for (int j = 0; j < p.numColumns(); j++) {
                if (Double.isFinite(p.columnLower(j))) {
                    double[] x = result.columnValues().clone();
                    x[j] = p.columnLower(j) - 0.01 * Math.max(1, Math.abs(p.columnLower(j)));
                    CheckReport r = LpCertificates.checkPrimal(p, x, TOL);
                    assertFalse(r.ok(), "seed " + seed);
                    assertTrue(r.firstProblem().contains("column " + p.columnName(j)), r.firstProblem());
                    assertEquals(j, LpCertificates.primalViolations(p, x).worstColumn());
                    break;
                }
            }

            // A nonbasic column with a clearly nonzero reduced cost moved off its bound inside its box: either a
            // row becomes infeasible or complementary slackness breaks.
            double s = p.sense().sign();
            for (int j = 0; j < p.numColumns(); j++) {
                double sd = s * result.reducedCosts()[j];
                double lo = p.columnLower(j);
                double up = p.columnUpper(j);
                if (sd > 1e-3 && up - lo > 0.5) {
                    double[] x = result.columnValues().clone();
                    x[j] = lo + 0.25 * Math.min(up - lo, 2);
                    assertFalse(LpCertificates.checkOptimality(p, withX(p, result, x), TOL).ok(), "seed " + seed);
                    complementarityBreaksTested++;
                    break;
                }
            }

            // One row dual of a clearly active, non-equality row flipped, d recomputed so that c = A'y + d holds.
            for (int i = 0; i < p.numRows(); i++) {
                double yi = result.rowDuals()[i];
                double width = (p.rowUpper(i) - p.rowLower(i)) / Math.max(1, Math.abs(p.rowUpper(i)));
                if (Math.abs(yi) > 1e-3 && width > 1e-3) {
                    double[] y = result.rowDuals().clone();
                    y[i] = -yi;
                    CheckReport r = LpCertificates.checkOptimality(p, withDuals(p, result, y), TOL);
                    assertFalse(r.ok(), "seed " + seed);
                    signFlipsTested++;
                    break;
                }
            }
        }
        assertTrue(maximisations > INSTANCES / 4, "maximisations: " + maximisations);
        assertTrue(signFlipsTested > INSTANCES / 4, "sign flips tested: " + signFlipsTested);
        assertTrue(complementarityBreaksTested > INSTANCES / 10, "breaks tested: " + complementarityBreaksTested);
    }

    @Test
    void namesTheRowWithAWrongSignDual() {
        // min x s.t. x >= 1 (row "floor"), x in [0, 10]: optimum x = 1, y = 1, d = 0.
        LpProblem p = new LpProblem();
        p.addColumn("x", 1, 0, 10);
        p.addRow("floor", new int[] {0}, new double[] {1}, 1, INF);
        LpResult good = result(p, LpStatus.OPTIMAL, 1, new double[] {1}, new double[] {1}, new double[] {0});
        assertTrue(LpCertificates.checkOptimality(p, good, TOL).ok());
        // y = -1, d = 2 keeps c = A'y + d but both signs are wrong for a minimisation.
        LpResult bad = result(p, LpStatus.OPTIMAL, 1, new double[] {1}, new double[] {-1}, new double[] {2});
        CheckReport r = LpCertificates.checkOptimality(p, bad, TOL);
        assertFalse(r.ok());
        assertTrue(r.firstProblem().contains("column x") || r.firstProblem().contains("row floor"), r.firstProblem());
        // For max x the optimum is x = 10 with d = 1 at the upper bound.
        p.setSense(Sense.MAXIMIZE);
        LpResult max = result(p, LpStatus.OPTIMAL, 10, new double[] {10}, new double[] {0}, new double[] {1});
        assertTrue(LpCertificates.checkOptimality(p, max, TOL).ok(), LpCertificates.checkOptimality(p, max, TOL)
                .toString());
        LpResult maxWrong = result(p, LpStatus.OPTIMAL, 1, new double[] {1}, new double[] {1}, new double[] {0});
        CheckReport rw = LpCertificates.checkOptimality(p, maxWrong, TOL);
        assertFalse(rw.ok(), "y = 1 at the lower side of a row is wrong for a maximisation");
        assertTrue(rw.firstProblem().contains("row floor"), rw.firstProblem());
    }

    @Test
    void reportsColumnAndRowViolationsSeparately() {
        // x in [0, 2], y in [-1, 1]; row "sum": x + y <= 1; row "diff": x - y >= -100 (loose).
        LpProblem p = new LpProblem();
        p.addColumn("x", 0, 0, 2);
        p.addColumn("y", 0, -1, 1);
        p.addRow("sum", new int[] {0, 1}, new double[] {1, 1}, -INF, 1);
        p.addRow("diff", new int[] {0, 1}, new double[] {1, -1}, -100, INF);
        LpCertificates.PrimalViolations v = LpCertificates.primalViolations(p, new double[] {2.5, 1});
        assertEquals(0, v.worstColumn());
        assertEquals(0.5, v.maxColumnAbsolute(), 1e-15);
        assertEquals(0.25, v.maxColumnRelative(), 1e-15); // relative to the bound 2
        assertEquals(0, v.worstRow());
        assertEquals(2.5, v.maxRowAbsolute(), 1e-15);
        CheckReport r = LpCertificates.checkPrimal(p, new double[] {1, -0.5}, TOL);
        assertTrue(r.ok(), r.toString());
        assertEquals(0.0, r.maxViolation());
        CheckReport rowOnly = LpCertificates.checkPrimal(p, new double[] {1, 1}, TOL);
        assertFalse(rowOnly.ok());
        assertTrue(rowOnly.firstProblem().contains("row sum"), rowOnly.firstProblem());
        assertEquals(1.0, rowOnly.maxAbsoluteViolation(), 1e-15);
        LpCertificates.PrimalViolations none = LpCertificates.primalViolations(p, new double[] {1, -0.5});
        assertEquals(-1, none.worstColumn());
        assertEquals(-1, none.worstRow());
        assertFalse(LpCertificates.checkPrimal(p, new double[] {Double.NaN, 0}, TOL).ok());
        assertEquals(Double.POSITIVE_INFINITY,
                LpCertificates.primalViolations(p, new double[] {Double.NaN, 0}).maxColumnRelative());
    }

    @Test
    void rejectsANonOptimalStatusAndMisfitArrays() {
        LpProblem p = new LpProblem();
        p.addColumn("x", 1, 0, 1);
        LpResult r = result(p, LpStatus.ITERATION_LIMIT, 0, new double[] {0}, new double[0], new double[] {1});
        assertFalse(LpCertificates.checkOptimality(p, r, TOL).ok());
        assertThrows(IllegalArgumentException.class, () -> LpCertificates.checkPrimal(p, new double[2], TOL));
        assertThrows(IllegalArgumentException.class, () -> LpCertificates.checkFarkas(p, new double[1], TOL));
    }

    // ---- infeasibility ----------------------------------------------------------------------------------------

    @Test
    void acceptsConstructedFarkasRaysAndRejectsBogusOnes() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int seed = 0; seed < INSTANCES; seed++) {
            Instance inst = new RandomLpGenerator(1000 + seed).infeasible();
            LpProblem p = inst.problem();
            assertEquals(LpStatus.INFEASIBLE, GlopReference.solve(p).status(), "seed " + seed);
            double[] y = inst.farkasRay().orElseThrow();
            CheckReport ok = LpCertificates.checkFarkas(p, y, TOL);
            assertTrue(ok.ok(), "seed " + seed + ": " + ok);
            double[] scaled = y.clone();
            for (int i = 0; i < scaled.length; i++) scaled[i] *= 1e5;
            assertTrue(LpCertificates.checkFarkas(p, scaled, TOL).ok(), "scaled ray, seed " + seed);

            double[] negated = y.clone();
            for (int i = 0; i < negated.length; i++) negated[i] = -negated[i];
            assertFalse(LpCertificates.checkFarkas(p, negated, TOL).ok(), "negated ray, seed " + seed);
            assertFalse(LpCertificates.checkFarkas(p, new double[y.length], TOL).ok(), "zero ray");
        }
        // No multipliers at all can certify a feasible LP.
        for (int seed = 0; seed < INSTANCES; seed++) {
            LpProblem p = new RandomLpGenerator(2000 + seed).feasibleBounded().problem();
            if (p.numRows() == 0) continue;
            for (int t = 0; t < 5; t++) {
                double[] y = new double[p.numRows()];
                for (int i = 0; i < y.length; i++) y[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(-1, 1);
                assertFalse(LpCertificates.checkFarkas(p, y, TOL).ok(), "feasible LP, seed " + seed);
            }
        }
    }

    @Test
    void acceptsHandMadeFarkasRays() {
        // x in [0,1], x >= 2.
        LpProblem p1 = new LpProblem();
        p1.addColumn("x", 0, 0, 1);
        p1.addRow("r", new int[] {0}, new double[] {1}, 2, INF);
        assertFarkas(p1, new double[] {1}, true);
        assertFarkas(p1, new double[] {-1}, false);

        // Free x, y with x + y <= 1 and x + y >= 3.
        LpProblem p2 = new LpProblem();
        p2.addColumn("x", 0, -INF, INF);
        p2.addColumn("y", 0, -INF, INF);
        p2.addRow("le", new int[] {0, 1}, new double[] {1, 1}, -INF, 1);
        p2.addRow("ge", new int[] {0, 1}, new double[] {1, 1}, 3, INF);
        assertFarkas(p2, new double[] {-1, 1}, true);
        assertFarkas(p2, new double[] {-1, 0.5}, false); // z != 0 on free columns
        assertFarkas(p2, new double[] {1, -1}, false);

        // Equalities x1 + x2 = 1 and 2 x1 + 2 x2 = 3.
        LpProblem p3 = new LpProblem();
        p3.addColumn("x1", 0, -INF, INF);
        p3.addColumn("x2", 0, 0, INF);
        p3.addRow("e1", new int[] {0, 1}, new double[] {1, 1}, 1, 1);
        p3.addRow("e2", new int[] {0, 1}, new double[] {2, 2}, 3, 3);
        assertFarkas(p3, new double[] {-2, 1}, true);
        assertFarkas(p3, new double[] {2, -1}, false); // the opposite combination proves nothing
        assertFarkas(p3, new double[] {-1, 1}, false);

        // x, y >= 0 with x + y <= -1: z = (-1, -1) needs only the finite lower bounds.
        LpProblem p4 = new LpProblem();
        p4.addColumn("x", 1, 0, INF);
        p4.addColumn("y", 1, 0, INF);
        p4.addRow("neg", new int[] {0, 1}, new double[] {1, 1}, -INF, -1);
        assertFarkas(p4, new double[] {-1}, true);
        CheckReport bad = LpCertificates.checkFarkas(p4, new double[] {1}, TOL);
        assertFalse(bad.ok());
        assertTrue(bad.firstProblem().contains("column x"), bad.firstProblem());
    }

    // ---- unboundedness ----------------------------------------------------------------------------------------

    @Test
    void acceptsConstructedPrimalRaysAndRejectsBogusOnes() {
        for (int seed = 0; seed < INSTANCES; seed++) {
            Instance inst = new RandomLpGenerator(3000 + seed).unbounded();
            LpProblem p = inst.problem();
            assertTrue(LpCertificates.checkPrimal(p, inst.feasiblePoint(), TOL).ok(), "x0 of seed " + seed);
            LpStatus glop = GlopReference.solve(p).status();
            assertEquals(LpStatus.UNBOUNDED, glop, "seed " + seed);
            double[] r = inst.primalRay().orElseThrow();
            CheckReport ok = LpCertificates.checkPrimalRay(p, r, TOL);
            assertTrue(ok.ok(), "seed " + seed + ": " + ok);
            double[] negated = r.clone();
            for (int j = 0; j < r.length; j++) negated[j] = -negated[j];
            assertFalse(LpCertificates.checkPrimalRay(p, negated, TOL).ok(), "negated, seed " + seed);
            assertFalse(LpCertificates.checkPrimalRay(p, new double[r.length], TOL).ok(), "zero ray");
        }
    }

    @Test
    void acceptsHandMadePrimalRays() {
        // min -x s.t. x - y <= 1, x, y >= 0.
        LpProblem p = new LpProblem();
        p.addColumn("x", -1, 0, INF);
        p.addColumn("y", 0, 0, INF);
        p.addRow("cap", new int[] {0, 1}, new double[] {1, -1}, -INF, 1);
        assertTrue(LpCertificates.checkPrimalRay(p, new double[] {1, 1}, TOL).ok());
        CheckReport r = LpCertificates.checkPrimalRay(p, new double[] {1, 0}, TOL);
        assertFalse(r.ok());
        assertTrue(r.firstProblem().contains("row cap"), r.firstProblem());
        assertFalse(LpCertificates.checkPrimalRay(p, new double[] {0, 1}, TOL).ok(), "no improvement");
        p.setSense(Sense.MAXIMIZE);
        assertFalse(LpCertificates.checkPrimalRay(p, new double[] {1, 1}, TOL).ok(), "worsens a maximisation");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void assertFarkas(LpProblem p, double[] y, boolean valid) {
        if (valid) assertEquals(LpStatus.INFEASIBLE, GlopReference.solve(p).status());
        CheckReport r = LpCertificates.checkFarkas(p, y, TOL);
        assertEquals(valid, r.ok(), r.toString());
        if (!valid) assertFalse(r.firstProblem().isEmpty());
    }

    /** A result whose row activities are A x, as a solver would report them. */
    private static LpResult result(LpProblem p, LpStatus status, double objective, double[] x, double[] y,
                                   double[] d) {
        return new LpResult(status, objective, x, p.rowActivities(x), y, d, null, Optional.empty(),
                Optional.empty(), 0, 0);
    }

    private static LpResult withObjective(LpResult r, double objective) {
        return new LpResult(r.status(), objective, r.columnValues(), r.rowActivities(), r.rowDuals(),
                r.reducedCosts(), r.basis(), r.farkasRay(), r.primalRay(), r.iterations(), r.timeSeconds());
    }

    /** Another point, with consistent activities and objective so only feasibility/optimality can fail. */
    private static LpResult withX(LpProblem p, LpResult r, double[] x) {
        return new LpResult(r.status(), p.objectiveValue(x), x, p.rowActivities(x), r.rowDuals(),
                r.reducedCosts(), r.basis(), r.farkasRay(), r.primalRay(), r.iterations(), r.timeSeconds());
    }

    /** Other duals, with the reduced costs recomputed as d = c - A'y. */
    private static LpResult withDuals(LpProblem p, LpResult r, double[] y) {
        double[] d = p.objectiveCopy();
        for (int i = 0; i < p.numRows(); i++) {
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) d[idx[k]] -= val[k] * y[i];
        }
        return new LpResult(r.status(), r.objective(), r.columnValues(), r.rowActivities(), y, d, r.basis(),
                r.farkasRay(), r.primalRay(), r.iterations(), r.timeSeconds());
    }
}
