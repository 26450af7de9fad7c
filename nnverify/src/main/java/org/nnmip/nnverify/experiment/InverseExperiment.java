package org.nnmip.nnverify.experiment;

/** thesis ch. 4 — feature visualisation and adversarial tables on the breast-cancer classifier. */
public final class InverseExperiment implements Experiment {
    @Override public String name() { return "inverse"; }

    @Override public String description() { return "thesis ch. 4 — feature visualisation and adversarial tables on the breast-cancer classifier"; }

    @Override
    public ExperimentReport run(ExperimentContext context) {
        throw new UnsupportedOperationException("experiment inverse is not implemented yet");
    }
}
