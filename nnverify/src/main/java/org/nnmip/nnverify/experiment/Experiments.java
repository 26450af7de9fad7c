package org.nnmip.nnverify.experiment;

import java.util.List;
import java.util.Optional;

/** The experiments {@code nnmip experiment NAME} knows, in the order they are listed. */
public final class Experiments {
    private Experiments() {
    }

    public static List<Experiment> all() {
        return List.of(new InvertibilityExperiment(), new ResilienceExperiment(), new InverseExperiment(), new LipschitzExperiment());
    }

    public static Optional<Experiment> byName(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
