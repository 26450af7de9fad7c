package org.nnmip.nnverify.experiment;

/** Cui et al., certified invertibility — 1-D example, Brusselator, Van der Pol pruned copies (Table 1). */
public final class InvertibilityExperiment implements Experiment {
    @Override public String name() { return "invertibility"; }

    @Override public String description() { return "Cui et al., certified invertibility — 1-D example, Brusselator, Van der Pol pruned copies (Table 1)"; }

    @Override
    public ExperimentReport run(ExperimentContext context) {
        throw new UnsupportedOperationException("experiment invertibility is not implemented yet");
    }
}
