package org.nnmip.lp.internal.simplex;

/** Iteration and wall-clock budget of one solve call. The clock is read every 32 iterations only. */
final class SolveControl {
    private final long iterationLimit;
    private final long deadlineNanos;
    private final boolean timed;
    long iterations;
    private boolean timeUp;

    SolveControl(long iterationLimit, double timeLimitSeconds) {
        this.iterationLimit = iterationLimit;
        this.timed = Double.isFinite(timeLimitSeconds);
        long now = System.nanoTime();
        this.deadlineNanos = timed ? now + (long) Math.min(timeLimitSeconds * 1e9, 1e18) : Long.MAX_VALUE;
        if (timed && timeLimitSeconds <= 0) timeUp = true;
    }

    /** ITERATION_LIMIT, TIME_LIMIT or null to go on. */
    SimplexOutcome check() {
        if (iterations >= iterationLimit) return SimplexOutcome.ITERATION_LIMIT;
        if (timed && (timeUp || (iterations & 31) == 0)) {
            if (timeUp || System.nanoTime() > deadlineNanos) {
                timeUp = true;
                return SimplexOutcome.TIME_LIMIT;
            }
        }
        return null;
    }
}
