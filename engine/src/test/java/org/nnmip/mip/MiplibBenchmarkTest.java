package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Manual benchmark (run with {@code -Dnnmip.bench=1 [-Dnnmip.bench.instances=a,b] [-Dnnmip.bench.threads=1,2]}):
 * solves the MIPLIB 3 instances with each thread count and prints time, nodes and LP iterations.
 */
@EnabledIfSystemProperty(named = "nnmip.bench", matches = ".+")
class MiplibBenchmarkTest {
    @Test
    void benchmark() throws Exception {
        Map<String, Double> opt = MiplibTest.optima();
        String names = System.getProperty("nnmip.bench.instances",
                "p0033,flugpl,egout,stein27,enigma,lseu,p0201,mod008,bell5");
        String threads = System.getProperty("nnmip.bench.threads", "1");
        for (String name : names.split(",")) {
            for (String t : threads.split(",")) {
                var os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                MipResult r = MiplibTest.solve(name, Integer.parseInt(t));
                double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
                System.out.printf("BENCH %-8s threads=%s %-10s obj=%.6f opt=%.6f bound=%.6f nodes=%d iters=%d "
                                + "time=%.2fs cpu=%.2fs depth=%d sb=%d cuts=%d heur=%s%n", name, t, r.status(), r.objective(),
                        opt.get(name), r.bestBound(), r.nodes(), r.lpIterations(), r.timeSeconds(), cpu,
                        r.statistics().maxDepth(), r.statistics().strongBranchingLps(), r.statistics().cutsAdded(),
                        r.statistics().heuristicSuccesses());
                if (r.status() == MipStatus.OPTIMAL) {
                    assertEquals(opt.get(name), r.objective(), 1e-6 * Math.max(1, Math.abs(opt.get(name))), name);
                }
            }
        }
    }
}
