package org.nnmip.nnverify.verify;

/**
 * The verifier's own memory check between MIPs and splitting steps (the MIP checks its tree itself): true once the
 * heap in use passes the limit after a requested collection (at most one per second, since the heap in use counts
 * garbage too).
 */
final class HeapLimit {
    private static final long MB = 1L << 20;
    private static final long GC_INTERVAL_NANOS = 1_000_000_000L;

    private final long limitBytes;
    private long lastGcNanos = System.nanoTime() - GC_INTERVAL_NANOS;
    private boolean exceeded;

    /** {@code limitMb} = 0: no limit. */
    HeapLimit(long limitMb) {
        this.limitBytes = limitMb <= 0 ? Long.MAX_VALUE : limitMb * MB;
    }

    boolean exceeded() {
        if (limitBytes == Long.MAX_VALUE) return false;
        if (exceeded) return true;
        if (used() <= limitBytes) return false;
        long now = System.nanoTime();
        if (now - lastGcNanos < GC_INTERVAL_NANOS) return false;
        lastGcNanos = now;
        System.gc();
        exceeded = used() > limitBytes;
        return exceeded;
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
