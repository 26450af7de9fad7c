package org.nnmip.lp.solver;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpCertificates;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lagrangian bound that certifies objective cutoffs: tight at optimal duals, valid for any multipliers. */
class LagrangianBoundTest {
    @Test
    void boundIsTightAtOptimalDualsAndValidForPerturbedOnes() {
        int optimal = 0;
        for (long seed = 0; seed < 200; seed++) {
            LpProblem p = RandomLps.generate(seed, 20, 25, false);
            LpSolver s = new LpSolver(p);
            if (s.solve() != LpStatus.OPTIMAL) continue;
            optimal++;
            double z = s.objectiveValue();
            double[] y = s.result().rowDuals();
            double scale = Math.max(1, Math.abs(z));
            double tight = LpCertificates.lagrangianBound(p, y);
            // At optimal duals the bound is the optimum (or -inf when a free column's reduced cost is round-off
            // large); it never passes the optimum.
            if (Double.isFinite(tight)) assertEquals(z, tight, 1e-6 * scale, "seed " + seed);
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int k = 0; k < 5; k++) {
                double[] yp = y.clone();
                for (int i = 0; i < yp.length; i++) yp[i] += rnd.nextDouble(-1, 1);
                double b = LpCertificates.lagrangianBound(p, yp);
                boolean valid = p.sense() == Sense.MINIMIZE ? b <= z + 1e-9 * scale : b >= z - 1e-9 * scale;
                assertTrue(valid, "seed " + seed + ": bound " + b + " passes the optimum " + z);
            }
        }
        assertTrue(optimal > 100, "too few optimal instances: " + optimal);
    }

    @Test
    void cutoffIsOnlyReportedWhenTheDualsProveIt() {
        int cutoffs = 0;
        for (long seed = 0; seed < 150; seed++) {
            LpProblem p = RandomLps.generate(seed, 20, 25, false);
            LpSolver ref = new LpSolver(p);
            if (ref.solve() != LpStatus.OPTIMAL) continue;
            double z = ref.objectiveValue();
            double gapSide = p.sense() == Sense.MINIMIZE ? -1 : 1;
            double cutoff = z + gapSide * 1e-3 * Math.max(1, Math.abs(z));
            LpSolver c = new LpSolver(p, LpParameters.defaults().withObjectiveCutoff(cutoff));
            LpStatus st = c.solve();
            if (st == LpStatus.OBJECTIVE_CUTOFF) {
                cutoffs++;
                double b = LpCertificates.lagrangianBound(p, c.result().rowDuals());
                assertTrue(p.sense() == Sense.MINIMIZE ? b > cutoff : b < cutoff, "seed " + seed);
            } else {
                assertEquals(LpStatus.OPTIMAL, st, "seed " + seed);
                assertEquals(z, c.objectiveValue(), 1e-6 * Math.max(1, Math.abs(z)), "seed " + seed);
            }
        }
        assertTrue(cutoffs > 50, "the cutoff should usually fire: " + cutoffs);
    }
}
