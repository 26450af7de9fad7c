package org.nnmip.mip;

/** Receives progress of the search (the library never prints). Called from worker threads, serialised. */
@FunctionalInterface
public interface NodeLogListener {
    void onProgress(NodeLogEvent event);
}
