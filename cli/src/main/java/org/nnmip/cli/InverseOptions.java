package org.nnmip.cli;

import picocli.CommandLine.Option;

/** Options shared by the inverse-problem commands (visualize, adversarial): input box, integrality, limit, output. */
final class InverseOptions {
    @Option(names = "--lo", paramLabel = "X1,...", description = "Lower input bounds (default: the network's, if any).")
    String lo;

    @Option(names = "--hi", paramLabel = "X1,...", description = "Upper input bounds (default: the network's, if any).")
    String hi;

    @Option(names = "--integer", description = "Integer-valued inputs only.")
    boolean integer;

    @Option(names = "--time-limit", paramLabel = "S", description = "Time limit in seconds (default none).")
    Double timeLimit;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;
}
