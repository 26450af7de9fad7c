package org.nnmip.perf.mip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.nnmip.io.ModelFiles;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

/**
 * Writes seeded multi-second MIPs for the thread speed-up measurement ({@code MipBenchmark --dir DIR --speedup}):
 * multi-dimensional knapsacks in the style of Chu and Beasley 1998 (weights uniform in [1,1000], capacities a
 * quarter of the row sums, profits correlated with the weights) and near-unicost set covers (costs 1..3). Sizes are chosen
 * so that one thread needs some seconds to tens of seconds here.
 *
 * <p>Usage: {@code HardMipGenerator OUTDIR [--knapsacks K] [--covers C] [--items N] [--dims M] [--seed S]}.
 */
public final class HardMipGenerator {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) throw new IllegalArgumentException("usage: HardMipGenerator OUTDIR [options]");
        Path out = Path.of(args[0]);
        int knapsacks = 3, covers = 2, items = 60, dims = 5;
        long seed = 1;
        for (int a = 1; a + 1 < args.length; a += 2) {
            switch (args[a]) {
                case "--knapsacks" -> knapsacks = Integer.parseInt(args[a + 1]);
                case "--covers" -> covers = Integer.parseInt(args[a + 1]);
                case "--items" -> items = Integer.parseInt(args[a + 1]);
                case "--dims" -> dims = Integer.parseInt(args[a + 1]);
                case "--seed" -> seed = Long.parseLong(args[a + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        Files.createDirectories(out);
        for (int k = 0; k < knapsacks; k++) {
            Model m = knapsack(new SplittableRandom(seed * 1000 + k), items, dims);
            ModelFiles.write(m, out.resolve(m.name() + ".mps"));
        }
        for (int k = 0; k < covers; k++) {
            Model m = setCover(new SplittableRandom(seed * 2000 + k), 5 * items, 2 * items);
            ModelFiles.write(m, out.resolve(m.name() + ".mps"));
        }
    }

    static Model knapsack(SplittableRandom r, int n, int dims) {
        Model m = new Model("mkp-" + n + "x" + dims + "-" + Math.abs(r.nextInt() % 1000));
        Variable[] x = new Variable[n];
        for (int j = 0; j < n; j++) x[j] = m.binary("x" + j);
        double[][] w = new double[dims][n];
        double[] colSum = new double[n];
        for (int i = 0; i < dims; i++) {
            LinearExpr.Builder e = LinearExpr.builder();
            double sum = 0;
            for (int j = 0; j < n; j++) {
                w[i][j] = 1 + r.nextInt(1000);
                sum += w[i][j];
                colSum[j] += w[i][j];
                e.add(w[i][j], x[j]);
            }
            m.le("cap" + i, e.build(), Math.floor(0.25 * sum));
        }
        LinearExpr.Builder obj = LinearExpr.builder();
        for (int j = 0; j < n; j++) obj.add(Math.floor(colSum[j] / dims + 500 * r.nextDouble()), x[j]);
        m.setObjective(obj.build(), ObjectiveSense.MAXIMIZE);
        return m;
    }

    static Model setCover(SplittableRandom r, int n, int rows) {
        Model m = new Model("scp-" + n + "x" + rows + "-" + Math.abs(r.nextInt() % 1000));
        Variable[] x = new Variable[n];
        for (int j = 0; j < n; j++) x[j] = m.binary("x" + j);
        for (int i = 0; i < rows; i++) {
            LinearExpr.Builder e = LinearExpr.builder();
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (r.nextDouble() < 0.06) {
                    e.add(1, x[j]);
                    count++;
                }
            }
            if (count < 2) {
                e.add(1, x[(i * 7) % n]);
                e.add(1, x[(i * 13 + 1) % n]);
            }
            m.ge("cover" + i, e.build(), 1);
        }
        LinearExpr.Builder obj = LinearExpr.builder();
        for (int j = 0; j < n; j++) obj.add(1 + r.nextInt(3), x[j]); // near-unicost covers have many near-optimal LP vertices
        m.setObjective(obj.build(), ObjectiveSense.MINIMIZE);
        return m;
    }
}
