package org.nnmip.perf.mip;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a solve that overruns its time limit by a wide margin, so that one solver ignoring its limit cannot
 * stall the whole benchmark (BENCHMARKING.md: HiGHS once ran 327 s under a 60 s limit). An overrun still shows
 * in the measured time.
 */
final class SolveWatchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mip-benchmark-watchdog");
        t.setDaemon(true);
        return t;
    });

    private SolveWatchdog() {
    }

    /** Grace period: the limit plus half of it plus 5 s, generous enough for any honest solver's overhead. */
    static double graceSeconds(double timeLimitSeconds) {
        return 1.5 * timeLimitSeconds + 5;
    }

    /** Runs {@code interrupt} once the grace period has passed; cancel the returned handle when the solve ends. */
    static ScheduledFuture<?> arm(double timeLimitSeconds, Runnable interrupt) {
        if (!Double.isFinite(timeLimitSeconds)) return TIMER.schedule(() -> { }, 0, TimeUnit.SECONDS);
        return TIMER.schedule(interrupt, (long) (graceSeconds(timeLimitSeconds) * 1000), TimeUnit.MILLISECONDS);
    }
}
