package org.nnmip.nnverify.resilience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;

/**
 * Maximum resilience of a classifier with logits {@code z} (Cheng, Nührenberg &amp; Ruess 2017, "Maximum resilience
 * of artificial neural networks"): softmax confidence is handled property-directed, {@code p_m >= alpha p_j} iff
 * {@code z_m >= ln alpha + z_j}. Convention: the input {@code a} and its perturbation {@code a + eps} both lie in
 * the input box. Every reported witness is re-checked by evaluating the network at {@code a} and {@code a + eps}.
 * Affine, ReLU and max-pool layers are encoded exactly (plus reshapes); arctan layers by a sound piecewise-linear
 * enclosure ({@link ResilienceOptions#arctanPieces()}), which makes every MIP a relaxation of the network: the bound
 * is then a proven lower bound on {@code Phi} (their Proposition 3), and a witness (re-checked on the true network)
 * an upper bound.
 */
public final class MaximumResilience {
    /** Absolute tolerance (times max(1, largest |logit|)) of the forward re-check. */
    static final double RECHECK_TOLERANCE = 1e-6;

    private MaximumResilience() { }

    /**
     * {@code Phi_m(alpha, k)}: the smallest {@code ||eps||} such that some input {@code a} of the box has class
     * {@code m} with confidence {@code alpha} while at least {@code k} other classes score at least {@code z_m}
     * at {@code a + eps}. When infeasible, the result carries the largest feasible confidence.
     */
    public static ResilienceResult phi(Network net, Box box, int m, double alpha, ResilienceOptions o) {
        return phi(net, box, m, alpha, o, List.of());
    }

    /**
     * {@code Phi_m(alpha, k)} with starting witnesses: each pair is re-checked by forward evaluation and ignored
     * unless it is a witness of this question; the best of them and of the sampling heuristic
     * ({@link ResilienceOptions#heuristicFraction()}) becomes a complete MIP start, so the search starts with its
     * norm as incumbent. The result reports the start's norm ({@link ResilienceResult#startPhi()}).
     */
    public static ResilienceResult phi(Network net, Box box, int m, double alpha, ResilienceOptions o, List<ResilienceStart> starts) {
        long t0 = System.nanoTime();
        Network p = checked(net, box, m, alpha);
        checkStarts(starts, p.inputSize());
        ResilienceBounds rb = ResilienceBounds.compute(p, box, o);
        long deadline = deadline(t0, o);
        return phi(rb, box, m, Math.log(alpha), Double.NaN, deadline, t0, starts, o.seed());
    }

    /**
     * {@code Xi = min_m Phi_m(alpha, k)}, class by class with shared bounds, {@link ResilienceOptions#threads()}
     * classes at a time; each class starts with the best witnessed {@code Phi} so far as objective cutoff (a class
     * that cannot beat it reports cut_off).
     */
    public static XiResult xi(Network net, Box box, double alpha, ResilienceOptions o) {
        return xi(net, box, alpha, o, List.of());
    }

