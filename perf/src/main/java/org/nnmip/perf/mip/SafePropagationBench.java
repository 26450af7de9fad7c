package org.nnmip.perf.mip;

import java.nio.file.Path;
import java.util.Locale;
import org.nnmip.io.ModelFiles;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.model.Model;

/**
 * Safe-mode node throughput (nodes per second, one thread, deterministic, a node limit) on MPS files. Run it on two
 * builds (before/after a propagation change) interleaved by {@code perf/run-safe-propagation-bench.sh}.
 * Args: label nodeLimit file...
 */
public final class SafePropagationBench {
    private SafePropagationBench() {}

    public static void main(String[] args) throws Exception {
        String label = args[0];
        long nodeLimit = Long.parseLong(args[1]);
        for (int f = 2; f < args.length; f++) {
            Model model = ModelFiles.read(Path.of(args[f]));
            MipParameters p = MipParameters.defaults().withThreads(1).withDeterministic(true).withSafeBounds(true)
                    .withNodeLimit(nodeLimit).withTimeLimitSeconds(60);
            new MipSolver().solve(model, p.withNodeLimit(Math.max(1, nodeLimit / 10))); // warm-up
            long t0 = System.nanoTime();
            MipResult r = new MipSolver().solve(model, p);
            double secs = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "%s %s status=%s nodes=%d secs=%.3f nodes/s=%.1f bound=%.6g%n", label,
                    Path.of(args[f]).getFileName(), r.status(), r.nodes(), secs, r.nodes() / secs, r.bestBound());
        }
    }
}
