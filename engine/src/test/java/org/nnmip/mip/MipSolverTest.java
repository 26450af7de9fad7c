package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nnmip.io.ModelFiles;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

/** Hand-made MIPs with known optima, limits, verification mode, determinism and the extension points. */
class MipSolverTest {
    static final MipParameters ONE = MipParameters.defaults().withThreads(1).withRelativeGap(0);

    /** max 10a + 13b + 7c + 8d, 5a + 7b + 4c + 3d <= 14, binary: optimum 28 (b, c, d). */
    static MipInstance knapsack() {
        LpProblem p = new LpProblem();
        p.setSense(Sense.MAXIMIZE);
        double[] v = {10, 13, 7, 8};
        double[] w = {5, 7, 4, 3};
        for (int j = 0; j < 4; j++) p.addColumn("x" + j, v[j], 0, 1);
        p.addRow("cap", new int[] {0, 1, 2, 3}, w, Double.NEGATIVE_INFINITY, 14);
        return MipInstance.of(p, new boolean[] {true, true, true, true});
    }

    @Test
    void smallKnapsack() {
        MipResult r = new MipSolver().solve(knapsack(), ONE);
        assertEquals(MipStatus.OPTIMAL, r.status());
        assertEquals(28, r.objective(), 1e-9);
        assertEquals(28, r.bestBound(), 1e-6);
        assertEquals(0, r.gap(), 1e-9);
        double[] x = r.incumbent().orElseThrow();
        assertEquals(0, x[0], 1e-9);
        assertEquals(1, x[1], 1e-9);
    }

    @Test
    void setCoverPrefersTheBigSet() {
        // Elements 1..3; sets {1,2},{2,3},{1,3} cost 3 each, {1,2,3} cost 5: optimum 5.
        LpProblem p = new LpProblem();
        for (int j = 0; j < 3; j++) p.addColumn("s" + j, 3, 0, 1);
        p.addColumn("all", 5, 0, 1);
        p.addRow("e1", new int[] {0, 2, 3}, new double[] {1, 1, 1}, 1, Double.POSITIVE_INFINITY);
        p.addRow("e2", new int[] {0, 1, 3}, new double[] {1, 1, 1}, 1, Double.POSITIVE_INFINITY);
        p.addRow("e3", new int[] {1, 2, 3}, new double[] {1, 1, 1}, 1, Double.POSITIVE_INFINITY);
        MipResult r = new MipSolver().solve(MipInstance.of(p, new boolean[] {true, true, true, true}), ONE);
        assertEquals(MipStatus.OPTIMAL, r.status());
        assertEquals(5, r.objective(), 1e-9);
    }

    @Test
    void generalIntegerWithFractionalLpOptimum() {
        // max 5x + 4y, 6x + 4y <= 24, x + 2y <= 6: LP optimum 21 at (3, 1.5); integer optimum 20 at (4, 0).
        Model m = new Model("gi");
        Variable x = m.integer("x", 0, 10);
        Variable y = m.integer("y", 0, 10);
        m.le("c1", LinearExpr.builder().add(6, x).add(4, y).build(), 24);
        m.le("c2", LinearExpr.builder().add(1, x).add(2, y).build(), 6);
        m.setObjective(LinearExpr.builder().add(5, x).add(4, y).build(), ObjectiveSense.MAXIMIZE);
        MipResult r = new MipSolver().solve(m, ONE);
        assertEquals(MipStatus.OPTIMAL, r.status());
        assertEquals(20, r.objective(), 1e-9);
        assertTrue(m.check(r.incumbent().orElseThrow()).feasible());
        assertTrue(r.bestBound() >= r.objective() - 1e-9, "maximising: bound above the incumbent");
    }

    @Test
    void equalityConstrained() {
        // 3x + 5y = 22, x, y >= 0 integer, min x + y: only (4, 2) -> 6; plus a continuous slack-like column.
        LpProblem p = new LpProblem();
        p.addColumn("x", 1, 0, 100);
        p.addColumn("y", 1, 0, 100);
        p.addColumn("z", 0.5, 0, 10);
        p.addRow("eq", new int[] {0, 1}, new double[] {3, 5}, 22, 22);
        p.addRow("zz", new int[] {0, 2}, new double[] {1, 1}, 5.5, Double.POSITIVE_INFINITY);
        MipResult r = new MipSolver().solve(MipInstance.of(p, new boolean[] {true, true, false}), ONE);
        assertEquals(MipStatus.OPTIMAL, r.status());
        assertEquals(6 + 0.75, r.objective(), 1e-7);
    }

