package org.nnmip.nnverify.experiment;

/** Jordan & Dimakis, LipMIP — Tables 1/2/4, Figures 1 and 5. */
public final class LipschitzExperiment implements Experiment {
    @Override public String name() { return "lipschitz"; }

    @Override public String description() { return "Jordan & Dimakis, LipMIP — Tables 1/2/4, Figures 1 and 5"; }

    @Override
    public ExperimentReport run(ExperimentContext context) {
        throw new UnsupportedOperationException("experiment lipschitz is not implemented yet");
    }
}
