package org.nnmip.mip;

/**
 * Tells the search when the heap in use passes a limit, so it can stop with {@link MipStatus#MEMORY_LIMIT} and report
 * its incumbent instead of dying of an {@link OutOfMemoryError}. The heap in use counts garbage too, so a reading over
 * the limit is confirmed after a requested collection (at most one per second) before the search is stopped.
 */
final class MemoryGuard {
    private static final long MB = 1L << 20;
    private static final long GC_INTERVAL_NANOS = 1_000_000_000L;

    private final long limitBytes;
    private volatile long lastGcNanos = System.nanoTime() - GC_INTERVAL_NANOS;
    private volatile boolean exceeded;

    /** {@code limitMb} = 0: no limit. */
    MemoryGuard(long limitMb) {
        this.limitBytes = limitMb <= 0 ? Long.MAX_VALUE : limitMb * MB;
    }

    /** True once the heap in use, measured after a collection, passed the limit; cheap when under it. */
    boolean exceeded() {
        if (limitBytes == Long.MAX_VALUE) return false;
        if (exceeded) return true;
        if (used() <= limitBytes) return false;
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastGcNanos < GC_INTERVAL_NANOS) return false;
            lastGcNanos = now;
            System.gc();
            if (used() > limitBytes) exceeded = true;
        }
        return exceeded;
    }

    static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