    @Test
    void infeasibleWithFeasibleRelaxation() {
        LpProblem p = new LpProblem();
        p.addColumn("x", 1, 0, 1);
        p.addColumn("y", 1, 0, 1);
        p.addRow("half", new int[] {0, 1}, new double[] {2, 2}, 3, 3);
        MipResult r = new MipSolver().solve(MipInstance.of(p, new boolean[] {true, true}), ONE);
        assertEquals(MipStatus.INFEASIBLE, r.status());
        assertTrue(r.incumbent().isEmpty());
        assertTrue(Double.isNaN(r.objective()));
        assertEquals(Double.POSITIVE_INFINITY, r.bestBound());
        assertEquals(Double.POSITIVE_INFINITY, r.gap());
    }

    @Test
    void unbounded() {
        LpProblem p = new LpProblem();
        p.addColumn("x", -1, 0, Double.POSITIVE_INFINITY);
        p.addColumn("y", 0, 0, Double.POSITIVE_INFINITY);
        p.addRow("r", new int[] {0, 1}, new double[] {1, -1}, Double.NEGATIVE_INFINITY, 0.5);
        MipResult r = new MipSolver().solve(MipInstance.of(p, new boolean[] {true, false}), ONE);
        assertEquals(MipStatus.UNBOUNDED, r.status());
    }

    @Test
    void statusNamesForJson() {
        assertEquals("threshold_reached", MipStatus.THRESHOLD_REACHED.jsonName());
        assertEquals("time_limit", MipStatus.TIME_LIMIT.jsonName());
    }

    @Test
    void parametersValidate() {
        assertThrows(IllegalArgumentException.class, () -> MipParameters.defaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> MipParameters.defaults().withRelativeGap(-1));
        MipParameters p = MipParameters.defaults();
        assertEquals(1e-4, p.relativeGap());
        assertEquals(1e-6, p.absoluteGap());
        assertEquals(BranchingRule.PSEUDOCOST_RELIABILITY, p.branching());
        assertEquals(NodeSelection.BEST_BOUND_PLUNGING, p.nodeSelection());
        assertFalse(p.hasObjectiveThreshold());
    }

    static Model stein27() throws Exception {
        return ModelFiles.read(Path.of(System.getProperty("nnmip.testdata", "testdata"), "mip", "stein27.mps"));
    }

    @Test
    void nodeLimitReturnsIncumbentAndValidBound() throws Exception {
        MipResult r = new MipSolver().solve(stein27(), ONE.withNodeLimit(30));
        assertEquals(MipStatus.NODE_LIMIT, r.status());
        assertTrue(r.nodes() <= 31);
        assertTrue(r.incumbent().isPresent());
        assertTrue(r.bestBound() <= 18 + 1e-9 && 18 <= r.objective() + 1e-9, r.toString());
        assertTrue(r.gap() > 0);
    }

