package org.nnmip.nnverify.experiment;

/** Cheng et al., maximum resilience — Table 1 heuristic ablation and Table 2 (Phi_m for several alpha). */
public final class ResilienceExperiment implements Experiment {
    @Override public String name() { return "resilience"; }

    @Override public String description() { return "Cheng et al., maximum resilience — Table 1 heuristic ablation and Table 2 (Phi_m for several alpha)"; }

    @Override
    public ExperimentReport run(ExperimentContext context) {
        throw new UnsupportedOperationException("experiment resilience is not implemented yet");
    }
}