    /**
     * {@code Xi} with starting witnesses (each class uses those that are witnesses of its own question). Each class
     * gets a fair share of what is left of the limit when it starts (what is left divided by the rounds of
     * {@link ResilienceOptions#threads()} classes still to run), so time a class does not use passes to the later
     * ones and no class can take the whole limit.
     */
    public static XiResult xi(Network net, Box box, double alpha, ResilienceOptions o, List<ResilienceStart> starts) {
        long t0 = System.nanoTime();
        Network p = checked(net, box, 0, alpha);
        checkStarts(starts, p.inputSize());
        ResilienceBounds rb = ResilienceBounds.compute(p, box, o);
        long deadline = deadline(t0, o);
        int c = p.outputSize();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        ResilienceResult[] results = new ResilienceResult[c];
        double[] cutoffs = new double[c];
        // The best witnessed Phi so far, shared by the classes: each class starts with it as cutoff.
        double[] best = {Double.POSITIVE_INFINITY};
        Runnable[] tasks = new Runnable[c];
        for (int m = 0; m < c; m++) {
            final int cls = m;
            tasks[m] = () -> {
                double cutoff;
                synchronized (best) {
                    cutoff = best[0];
                }
                cutoffs[cls] = cutoff;
                long mine = share(deadline, c - started.getAndIncrement(), o.threads());
                ResilienceResult r = phi(rb, box, cls, Math.log(alpha), Double.isFinite(cutoff) ? cutoff : Double.NaN, mine,
                        System.nanoTime(), starts, o.seed() + cls);
                results[cls] = r;
                if (r.hasWitness() && !r.status().equals("unverified")) {
                    synchronized (best) {
                        best[0] = Math.min(best[0], r.phi());
                    }
                }
            };
        }
        runAll(tasks, o.threads());
        double bestPhi = Double.POSITIVE_INFINITY;
        int argmin = -1;
        double bound = Double.POSITIVE_INFINITY;
        boolean complete = true;
        for (int m = 0; m < c; m++) {
            ResilienceResult r = results[m];
            switch (r.status()) {
                case "optimal" -> bound = Math.min(bound, Math.min(r.phi(), r.bound()));
                case "infeasible" -> { }
                case "cut_off" -> bound = Math.min(bound, cutoffs[m]);
                default -> {
                    complete = false;
                    bound = Math.min(bound, r.bound());
                }
            }
            if (r.hasWitness() && !r.status().equals("unverified") && r.phi() < bestPhi) {
                bestPhi = r.phi();
                argmin = m;
            }
        }
        bound = Math.min(bound, bestPhi);
        String status = argmin >= 0 ? (complete ? "optimal" : "feasible") : (complete ? "infeasible" : "time_limit");
        return new XiResult(status, argmin >= 0 ? bestPhi : Double.NaN, bound, argmin, List.of(results), (System.nanoTime() - t0) / 1e9);
    }

    /** The deadline of a class started now with {@code remaining} classes (itself included) still to start. */
    static long share(long deadline, int remaining, int threads) {
        if (deadline == Long.MAX_VALUE) return deadline;
        long now = System.nanoTime();
        long rounds = (remaining + threads - 1) / Math.max(1, threads);
        return now + Math.max(0, deadline - now) / Math.max(1, rounds);
    }

    private static void checkStarts(List<ResilienceStart> starts, int n) {
        if (starts == null) throw new IllegalArgumentException("resilience: the list of starts is null (use an empty list)");
        for (ResilienceStart st : starts) {
            if (st.input().length != n) throw new IllegalArgumentException("resilience: a start has " + st.input().length + " values, the network " + n + " inputs");
        }
    }

