package org.nnmip.perf.mip;

import java.nio.file.Path;
import java.util.List;

import org.nnmip.io.ModelFiles;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.model.Model;

/**
 * Root-cut effect table: for each MIPLIB instance the root bound with no cuts, with knapsack-cover + MIR, and with
 * Gomory mixed-integer cuts added (node limit 0, so the bound is the root LP after the cut loop); the share of the
 * root gap closed, {@code (z_cuts - z_lp) / (opt - z_lp)}; and nodes and time of full single-threaded solves
 * without and with GMI (interleaved). Usage: {@code CutComparison [--dir DIR] [--instances a,b] [--time-limit S]}.
 */
public final class CutComparison {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of("testdata", "mip");
        List<String> names = List.of("p0033", "flugpl", "egout", "stein27", "enigma", "lseu", "mod008", "bell5",
                "p0201");
        double timeLimit = 120;
        for (int a = 0; a + 1 < args.length; a += 2) {
            switch (args[a]) {
                case "--dir" -> dir = Path.of(args[a + 1]);
                case "--instances" -> names = List.of(args[a + 1].split(","));
                case "--time-limit" -> timeLimit = Double.parseDouble(args[a + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        KnownOptima optima = KnownOptima.read(dir.resolve("miplib3.solu"));
        MipParameters base = MipParameters.defaults().withThreads(1).withRelativeGap(1e-9)
                .withTimeLimitSeconds(timeLimit);
        System.out.println("| instance | optimum | root LP | + cover/MIR | + GMI | gap closed w/o GMI | gap closed with GMI"
                + " | nodes w/o GMI | nodes with GMI | time w/o GMI (s) | time with GMI (s) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names) {
            Model model = ModelFiles.read(dir.resolve(name + ".mps"));
            double opt = optima.optimum(name);
            double zLp = rootBound(model, base.withCuts(false));
            double zMir = rootBound(model, base.withGomoryCuts(false));
            double zGmi = rootBound(model, base);
            MipResult off = new MipSolver().solve(model, base.withGomoryCuts(false));
            MipResult on = new MipSolver().solve(model, base);
            System.out.printf("| %s | %.6g | %.6g | %.6g | %.6g | %.1f%% | %.1f%% | %d%s | %d%s | %.2f | %.2f |%n", name,
                    opt, zLp, zMir, zGmi, closed(zLp, zMir, opt), closed(zLp, zGmi, opt), off.nodes(),
                    mark(off, opt), on.nodes(), mark(on, opt), off.timeSeconds(), on.timeSeconds());
        }
    }

    private static double rootBound(Model model, MipParameters p) {
        return new MipSolver().solve(model, p.withNodeLimit(0)).bestBound();
    }

    private static double closed(double zLp, double z, double opt) {
        double g = opt - zLp;
        return Math.abs(g) < 1e-9 ? 100.0 : 100.0 * (z - zLp) / g;
    }

    /** Flags a solve that did not prove the known optimum. */
    private static String mark(MipResult r, double opt) {
        boolean ok = r.status() == org.nnmip.mip.MipStatus.OPTIMAL
                && Math.abs(r.objective() - opt) <= 1e-6 * Math.max(1, Math.abs(opt));
        return ok ? "" : " (" + r.status() + ")";
    }
}
