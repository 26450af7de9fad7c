package org.nnmip.lp.solver;

import java.io.IOException;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.PricingRule;

/**
 * Not a test: prints iterations and best-of-3 wall time per netlib LP and pricing rule (after JIT warm-up).
 * Run with the test classpath and {@code -Dnnmip.testdata=<repo>/testdata}.
 */
public final class NetlibMeasurement {
    private NetlibMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        String[] names = {"afiro", "adlittle", "blend", "sc50a", "sc50b", "sc105", "share2b", "kb2"};
        for (int round = 0; round < 5; round++) {
            boolean report = round == 4;
            for (PricingRule pr : PricingRule.values()) {
                long totalIterations = 0;
                double totalMs = 0;
                for (String name : names) {
                    LpProblem p = TestMpsReader.read(NetlibTest.dir().resolve(name + ".mps"));
                    double best = Double.POSITIVE_INFINITY;
                    long it = 0;
                    for (int r = 0; r < 3; r++) {
                        long t0 = System.nanoTime();
                        LpSolver s = new LpSolver(p, LpParameters.defaults().withPricing(pr));
                        s.solve();
                        best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                        it = s.iterations();
                    }
                    totalIterations += it;
                    totalMs += best;
                    if (report) System.out.printf("%-9s %-18s it=%5d %8.2f ms%n", name, pr, it, best);
                }
                if (report) System.out.printf("total     %-18s it=%5d %8.2f ms%n", pr, totalIterations, totalMs);
            }
        }
    }
}