    /** Runs the tasks in order on {@code threads} threads (inline with one), rethrowing the first failure. */
    private static void runAll(Runnable[] tasks, int threads) {
        if (threads <= 1 || tasks.length <= 1) {
            for (Runnable t : tasks) t.run();
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(threads, tasks.length));
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (Runnable t : tasks) futures.add(pool.submit(t));
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("resilience: interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The smallest {@code ||eps||} with {@code a + eps} in the box such that at least {@code k} classes other than
     * {@code m} score at least {@code z_m(a + eps)} (the input is fixed; step 2 of the initialisation).
     */
    public static ResilienceResult minimalPerturbation(Network net, Box box, double[] a, int m, ResilienceOptions o) {
        return local(net, box, a, m, Double.NaN, o);
    }

    /**
     * The local problem of their Table 1: is there a perturbation with {@code ||eps|| < delta} (and {@code a + eps}
     * in the box) after which at least {@code k} classes other than {@code m} score at least {@code z_m}? Stops at
     * the first witness below {@code delta}: status vulnerable (with the witness), resilient, or unknown.
     * With {@code delta} NaN, the minimal such perturbation instead.
     */
    public static ResilienceResult local(Network net, Box box, double[] a, int m, double delta, ResilienceOptions o) {
        return local(net, box, a, m, delta, o, List.of());
    }

    /**
     * The local problem with starting perturbed inputs {@code b} (re-checked, ignored unless witnesses); with the
     * sampling heuristic's best they seed the MIP. A start below {@code delta} answers the question at once.
     */
    public static ResilienceResult local(Network net, Box box, double[] a, int m, double delta, ResilienceOptions o, List<double[]> perturbed) {
        long t0 = System.nanoTime();
        if (perturbed == null) throw new IllegalArgumentException("resilience: the list of starts is null (use an empty list)");
        Network p = checked(net, box, m, 1.0);
        if (a.length != p.inputSize()) throw new IllegalArgumentException("resilience: the network has " + p.inputSize() + " inputs, the input has " + a.length);
        if (!box.contains(a, 0.0)) throw new IllegalArgumentException("resilience: the input " + Arrays.toString(a) + " is not in the box " + box);
        if (!Double.isNaN(delta) && !(delta > 0 && Double.isFinite(delta))) throw new IllegalArgumentException("resilience: delta must be positive and finite, got " + delta);
        boolean threshold = !Double.isNaN(delta);
        if (threshold) {
            // Only perturbations with |eps_i| <= ||eps|| < delta matter: the box shrinks to the delta-cube around a, which
            // makes most ReLUs stable in the bounds (why the local question is so much cheaper than Phi).
            double[] lo = box.lower();
            double[] hi = box.upper();
            for (int i = 0; i < lo.length; i++) {
                lo[i] = Math.max(lo[i], a[i] - delta);
                hi[i] = Math.min(hi[i], a[i] + delta);
            }
            box = new Box(lo, hi);
        }
        ResilienceBounds rb = threshold && o.norm() == ResilienceOptions.Norm.L1
                ? ResilienceBounds.compute(p, box, o, a, delta) : ResilienceBounds.compute(p, box, o);
        long deadline = deadline(t0, o);
        ResilienceModel rm = new ResilienceModel(rb, box, m, Double.NEGATIVE_INFINITY, a, rb.classDifferences(m));
        if (!rm.possible) {
            return new ResilienceResult(threshold ? "resilient" : "infeasible", Double.NaN, threshold ? delta : Double.POSITIVE_INFINITY, m,
                    Optional.empty(), Optional.empty(), 0, 0, seconds(t0), rb.relaxed);
        }
        List<ResilienceStart> given = new ArrayList<>();
        for (double[] b : perturbed) {
            if (b.length != a.length) throw new IllegalArgumentException("resilience: a start has " + b.length + " values, the network " + a.length + " inputs");
            given.add(new ResilienceStart(a, b));
        }
        long h0 = System.nanoTime();
        Optional<ResilienceResult.Witness> start = start(rm, given, Double.NEGATIVE_INFINITY, o.seed(), deadline);
        double hs = seconds(h0);
        double startPhi = start.map(x -> norm(x.perturbation(), o.norm())).orElse(Double.NaN);
        if (threshold && startPhi < delta) {
            // A true witness below delta answers the question: no MIP needed.
            return new ResilienceResult("vulnerable", startPhi, 0.0, m, start, Optional.empty(), 0, rm.model.numBinaryVariables(), seconds(t0), rb.relaxed, startPhi, hs);
        }
        MipParameters params = limited(o.mip(), deadline);
        if (threshold) {
            // The bounds (delta-cube, L1 ball) hold inside the ball only: keep the search there.
            rm.addNormCut(delta);
            params = params.withObjectiveThreshold(delta);
        }
        MipResult r = solve(rm, params);
        Optional<ResilienceResult.Witness> w = witness(rm, r, Double.NEGATIVE_INFINITY);
        double phi = w.map(x -> norm(x.perturbation(), o.norm())).orElse(Double.NaN);
        if (!threshold && start.isPresent() && !(phi <= startPhi)) {
            // The start is a true witness the solver did not improve on (or rejected within its tolerances).
            boolean optimal = r.status() == MipStatus.OPTIMAL && startPhi <= r.bestBound() + 1e-7 * (1 + Math.abs(r.bestBound()));
            double bound = r.status() == MipStatus.INFEASIBLE ? 0.0 : Math.min(r.bestBound(), startPhi);
            return new ResilienceResult(optimal ? "optimal" : "feasible", startPhi, bound, m, start, Optional.empty(), r.nodes(),
                    rm.model.numBinaryVariables(), seconds(t0), rb.relaxed, startPhi, hs);
        }
        String status;
        if (threshold) {
            boolean proven = r.status() == MipStatus.INFEASIBLE || r.status() == MipStatus.THRESHOLD_REACHED
                    || (r.status() == MipStatus.OPTIMAL && r.objective() >= delta);
            status = w.isPresent() && phi < delta ? "vulnerable" : proven ? "resilient" : "unknown";
            if (r.hasIncumbent() && w.isEmpty() && !proven && !rb.relaxed) status = "unverified";
        } else {
            status = status(r, w, rb.relaxed, phi);
        }
        double bound = r.status() == MipStatus.INFEASIBLE ? Double.POSITIVE_INFINITY : r.bestBound();
        // On the delta-cube the solver's bound holds for perturbations shorter than delta only.
        if (threshold) bound = Math.min(bound, delta);
        return new ResilienceResult(status, phi, bound, m, w, Optional.empty(), r.nodes(), rm.model.numBinaryVariables(), seconds(t0), rb.relaxed, startPhi, hs);
    }

    /** The largest confidence margin {@code t = max_a min_{j != m} z_m(a) - z_j(a)} over the box (alpha_max = e^t). */
    public static ConfidenceResult maxConfidence(Network net, Box box, int m, ResilienceOptions o) {
        long t0 = System.nanoTime();
        Network p = checked(net, box, m, 1.0);
        ResilienceBounds rb = ResilienceBounds.compute(p, box, o);
        return maxConfidence(rb, box, m, Double.NaN, deadline(t0, o), false);
    }

    // ---- internals --------------------------------------------------------------------------------------------

    /** @param deadline of this class's search (its share of the limit within Xi) */
    private static ResilienceResult phi(ResilienceBounds rb, Box box, int m, double lnAlpha, double cutoff, long deadline, long t0, List<ResilienceStart> starts, long seed) {
        ResilienceOptions o = rb.options;
        double[][] diff = rb.classDifferences(m);
        boolean cut = !Double.isNaN(cutoff);
        ResilienceModel rm = new ResilienceModel(rb, box, m, lnAlpha, null, diff);
        if (!rm.possible) return infeasible(rb, box, m, false, deadline, t0, 0);
        long h0 = System.nanoTime();
        Optional<ResilienceResult.Witness> start = start(rm, starts, lnAlpha, seed, deadline);
        double hs = seconds(h0);
        double startPhi = start.map(x -> norm(x.perturbation(), o.norm())).orElse(Double.NaN);
        if (cut && start.isPresent() && startPhi >= cutoff - 1e-6 * (1 + Math.abs(cutoff))) {
            // A start that cannot clearly beat the cutoff (a better class is known, or a tie up to the re-check's
            // tolerance) is of no use: the search ignores it, and the class stays cut_off when it cannot do better.
            rm.model.clearStart();
            start = Optional.empty();
        }
        if (o.threeStepInit()) {
            ConfidenceResult found = maxConfidence(rb, box, m, lnAlpha, deadline, true);
            if (found.status().equals("infeasible") && start.isEmpty()) return infeasible(rb, box, m, false, deadline, t0, 0);
            // With arctan the search is a relaxation: only an input truly confident enough gives a valid cut.
            if (found.input().isPresent() && (!rb.relaxed || found.margin() >= lnAlpha)) {
                double[] a0 = found.input().get();
                ResilienceModel fixed = new ResilienceModel(rb, box, m, Double.NEGATIVE_INFINITY, a0, diff);
                if (fixed.possible) {
                    // Step 2 gets at most half of what is left: any witness it finds already gives a valid cut.
                    long half = deadline == Long.MAX_VALUE ? deadline : System.nanoTime() + (deadline - System.nanoTime()) / 2;
                    MipResult r0 = solve(fixed, limited(o.mip(), half));
                    Optional<ResilienceResult.Witness> w0 = witness(fixed, r0, Double.NEGATIVE_INFINITY);
                    if (w0.isPresent()) {
                        double[] b0 = add(a0, w0.get().perturbation());
                        double phiIni = norm(w0.get().perturbation(), o.norm());
                        if (!(startPhi <= phiIni)) rm.model.setStart(rm.point(a0, b0));
                        // Their cut -Phi_ini <= sum eps <= Phi_ini, on the norm (the objective); widened for the tolerances.
                        rm.addNormCut(phiIni * (1 + 1e-7) + 1e-7);
                    }
                }
            }
        }
        if (cut) rm.model.setObjectiveCutoff(cutoff);
        MipResult r = solve(rm, limited(o.mip(), deadline));
        if (r.status() == MipStatus.INFEASIBLE && start.isEmpty()) return infeasible(rb, box, m, cut, deadline, t0, r.nodes()).withStart(startPhi, hs);
        Optional<ResilienceResult.Witness> w = r.status() == MipStatus.INFEASIBLE ? Optional.empty() : witness(rm, r, lnAlpha);
        double phi = w.map(x -> norm(x.perturbation(), o.norm())).orElse(Double.NaN);
        if (start.isPresent() && !(phi <= startPhi)) {
            // The start is a true witness the solver did not improve on (or rejected within its tolerances): it stays
            // the answer; optimal only when the solver's bound reaches it, and nothing is proven against a solver
            // that called a witnessed problem infeasible.
            boolean optimal = r.status() == MipStatus.OPTIMAL && startPhi <= r.bestBound() + 1e-7 * (1 + Math.abs(r.bestBound()));
            double bound = r.status() == MipStatus.INFEASIBLE ? 0.0 : Math.min(r.bestBound(), startPhi);
            return new ResilienceResult(optimal ? "optimal" : "feasible", startPhi, bound, m, start, Optional.empty(), r.nodes(),
                    rm.model.numBinaryVariables(), seconds(t0), rb.relaxed, startPhi, hs);
        }
        return new ResilienceResult(status(r, w, rb.relaxed, phi), phi, r.bestBound(), m, w, Optional.empty(), r.nodes(),
                rm.model.numBinaryVariables(), seconds(t0), rb.relaxed, startPhi, hs);
    }

    /**
     * The best true witness among the given starts and the sampling heuristic's pair; when there is one, it is set
     * as the complete MIP start of {@code rm} (both copies evaluated, every binary and continuous value set).
     */
    private static Optional<ResilienceResult.Witness> start(ResilienceModel rm, List<ResilienceStart> starts, double lnAlpha, long seed, long deadline) {
        ResilienceOptions o = rm.options;
        List<double[][]> pairs = new ArrayList<>();
        for (ResilienceStart st : starts) pairs.add(new double[][] {rm.fixedA != null ? rm.fixedA.clone() : st.input(), st.perturbed()});
        if (o.heuristicFraction() > 0) {
            long now = System.nanoTime();
            long budget = deadline == Long.MAX_VALUE ? 1_000_000_000L : (long) (o.heuristicFraction() * Math.max(0, deadline - now));
            long until = now + budget;
            if (rm.fixedA != null) {
                double[] b = WitnessSampling.perturbed(rm.net, rm.box, rm.fixedA, rm.m, o, seed, until);
                if (b != null) pairs.add(new double[][] {rm.fixedA.clone(), b});
            } else {
                double[][] p = WitnessSampling.pair(rm.net, rm.box, rm.m, lnAlpha, o, seed, until);
                if (p != null) pairs.add(p);
            }
        }
        Optional<ResilienceResult.Witness> best = Optional.empty();
        double bestNorm = Double.POSITIVE_INFINITY;
        double[][] bestPair = null;
        for (double[][] p : pairs) {
            // Outside the box is no witness of this question (the local threshold box included).
            if (!rm.box.contains(p[0], 0.0) || !rm.box.contains(p[1], 0.0)) continue;
            Optional<ResilienceResult.Witness> w = check(rm, p[0], p[1], lnAlpha);
            if (w.isEmpty()) continue;
            double d = norm(w.get().perturbation(), o.norm());
            if (d < bestNorm) {
                bestNorm = d;
                best = w;
                bestPair = p;
            }
        }
        if (bestPair != null) {
            double[] point = rm.point(bestPair[0], bestPair[1]);
            boolean finite = true;
            for (double v : point) finite &= Double.isFinite(v);
            if (finite) rm.model.setStart(point);
        }
        return best;
    }

    private static ResilienceResult infeasible(ResilienceBounds rb, Box box, int m, boolean cut, long deadline, long t0, long nodes) {
        if (cut) {
            return new ResilienceResult("cut_off", Double.NaN, Double.POSITIVE_INFINITY, m, Optional.empty(), Optional.empty(), nodes, 0, seconds(t0), rb.relaxed);
        }
        ConfidenceResult c = maxConfidence(rb, box, m, Double.NaN, deadline, false);
        return new ResilienceResult("infeasible", Double.NaN, Double.POSITIVE_INFINITY, m, Optional.empty(), Optional.of(c), nodes, 0, seconds(t0), rb.relaxed);
    }

    /**
     * With arctan ({@code relaxed}) an incumbent that fails the forward check is a point of the relaxation only:
     * lower_bound (the bound still holds). One that passes is a true witness whose norm is at most the incumbent's
     * objective, so an optimal relaxation closes the gap just as for exact encodings.
     */
    private static String status(MipResult r, Optional<ResilienceResult.Witness> w, boolean relaxed, double phi) {
        if (r.status() == MipStatus.INFEASIBLE) return "infeasible";
        if (relaxed && w.isPresent()) {
            // Optimal only when the true witness attains the relaxation's optimum (a lower bound on Phi).
            boolean closed = r.status() == MipStatus.OPTIMAL && r.hasIncumbent() && phi <= r.objective() + 1e-7 * (1 + Math.abs(r.objective()));
            return closed ? "optimal" : "feasible";
        }
        if (!r.hasIncumbent()) return r.status().jsonName();
        if (w.isEmpty()) return relaxed ? "lower_bound" : "unverified";
        return r.status() == MipStatus.OPTIMAL ? "optimal" : "feasible";
    }

    private static MipResult solve(ResilienceModel rm, MipParameters params) {
        Completion heuristic = new Completion(lp -> {
            double[] a = rm.inputA(lp);
            double[] b = rm.inputB(lp);
            if (rm.relaxed && rm.candidates.size() < 5000) rm.candidates.add(new double[][] {a, b});
            return rm.point(a, b);
        });
        return new MipSolver().addHeuristic(heuristic).solve(rm.model, params.withSafeBounds(true)); // certified lower bound on phi
    }

    /** The incumbent's inputs re-checked by forward evaluation; empty when there is none or it fails the check. */
    private static Optional<ResilienceResult.Witness> witness(ResilienceModel rm, MipResult r, double lnAlpha) {
        Optional<ResilienceResult.Witness> w = Optional.empty();
        if (r.hasIncumbent()) {
            double[] point = r.incumbent().get();
            w = check(rm, rm.inputA(point), rm.inputB(point), lnAlpha);
        }
        if (w.isPresent() || !rm.relaxed) return w;
        if (r.hasIncumbent()) {
            // The relaxation's optimum (a, b) failed on the true network, usually narrowly: a moved back from b and b
            // pushed further along b - a (every candidate is re-checked, so this only finds true witnesses).
            double[] a0 = rm.inputA(r.incumbent().get());
            double[] b0 = rm.inputB(r.incumbent().get());
            for (double back : new double[] {0, 0.05, 0.1, 0.2, 0.4}) {
                for (double ahead : new double[] {1, 1.05, 1.1, 1.2, 1.4, 1.7, 2, 2.5, 3, 4}) {
                    double[] a = new double[a0.length];
                    double[] b = new double[a0.length];
                    for (int i = 0; i < a.length; i++) {
                        double d = b0[i] - a0[i];
                        a[i] = rm.fixedA != null ? a0[i] : Math.min(Math.max(a0[i] - back * d, rm.box.lower(i)), rm.box.upper(i));
                        b[i] = Math.min(Math.max(a0[i] + ahead * d, rm.box.lower(i)), rm.box.upper(i));
                    }
                    rm.candidates.add(new double[][] {a, b});
                }
            }
        }
        // The best true pair among those and the ones the completion heuristic met.
        double best = Double.POSITIVE_INFINITY;
        synchronized (rm.candidates) {
            for (double[][] c : rm.candidates) {
                double d = 0;
                for (int i = 0; i < c[0].length; i++) d = rm.options.norm() == ResilienceOptions.Norm.L1 ? d + Math.abs(c[1][i] - c[0][i]) : Math.max(d, Math.abs(c[1][i] - c[0][i]));
                if (d >= best) continue;
                Optional<ResilienceResult.Witness> x = check(rm, c[0], c[1], lnAlpha);
                if (x.isPresent()) {
                    best = d;
                    w = x;
                }
            }
        }
        return w;
    }

    /** The pair {@code (a, b)} re-checked by forward evaluation: a witness, or empty when it fails. */
    private static Optional<ResilienceResult.Witness> check(ResilienceModel rm, double[] a, double[] b, double lnAlpha) {
        double[] za = rm.net.apply(a);
        double[] zb = rm.net.apply(b);
        double scale = 1;
        for (double v : za) scale = Math.max(scale, Math.abs(v));
        for (double v : zb) scale = Math.max(scale, Math.abs(v));
        double tol = RECHECK_TOLERANCE * scale;
        int m = rm.m;
        double margin = Double.POSITIVE_INFINITY;
        int overtaking = 0;
        for (int j = 0; j < za.length; j++) {
            if (j == m) continue;
            margin = Math.min(margin, za[m] - za[j]);
            if (zb[j] >= zb[m] - tol) overtaking++;
        }
        if (margin < lnAlpha - tol || overtaking < rm.options.k()) return Optional.empty();
        double[] eps = new double[a.length];
        for (int i = 0; i < a.length; i++) eps[i] = b[i] - a[i];
        return Optional.of(new ResilienceResult.Witness(a, eps, za, zb, margin, overtaking));
    }

    /**
     * Maximises the margin {@code t <= z_m - z_j} over a one-copy encoding. With {@code firstAbove} the search
     * stops at the first input with {@code t >= lnAlpha} (step 1 of the initialisation).
     */
    private static ConfidenceResult maxConfidence(ResilienceBounds rb, Box box, int m, double lnAlpha, long deadline, boolean firstAbove) {
        ResilienceOptions o = rb.options;
        Network net = rb.net;
        double[][] diff = rb.classDifferences(m);
        double hi = Double.POSITIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (int j = 0; j < net.outputSize(); j++) {
            if (j == m) continue;
            hi = Math.min(hi, -diff[0][j]);
            lo = Math.min(lo, -diff[1][j]);
        }
        if (firstAbove) lo = Math.max(lo, lnAlpha);
        if (net.outputSize() == 1) return new ConfidenceResult("unbounded", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Optional.empty(), Optional.empty());
        if (lo > hi) return new ConfidenceResult("infeasible", Double.NaN, Double.NEGATIVE_INFINITY, Optional.empty(), Optional.empty());
        ReluMipEncoding enc = ResilienceBounds.encode(rb.bounds, o);
        Model model = enc.model();
        if (!o.priorities()) for (Variable v : model.variables()) if (v.type() == VarType.BINARY) v.setBranchPriority(0);
        int t = model.continuous("margin", lo, hi).index();
        AffineForm[] z = enc.outputs();
        for (int j = 0; j < z.length; j++) {
            if (j == m) continue;
            // t - z_m + z_j <= 0
            java.util.TreeMap<Integer, Double> terms = new java.util.TreeMap<>();
            terms.put(t, 1.0);
            for (int q = 0; q < z[m].size(); q++) terms.merge(z[m].variables()[q], -z[m].coefficients()[q], Double::sum);
            for (int q = 0; q < z[j].size(); q++) terms.merge(z[j].variables()[q], z[j].coefficients()[q], Double::sum);
            terms.values().removeIf(d -> d == 0.0);
            int[] idx = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] val = terms.values().stream().mapToDouble(Double::doubleValue).toArray();
            model.addConstraint("margin" + j, idx, val, Double.NEGATIVE_INFINITY, z[m].constant() - z[j].constant());
        }
        model.setObjectiveCoefficient(model.variable(t), 1.0);
        model.setObjectiveSense(ObjectiveSense.MAXIMIZE);
        final double tLo = lo;
        final double tHi = hi;
        Completion heuristic = new Completion(lp -> {
            double[] a = clamp(enc.inputOf(lp), box);
            double[] p = enc.complete(a);
            double[] y = net.apply(a);
            p[t] = Math.min(tHi, margin(y, m));
            return p[t] >= tLo ? p : null;
        });
        MipParameters params = limited(o.mip(), deadline);
        if (firstAbove) params = params.withStopAtFirstFeasible(true);
        MipResult r = new MipSolver().addHeuristic(heuristic).solve(model, params.withSafeBounds(true)); // certified bound
        if (r.status() == MipStatus.INFEASIBLE) return new ConfidenceResult("infeasible", Double.NaN, Double.NEGATIVE_INFINITY, Optional.empty(), Optional.empty());
        if (!r.hasIncumbent()) return new ConfidenceResult(r.status().jsonName(), Double.NaN, r.bestBound(), Optional.empty(), Optional.empty());
        double[] a = clamp(enc.inputOf(r.incumbent().get()), box);
        double[] y = net.apply(a);
        double mg = margin(y, m);
        double scale = 1;
        for (double v : y) scale = Math.max(scale, Math.abs(v));
        String status = r.status() == MipStatus.OPTIMAL ? "optimal" : "feasible";
        if (mg < r.objective() - RECHECK_TOLERANCE * scale) status = "unverified"; // the margin variable is at most the true margin
        double bound = firstAbove ? hi : r.bestBound();
        return new ConfidenceResult(status, mg, bound, Optional.of(a), Optional.of(y));
    }

    static double margin(double[] y, int m) {
        double t = Double.POSITIVE_INFINITY;
        for (int j = 0; j < y.length; j++) if (j != m) t = Math.min(t, y[m] - y[j]);
        return t;
    }

    static double norm(double[] eps, ResilienceOptions.Norm norm) {
        double s = 0;
        for (double e : eps) s = norm == ResilienceOptions.Norm.L1 ? s + Math.abs(e) : Math.max(s, Math.abs(e));
        return s;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] + b[i];
        return r;
    }

