package org.nnmip.mip;

/**
 * One progress report, in the problem's own objective sense.
 *
 * @param source       'H' new incumbent from a heuristic, 'B' from branching (integral LP), ' ' periodic,
 *                     'R' root summary, 'F' final
 * @param nodes        nodes processed
 * @param open         open nodes
 * @param incumbent    best objective found (NaN if none)
 * @param bestBound    proven bound
 * @param gap          relative gap (HiGHS definition)
 * @param lpIterations simplex iterations so far
 * @param timeSeconds  elapsed
 */
public record NodeLogEvent(char source, long nodes, long open, double incumbent, double bestBound, double gap,
                           long lpIterations, double timeSeconds) {
}
