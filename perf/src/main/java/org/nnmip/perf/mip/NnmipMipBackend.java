package org.nnmip.perf.mip;

import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.model.Model;

import java.util.concurrent.ScheduledFuture;

/** Our branch-and-bound with default parameters apart from time limit and thread count. */
public final class NnmipMipBackend implements MipBackend {
    private final String name;

    public NnmipMipBackend() {
        this("nnmip");
    }

    /** A named instance, e.g. "nnmip-2t" in the speed-up table. */
    public NnmipMipBackend(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Run solve(Model model, double timeLimitSeconds, int threads) {
        long t0 = System.nanoTime();
        MipSolver solver = new MipSolver();
        ScheduledFuture<?> watchdog = SolveWatchdog.arm(timeLimitSeconds, solver::interrupt);
        try {
            MipResult r = solver.solve(model, MipParameters.defaults()
                    .withTimeLimitSeconds(timeLimitSeconds).withThreads(threads));
            double secs = (System.nanoTime() - t0) * 1e-9;
            return new Run(r.status().jsonName(), r.objective(), r.bestBound(), r.nodes(), secs,
                    r.incumbent().orElse(new double[0]));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Run.error(e, (System.nanoTime() - t0) * 1e-9);
        } finally {
            watchdog.cancel(false);
        }
    }
}