    private static double[] clamp(double[] x, Box box) {
        double[] r = x.clone();
        for (int i = 0; i < r.length; i++) r[i] = Math.min(Math.max(r[i], box.lower(i)), box.upper(i));
        return r;
    }

    private static Network checked(Network net, Box box, int m, double alpha) {
        Network p = ResilienceBounds.plain(net);
        if (box.dimension() != p.inputSize()) throw new IllegalArgumentException("resilience: the box has dimension " + box.dimension() + ", the network " + p.inputSize() + " inputs");
        if (!box.isBounded()) throw new IllegalArgumentException("resilience: the input box must be bounded");
        if (p.outputSize() < 2) throw new IllegalArgumentException("resilience: the network needs at least 2 classes, it has " + p.outputSize());
        if (m < 0 || m >= p.outputSize()) throw new IllegalArgumentException("resilience: class " + m + " out of range [0, " + p.outputSize() + ")");
        if (!(alpha > 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException("resilience: alpha must be positive and finite, got " + alpha);
        return p;
    }

    private static long deadline(long t0, ResilienceOptions o) {
        double s = o.mip().timeLimitSeconds();
        return Double.isInfinite(s) ? Long.MAX_VALUE : t0 + (long) (s * 1e9);
    }

    private static MipParameters limited(MipParameters p, long deadline) {
        if (deadline == Long.MAX_VALUE) return p;
        return p.withTimeLimitSeconds(Math.max(0.0, (deadline - System.nanoTime()) / 1e9));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