    @Test
    void timeLimitAndInterruptReturnIncumbentAndValidBound() throws Exception {
        MipResult t = new MipSolver().solve(stein27(), ONE.withTimeLimitSeconds(0.3));
        assertEquals(MipStatus.TIME_LIMIT, t.status());
        assertTrue(t.bestBound() <= 18 + 1e-9);
        assertTrue(t.timeSeconds() < 3, "stops soon after the limit");
        t.incumbent().ifPresent(x -> assertTrue(t.objective() >= 18 - 1e-9));

        MipSolver solver = new MipSolver();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            solver.interrupt();
        });
        stopper.start();
        MipResult r = solver.solve(stein27(), ONE.withThreads(2));
        stopper.join();
        assertEquals(MipStatus.INTERRUPTED, r.status());
        assertTrue(r.bestBound() <= 18 + 1e-9);
        r.incumbent().ifPresent(x -> assertTrue(r.objective() >= 18 - 1e-9));
    }

    @Test
    void verificationModeStopsOnTheBoundOrOnASolution() throws Exception {
        // stein27: optimum 18, root bound 13.
        MipResult above = new MipSolver().solve(stein27(), ONE.withObjectiveThreshold(10));
        assertEquals(MipStatus.THRESHOLD_REACHED, above.status());
        assertTrue(above.bestBound() > 10 && above.bestBound() <= 18 + 1e-9, above.toString());
        assertTrue(above.nodes() <= 1);

        MipResult below = new MipSolver().solve(stein27(), ONE.withObjectiveThreshold(25));
        assertEquals(MipStatus.SOLUTION_LIMIT, below.status());
        assertTrue(below.objective() < 25);

        // A threshold the search must branch to prove (opt 18 > 15.5 > root bound 13).
        MipResult branch = new MipSolver().solve(stein27(), ONE.withObjectiveThreshold(15.5)
                .withHeuristicFrequency(0));
        assertTrue(branch.status() == MipStatus.THRESHOLD_REACHED || branch.status() == MipStatus.SOLUTION_LIMIT);
        if (branch.status() == MipStatus.THRESHOLD_REACHED) assertTrue(branch.bestBound() > 15.5);
    }

    @Test
    void stopAtFirstFeasible() throws Exception {
        MipResult r = new MipSolver().solve(stein27(), ONE.withStopAtFirstFeasible(true));
        assertEquals(MipStatus.SOLUTION_LIMIT, r.status());
        assertTrue(r.incumbent().isPresent());
    }

    static MipInstance hardKnapsack(long seed) {
        Random r = new Random(seed);
        int n = 35;
        LpProblem p = new LpProblem();
        p.setSense(Sense.MAXIMIZE);
        for (int j = 0; j < n; j++) p.addColumn("x" + j, 20 + r.nextInt(80), 0, 1);
        for (int i = 0; i < 3; i++) {
            int[] idx = new int[n];
            double[] val = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                val[j] = 20 + r.nextInt(80);
                sum += val[j];
            }
            p.addRow("c" + i, idx, val, Double.NEGATIVE_INFINITY, Math.floor(sum / 2));
        }
        return MipInstance.of(p, RandomMipTest.all(n, true));
    }

    @Test
    void deterministicModeRepeatsNodeCountsWithAnyThreadCount() {
        MipInstance inst = hardKnapsack(3);
        MipParameters p = MipParameters.defaults().withDeterministic(true).withRelativeGap(0).withSeed(11);
        MipResult a = new MipSolver().solve(inst, p.withThreads(1));
        MipResult b = new MipSolver().solve(inst, p.withThreads(2));
        MipResult c = new MipSolver().solve(inst, p.withThreads(2));
        MipResult free = new MipSolver().solve(inst, MipParameters.defaults().withThreads(1).withRelativeGap(0));
        assertEquals(MipStatus.OPTIMAL, a.status());
        assertTrue(a.nodes() > 10, "the instance should need a real tree: " + a.nodes());
        assertEquals(free.objective(), a.objective(), 1e-9);
        assertEquals(a.nodes(), b.nodes());
        assertEquals(a.nodes(), c.nodes());
        assertEquals(a.lpIterations(), b.lpIterations());
        assertEquals(a.objective(), b.objective(), 0);
    }

    @Test
    void nodeSelectionAndBranchingVariantsAgree() {
        MipInstance inst = hardKnapsack(5);
        double opt = new MipSolver().solve(inst, ONE).objective();
        for (NodeSelection ns : NodeSelection.values()) {
            for (BranchingRule br : BranchingRule.values()) {
                MipResult r = new MipSolver().solve(inst, ONE.withNodeSelection(ns).withBranching(br));
                assertEquals(MipStatus.OPTIMAL, r.status(), ns + "/" + br);
                assertEquals(opt, r.objective(), 1e-9, ns + "/" + br);
            }
        }
    }

    @Test
    void mipStartFullAndIntegerOnly() {
        MipResult full = new MipSolver().solve(MipInstance.of(knapsack().relaxation(),
                new boolean[] {true, true, true, true}, null, new double[] {0, 1, 1, 1}, Double.NaN), ONE);
        assertEquals(28, full.objective(), 1e-9);
        assertEquals(1L, full.statistics().heuristicSuccesses().get("mip-start"));

        // Integers given, continuous part completed by the LP.
        LpProblem p = new LpProblem();
        p.addColumn("x", 1, 0, 10);
        p.addColumn("z", 1, 0, 10);
        p.addRow("r", new int[] {0, 1}, new double[] {1, 1}, 3.5, Double.POSITIVE_INFINITY);
        MipResult partial = new MipSolver().solve(MipInstance.of(p, new boolean[] {true, false}, null,
                new double[] {3, Double.NaN}, Double.NaN), ONE.withHeuristicFrequency(0));
        assertEquals(3.5, partial.objective(), 1e-9);
        assertTrue(partial.statistics().heuristicSuccesses().containsKey("mip-start"),
                partial.statistics().toString());
    }

    @Test
    void instanceCutoffExcludesWorsePoints() {
        // Knapsack optimum 28; only points better than 30 wanted: none.
        MipInstance inst = MipInstance.of(knapsack().relaxation(), new boolean[] {true, true, true, true}, null,
                null, 30);
        assertEquals(MipStatus.INFEASIBLE, new MipSolver().solve(inst, ONE).status());
        MipInstance ok = MipInstance.of(knapsack().relaxation(), new boolean[] {true, true, true, true}, null,
                null, 26);
        assertEquals(28, new MipSolver().solve(ok, ONE).objective(), 1e-9);
    }

    @Test
    void userHeuristicSubmissionsAreChecked() {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean rejected = new AtomicBoolean();
        PrimalHeuristic h = new PrimalHeuristic() {
            @Override public String name() {
                return "oracle";
            }

            @Override public void run(HeuristicContext ctx) {
                calls.incrementAndGet();
                assertEquals(4, ctx.lpSolution().length);
                rejected.set(!ctx.submit(new double[] {1, 1, 1, 1})); // weight 19 > 14
                assertTrue(ctx.submit(new double[] {0, 1, 1, 1}));
                double[] lo = ctx.localLower();
                double[] up = ctx.localUpper();
                lo[0] = 1;
                up[0] = 1;
                assertTrue(ctx.solveLp(lo, up, 1000).isPresent());
            }
        };
        MipResult r = new MipSolver().addHeuristic(h).solve(knapsack(), ONE.withCuts(false));
        assertTrue(calls.get() >= 1);
        assertTrue(rejected.get(), "an infeasible point must be rejected");
        assertEquals(28, r.objective(), 1e-9);
        assertTrue(r.statistics().heuristicSuccesses().containsKey("oracle"), r.statistics().toString());
    }

    @Test
    void userPropagatorAndSeparatorAreApplied() {
        // Forbidding item 1 changes the optimum to 25 (items 0, 2, 3).
        BoundPropagator noItem1 = new BoundPropagator() {
            @Override public String name() {
                return "no-item-1";
            }

            @Override public boolean propagate(MipInstance instance, double[] lower, double[] upper) {
                upper[1] = 0;
                lower[2] = -5; // loosening is ignored
                return true;
            }
        };
        AtomicInteger sepCalls = new AtomicInteger();
        CutSeparator sep = new CutSeparator() {
            @Override public String name() {
                return "test";
            }

            @Override public List<Cut> separate(MipInstance instance, double[] x, double[] lo, double[] up) {
                sepCalls.incrementAndGet();
                List<Cut> cuts = new ArrayList<>();
                // Valid: at most 3 items fit (any 4 weigh 19 > 14).
                cuts.add(new Cut(new int[] {0, 1, 2, 3}, new double[] {1, 1, 1, 1}, Double.NEGATIVE_INFINITY, 3));
                return cuts;
            }
        };
        MipResult r = new MipSolver().addPropagator(noItem1).addSeparator(sep).solve(knapsack(), ONE);
        assertEquals(25, r.objective(), 1e-9);
        assertEquals(0, r.incumbent().orElseThrow()[1], 1e-9);
        assertTrue(sepCalls.get() >= 1);
    }

    @Test
    void highsStyleLog() throws Exception {
        List<String> lines = new ArrayList<>();
        Model p0033 = ModelFiles.read(Path.of(System.getProperty("nnmip.testdata", "testdata"), "mip", "p0033.mps"));
        MipResult r = new MipSolver().setLogListener(new HighsStyleNodeLog(lines::add))
                .solve(p0033, ONE.withLogIntervalSeconds(0.01));
        assertEquals(MipStatus.OPTIMAL, r.status());
        assertEquals(HighsStyleNodeLog.HEADER, lines.get(0));
        assertTrue(lines.size() >= 3, lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  H") || l.startsWith("  B")), lines.toString());
        for (int i = 0; i < lines.size(); i += 21) assertEquals(HighsStyleNodeLog.HEADER, lines.get(i));
        String line = HighsStyleNodeLog.format(new NodeLogEvent('H', 12, 3, 18, 13, 5.0 / 18, 345, 1.5));
        assertTrue(line.contains("27.78%") && line.startsWith("  H") && line.contains("345"), line);
    }

    @Test
    void userPrioritiesDecideTheFirstBranching() {
        // max a + 1.5b with 2a <= 1, 2b <= 1 (a, b integer in [0, 1]): both are 1/2 at the root. With b's priority
        // higher, the depth-1 nodes must have b's domain split and a's untouched.
        for (int prioritised = 0; prioritised < 2; prioritised++) {
            LpProblem p = new LpProblem();
            p.setSense(Sense.MAXIMIZE);
            p.addColumn("a", 1, 0, 1);
            p.addColumn("b", 1.5, 0, 1);
            p.addRow("ra", new int[] {0}, new double[] {2}, Double.NEGATIVE_INFINITY, 1);
            p.addRow("rb", new int[] {1}, new double[] {2}, Double.NEGATIVE_INFINITY, 1);
            int[] priority = new int[2];
            priority[prioritised] = 5;
            List<Integer> branchedAtDepth1 = new ArrayList<>();
            PrimalHeuristic spy = new PrimalHeuristic() {
                @Override public String name() {
                    return "spy";
                }

                @Override public void run(HeuristicContext ctx) {
                    if (ctx.depth() != 1) return;
                    double[] lo = ctx.localLower();
                    double[] up = ctx.localUpper();
                    for (int j = 0; j < 2; j++) {
                        if (lo[j] != 0 || up[j] != 1) {
                            synchronized (branchedAtDepth1) {
                                branchedAtDepth1.add(j);
                            }
                        }
                    }
                }
            };
            MipResult r = new MipSolver().addHeuristic(spy).solve(MipInstance.of(p, new boolean[] {true, true},
                    priority, null, Double.NaN), ONE.withPropagation(false).withCuts(false).withHeuristicFrequency(1)
                    .withBranching(BranchingRule.MOST_FRACTIONAL));
            assertEquals(0, r.objective(), 1e-9);
            assertFalse(branchedAtDepth1.isEmpty());
            for (int j : branchedAtDepth1) assertEquals(prioritised, j);
        }
    }

    @Test
    void degenerateShapes() {
        // A pure LP (no integer columns).
        LpProblem lp = new LpProblem();
        lp.addColumn("x", -1, 0, 2.5);
        lp.addRow("r", new int[] {0}, new double[] {1}, Double.NEGATIVE_INFINITY, 2.25);
        MipResult r = new MipSolver().solve(MipInstance.of(lp, new boolean[] {false}), ONE);
        assertEquals(MipStatus.OPTIMAL, r.status());
        assertEquals(-2.25, r.objective(), 1e-9);
        // No rows at all: integer bounds decide.
        LpProblem box = new LpProblem();
        box.addColumn("x", -1, 0, 2.5);
        box.addColumn("y", 1, -1.5, 3);
        MipResult b = new MipSolver().solve(MipInstance.of(box, new boolean[] {true, true}), ONE);
        assertEquals(MipStatus.OPTIMAL, b.status());
        assertEquals(-2 - 1, b.objective(), 1e-9);
        // Integer column with an empty integer range.
        LpProblem empty = new LpProblem();
        empty.addColumn("x", 1, 0.2, 0.8);
        assertEquals(MipStatus.INFEASIBLE, new MipSolver().solve(MipInstance.of(empty, new boolean[] {true}), ONE)
                .status());
        assertThrows(IllegalArgumentException.class, () -> MipInstance.of(box, new boolean[] {true}));
        assertThrows(IllegalArgumentException.class, () -> new MipSolver().solve((MipInstance) null, ONE));
    }
}
