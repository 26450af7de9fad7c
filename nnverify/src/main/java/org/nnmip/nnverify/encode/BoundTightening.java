package org.nnmip.nnverify.encode;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.bounds.BoundsReport;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.Network;

/**
 * The bound-tightening pipeline: interval arithmetic, then symbolic back-substitution, then LP, then MIP look-back,
 * up to the chosen step. Each step starts from the previous one's bounds and only tightens; the stable/unstable
 * ReLU counts are recorded after each.
 */
public final class BoundTightening {
    private BoundTightening() { }

    /**
     * @param last                 strongest step to run
     * @param mipLookBack          ReLU layers with binaries in each look-back MIP
     * @param mipSecondsPerNeuron  time budget of one look-back MIP
     * @param mipNodesPerNeuron    node budget of one look-back MIP
     */
    public record Options(TighteningStep last, int mipLookBack, double mipSecondsPerNeuron, long mipNodesPerNeuron) {
        public Options {
            if (last == null) throw new IllegalArgumentException("tightening step is null");
            if (mipLookBack < 1) throw new IllegalArgumentException("MIP look-back must be at least 1, got " + mipLookBack);
            if (!(mipSecondsPerNeuron > 0) || mipNodesPerNeuron < 1) throw new IllegalArgumentException("MIP per-neuron budget must be positive");
        }

        public static Options upTo(TighteningStep last) {
            return new Options(last, 2, 1.0, 500);
        }
    }

    /** One step's outcome: the bounds and ReLU counts after it and its wall-clock time. */
    public record StepReport(TighteningStep step, NetworkBounds bounds, BoundsReport report, double seconds) {
        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "%-8s %8.3f s  %d active, %d inactive, %d unstable", step.jsonName(), seconds,
                    report.totalStableActive(), report.totalStableInactive(), report.totalUnstable());
        }
    }

    public record Result(NetworkBounds bounds, List<StepReport> steps, long lpIterations, long mipNodes) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    public static Result run(Network net, Box box, Options options, int threads, long deadlineNanos) {
        return run(NetworkBounds.unbounded(net, box), options, threads, deadlineNanos);
    }

    /** Starts from {@code start} (e.g. bounds known from a tighter input region than its box), which every step keeps. */
    public static Result run(NetworkBounds start, Options options, int threads, long deadlineNanos) {
        List<StepReport> steps = new ArrayList<>();
        long t0 = System.nanoTime();
        NetworkBounds b = IntervalBounds.tighten(start);
        t0 = record(steps, TighteningStep.INTERVAL, b, t0);
        long lpIterations = 0;
        long mipNodes = 0;
        if (options.last().compareTo(TighteningStep.SYMBOLIC) >= 0) {
            b = SymbolicBounds.tighten(b);
            t0 = record(steps, TighteningStep.SYMBOLIC, b, t0);
        }
        if (options.last().compareTo(TighteningStep.LP) >= 0 && !b.isEmpty()) {
            // one thread: the sequential tightener (one warm LP for the whole layer); more: one LP per thread
            LpBoundTightener.Result r = threads == 1 ? LpBoundTightener.tighten(b, deadlineNanos)
                    : ParallelLpBoundTightener.tighten(b, threads, deadlineNanos);
            b = r.bounds();
            lpIterations += r.iterations();
            t0 = record(steps, TighteningStep.LP, b, t0);
        }
        if (options.last() == TighteningStep.MIP && !b.isEmpty()) {
            MipBoundTightener.Result r = MipBoundTightener.tighten(b, options.mipLookBack(), options.mipSecondsPerNeuron(),
                    options.mipNodesPerNeuron(), threads, deadlineNanos);
            b = r.bounds();
            lpIterations += r.iterations();
            mipNodes += r.nodes();
            record(steps, TighteningStep.MIP, b, t0);
        }
        return new Result(b, steps, lpIterations, mipNodes);
    }

    private static long record(List<StepReport> steps, TighteningStep step, NetworkBounds b, long t0) {
        long now = System.nanoTime();
        steps.add(new StepReport(step, b, BoundsReport.of(b), (now - t0) / 1e9));
        return now;
    }
}
