package org.nnmip.nnverify.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where and how an experiment runs: output directory, quick (test-sized) mode, seed, solver threads, a time limit per
 * MILP, and where progress goes.
 *
 * @param timeLimitSeconds time limit of each single MILP / solve; an experiment reports a limit hit, never hides it
 */
public record ExperimentContext(Path outDir, boolean quick, long seed, int threads, double timeLimitSeconds, Progress progress) {
    public ExperimentContext {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (!(timeLimitSeconds > 0)) throw new IllegalArgumentException("time limit must be positive, got " + timeLimitSeconds);
        if (progress == null) progress = Progress.NONE;
    }

    /** A file inside the output directory (its parent directories created). */
    public Path file(String relative) throws IOException {
        Path p = outDir.resolve(relative);
        Files.createDirectories(p.getParent());
        return p;
    }
}
