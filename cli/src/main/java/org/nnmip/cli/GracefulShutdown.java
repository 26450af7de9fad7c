package org.nnmip.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C / SIGTERM during a long command: a shutdown hook stops the work, waits briefly for the command to print
 * what it found (status {@code interrupted}, incumbent, bound), and prints a fallback report itself if the command
 * cannot finish in time. Exactly one of the two prints the final report ({@link #claimReport()}).
 *
 * <p>Use as {@code try (GracefulShutdown g = GracefulShutdown.install(...)) { work; if (g.claimReport()) print; }}:
 * closing tells the hook the report is out, so the JVM can exit.
 */
final class GracefulShutdown implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile boolean signalled;

    private GracefulShutdown(Runnable stop, long waitMillis, Runnable fallbackReport) {
        hook = new Thread(() -> {
            signalled = true;
            stop.run();
            try {
                reported.await(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (claimReport()) fallbackReport.run();
        }, "nnmip-shutdown");
    }

    /**
     * Registers the hook. {@code stop} asks the work to end (e.g. {@code MipSolver::interrupt}); after at most
     * {@code waitMillis} without a report from the command, {@code fallbackReport} prints what is known.
     */
    static GracefulShutdown install(Runnable stop, long waitMillis, Runnable fallbackReport) {
        GracefulShutdown g = new GracefulShutdown(stop, waitMillis, fallbackReport);
        Runtime.getRuntime().addShutdownHook(g.hook);
        return g;
    }

    /** True when a signal (or System.exit from elsewhere) started the shutdown. */
    boolean signalled() {
        return signalled;
    }

    /** True for the first caller only: that one prints the final report. */
    boolean claimReport() {
        return claimed.compareAndSet(false, true);
    }

    /** The command is done (its report is printed): let the hook finish, or remove it if no signal came. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs, sees the report is out and returns at once
        }
    }
}
