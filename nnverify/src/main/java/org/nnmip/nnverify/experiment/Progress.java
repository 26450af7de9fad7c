package org.nnmip.nnverify.experiment;

/** Progress of a long experiment: a named phase of known length, advanced step by step. */
public interface Progress {
    /** Starts a phase of {@code total} steps (replacing any phase in progress). */
    void start(String phase, int total);

    /** One step of the current phase done; {@code detail} says which (e.g. the network or radius just finished). */
    void step(String detail);

    /** A line of news between phases (e.g. "trained A: loss 1.2e-4"). */
    void note(String message);

    /** Ignores everything (tests, library use). */
    Progress NONE = new Progress() {
        @Override public void start(String phase, int total) { }
        @Override public void step(String detail) { }
        @Override public void note(String message) { }
    };
}
