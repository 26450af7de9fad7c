package org.nnmip.mip;

/**
 * A problem-specific primal heuristic (e.g. a network-evaluation repair in nnverify). Called at the root and then
 * every {@link MipParameters#heuristicFrequency()} nodes with the node's LP solution. Implementations must be
 * thread-safe (several workers may call them at once) and never print.
 */
public interface PrimalHeuristic {
    /** Name used in statistics. */
    String name();

    /** Looks for feasible points and hands them to {@link HeuristicContext#submit(double[])}. */
    void run(HeuristicContext context);
}
