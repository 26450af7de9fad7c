package org.nnmip.nnverify.experiment;

import java.io.IOException;

/**
 * One reproducible experiment of a paper: trains or generates what it needs, solves, and writes a Markdown report
 * with tables and plots (and the networks it trained) into the context's output directory.
 */
public interface Experiment {
    /** The name on the command line ({@code nnmip experiment NAME}). */
    String name();

    /** One line: the paper and what is reproduced. */
    String description();

    /**
     * Runs the experiment and returns the report it wrote (inside {@link ExperimentContext#outDir()}). In
     * {@link ExperimentContext#quick()} mode sizes are small enough for the test suite, and the report still
     * checks the invariants the paper states (each reported in {@link ExperimentReport#checks()}).
     */
    ExperimentReport run(ExperimentContext context) throws IOException;
}
