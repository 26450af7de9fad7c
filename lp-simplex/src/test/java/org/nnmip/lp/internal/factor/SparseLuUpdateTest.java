package org.nnmip.lp.internal.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseLuUpdateTest {

    private static DenseLuFactor freshDense(BasisFixture fx, int[] basis) {
        DenseLuFactor d = new DenseLuFactor();
        fx.install(d);
        assertEquals(0, d.factorize(basis.clone()), "test basis became singular");
        return d;
    }

    @Test
    void longRandomUpdateSequencesMatchAFreshFactorisation() {
        Random rnd = new Random(21);
        double[][] configs = {{60, 0.05, 0.5}, {120, 0.02, 0.7}, {40, 0.4, 0.2}, {150, 0.01, 0.9}, {8, 0.5, 0.0}};
        for (double[] cfg : configs) {
            int m = (int) cfg[0];
            int[] basis = new int[m];
            BasisFixture fx = BasisFixture.random(rnd, m, cfg[1], cfg[2], basis);
            SparseLuFactor f = new SparseLuFactor();
            fx.install(f);
            f.factorize(basis);
            int accepted = 0;
            int refused = 0;
            long nonzerosAtStart = f.nonzeros();
            for (int step = 0; step < 130; step++) {
                boolean[] isBasic = new boolean[fx.n + m];
                for (int v : basis) isBasic[v] = true;
                int q;
                do q = rnd.nextInt(fx.n + m); while (isBasic[q]);
                double[] a = fx.column(q);
                double[] alpha = a.clone();
                f.ftranForUpdate(alpha);
                double[] r = fx.times(basis, alpha);
                assertTrue(BasisFixture.maxAbsDiff(r, a) <= 1e-9 * (1 + fx.normInf(basis) * BasisFixture.maxAbs(alpha)));
                // Solves in between, as the simplex does (DSE weights, row of the tableau).
                f.btran(BasisFixture.randomRhs(rnd, m, 0.3));
                f.ftran(BasisFixture.randomRhs(rnd, m, 0.3));
                double amax = BasisFixture.maxAbs(alpha);
                List<Integer> candidates = new ArrayList<>();
                for (int k = 0; k < m; k++) if (Math.abs(alpha[k]) >= 0.1 * amax) candidates.add(k);
                int p = candidates.get(rnd.nextInt(candidates.size()));
                basis[p] = q;
                if (f.update(p, alpha)) {
                    accepted++;
                } else {
                    refused++;
                    assertEquals(0, f.factorize(basis));
                }
                if (step % 10 == 9 || step == 129) {
                    SparseLuFactorTest.assertSolves(fx, basis, f, freshDense(fx, basis), rnd);
                }
            }
            assertTrue(accepted >= 120, "m=" + m + " accepted " + accepted + " refused " + refused);
            assertTrue(f.updateCount() > 0);
            assertTrue(f.nonzeros() >= m && nonzerosAtStart >= m);
        }
    }

    @Test
    void updateAfterRefactorisationStartsCountingAgain() {
        Random rnd = new Random(4);
        int m = 30;
        int[] basis = new int[m];
        BasisFixture fx = BasisFixture.random(rnd, m, 0.1, 0.5, basis);
        SparseLuFactor f = new SparseLuFactor();
        fx.install(f);
        f.factorize(basis);
        int q = 0;
        while (contains(basis, q)) q++;
        double[] alpha = fx.column(q);
        f.ftranForUpdate(alpha);
        int p = argMaxAbs(alpha);
        basis[p] = q;
        assertTrue(f.update(p, alpha));
        assertEquals(1, f.updateCount());
        assertEquals(0, f.factorize(basis));
        assertEquals(0, f.updateCount());
        SparseLuFactorTest.assertSolves(fx, basis, f, freshDense(fx, basis), rnd);
    }

    @Test
    void nearZeroPivotIsRefusedAndLeavesTheFactorIntact() {
        Random rnd = new Random(8);
        int m = 50;
        int[] basis = new int[m];
        BasisFixture base = BasisFixture.random(rnd, m, 0.08, 0.3, basis);
        int k = 3;
        int p = 17;
        double[] copyOfK = base.column(basis[k]);
        double[] nearlyK = base.column(basis[k]);
        double[] colP = base.column(basis[p]);
        for (int i = 0; i < m; i++) nearlyK[i] += 1e-13 * colP[i];
        BasisFixture fx = base.withExtraColumns(List.of(copyOfK, nearlyK), basis);
        int copyVar = base.n;
        int nearlyVar = base.n + 1;
        SparseLuFactor f = new SparseLuFactor();
        fx.install(f);
        assertEquals(0, f.factorize(basis));
        for (int entering : new int[]{copyVar, nearlyVar}) {
            double[] alpha = fx.column(entering);
            f.ftranForUpdate(alpha);
            assertEquals(1.0, alpha[k], 1e-9);
            assertFalse(f.update(p, alpha), "a pivot of " + alpha[p] + " must be refused");
            assertEquals(0, f.updateCount());
            SparseLuFactorTest.assertSolves(fx, basis, f, freshDense(fx, basis), rnd);
        }
        // The same column replacing the position it duplicates is a perfectly good update.
        double[] alpha = fx.column(copyVar);
        f.ftranForUpdate(alpha);
        assertTrue(f.update(k, alpha));
        basis[k] = copyVar;
        SparseLuFactorTest.assertSolves(fx, basis, f, freshDense(fx, basis), rnd);
    }

    static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    static int argMaxAbs(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (Math.abs(a[i]) > Math.abs(a[best])) best = i;
        return best;
    }
}
