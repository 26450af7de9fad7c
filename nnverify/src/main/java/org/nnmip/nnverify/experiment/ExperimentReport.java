package org.nnmip.nnverify.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * What an experiment run produced: the Markdown report, every other file it wrote (plots, networks, data), and the
 * invariants it checked with their outcome, so tests and the CLI can say plainly whether the paper's claims held.
 */
public record ExperimentReport(Path report, List<Path> files, List<Check> checks) {
    public ExperimentReport {
        files = List.copyOf(files);
        checks = List.copyOf(checks);
    }

    /** True when every checked invariant held. */
    public boolean allChecksPassed() {
        return checks.stream().allMatch(Check::passed);
    }

    /** One invariant the paper states (e.g. "r_AB = r_A for pruned copies") and whether our numbers satisfy it. */
    public record Check(String statement, boolean passed, String detail) {
    }
}
