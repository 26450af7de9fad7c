package org.nnmip.lp.internal.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Random small bases, including singular ones, under random update sequences. */
class SparseLuPropertyTest {

    @Property(tries = 150, seed = "20261125")
    void factorAndUpdatesSolveTheCurrentBasis(@ForAll @IntRange(min = 1, max = 30) int m,
                                              @ForAll @DoubleRange(min = 0.0, max = 0.7) double density,
                                              @ForAll @DoubleRange(min = 0.0, max = 1.0) double logicals,
                                              @ForAll @IntRange(min = 0, max = 25) int numUpdates,
                                              @ForAll long seed) {
        Random rnd = new Random(seed);
        int[] basis = new int[m];
        BasisFixture fx = BasisFixture.random(rnd, m, density, logicals, basis);
        // Make some bases singular on purpose: a repeated variable.
        if (m > 2 && rnd.nextInt(4) == 0) basis[rnd.nextInt(m)] = basis[0];
        SparseLuFactor f = new SparseLuFactor();
        DenseLuFactor d = new DenseLuFactor();
        fx.install(f);
        fx.install(d);
        int[] original = basis.clone();
        int repaired = f.factorize(basis);
        int changed = 0;
        for (int k = 0; k < m; k++) if (basis[k] != original[k]) changed++;
        assertEquals(changed, repaired);
        assertEquals(d.factorize(original.clone()), repaired, "rank deficiency must agree with the dense LU");
        for (int u = 0; u < numUpdates; u++) {
            int q = rnd.nextInt(fx.n + m);
            if (SparseLuUpdateTest.contains(basis, q)) continue;
            double[] alpha = fx.column(q);
            f.ftranForUpdate(alpha);
            int p = rnd.nextInt(m);
            int[] next = basis.clone();
            next[p] = q;
            if (f.update(p, alpha)) {
                basis = next;
            } else {
                assertTrue(Math.abs(alpha[p]) <= 1e-6 * Math.max(1, BasisFixture.maxAbs(alpha))
                        || f.updateCount() > 0, "a reasonable pivot on a fresh factor was refused");
            }
        }
        SparseLuFactorTest.assertSolves(fx, basis, f, null, rnd);
    }
}
