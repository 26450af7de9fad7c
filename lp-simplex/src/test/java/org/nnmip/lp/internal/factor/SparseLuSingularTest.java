package org.nnmip.lp.internal.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseLuSingularTest {

    /** A regular random basis (checked with the dense reference) and its fixture. */
    private record Regular(BasisFixture fx, int[] basis) {}

    private static Regular regular(Random rnd, int m, double density, double logicals) {
        while (true) {
            int[] basis = new int[m];
            BasisFixture fx = BasisFixture.random(rnd, m, density, logicals, basis);
            DenseLuFactor d = new DenseLuFactor();
            fx.install(d);
            if (d.factorize(basis.clone()) == 0) return new Regular(fx, basis);
        }
    }

    /** Factorises a basis of known rank deficiency and checks the repair. */
    private static void assertRepaired(BasisFixture fx, int[] basis, int deficiency, Random rnd) {
        SparseLuFactor f = new SparseLuFactor();
        fx.install(f);
        int[] repaired = basis.clone();
        assertEquals(deficiency, f.factorize(repaired));
        int changed = 0;
        for (int k = 0; k < basis.length; k++) {
            if (repaired[k] != basis[k]) {
                changed++;
                assertTrue(repaired[k] >= fx.n, "a repaired position must hold a logical");
            }
        }
        assertEquals(deficiency, changed);
        DenseLuFactor dense = new DenseLuFactor();
        fx.install(dense);
        assertEquals(0, dense.factorize(repaired.clone()), "the repaired basis must be regular");
        SparseLuFactorTest.assertSolves(fx, repaired, f, dense, rnd);
        // Factorising the repaired basis again needs no repair.
        assertEquals(0, f.factorize(repaired.clone()));
    }

    @Test
    void duplicateColumnsAndDuplicateVariables() {
        Random rnd = new Random(31);
        for (int m : new int[]{2, 10, 60, 150}) {
            Regular r = regular(rnd, m, 0.1, 0.3);
            int[] basis = r.basis().clone();
            int k = m / 2;
            int p = (k + 1) % m;
            // Same variable twice.
            basis[p] = basis[k];
            assertRepaired(r.fx(), basis, 1, rnd);
            // A different structural with the same column as position k.
            basis = r.basis().clone();
            BasisFixture fx = r.fx().withExtraColumns(List.of(r.fx().column(basis[k])), basis);
            basis[p] = fx.n - 1;
            assertRepaired(fx, basis, 1, rnd);
        }
    }

    @Test
    void zeroColumn() {
        Random rnd = new Random(32);
        Regular r = regular(rnd, 40, 0.1, 0.5);
        int[] basis = r.basis().clone();
        BasisFixture fx = r.fx().withExtraColumns(List.of(new double[40]), basis);
        basis[7] = fx.n - 1;
        assertRepaired(fx, basis, 1, rnd);
    }

    @Test
    void rankDeficientBlocks() {
        Random rnd = new Random(33);
        for (int m : new int[]{5, 30, 120}) {
            for (double density : new double[]{0.03, 0.3, 0.7}) {
                Regular r = regular(rnd, m, density, 0.2);
                int[] basis = r.basis().clone();
                int[] pos = BasisFixture.permutation(rnd, m);
                // Positions pos[0], pos[1] become combinations of positions pos[2..4]: rank m - 2.
                double[] c2 = r.fx().column(basis[pos[2]]);
                double[] c3 = r.fx().column(basis[pos[3]]);
                double[] c4 = r.fx().column(basis[pos[4]]);
                double[] comb1 = new double[m];
                double[] comb2 = new double[m];
                for (int i = 0; i < m; i++) {
                    comb1[i] = c2[i] + 0.5 * c3[i];
                    comb2[i] = 2 * c2[i] - c3[i] + 3 * c4[i];
                }
                List<double[]> extra = new ArrayList<>(List.of(comb1, comb2));
                BasisFixture fx = r.fx().withExtraColumns(extra, basis);
                basis[pos[0]] = fx.n - 2;
                basis[pos[1]] = fx.n - 1;
                assertRepaired(fx, basis, 2, rnd);
            }
        }
    }

    @Test
    void numericallySingularColumnIsRepaired() {
        Random rnd = new Random(34);
        Regular r = regular(rnd, 50, 0.2, 0.2);
        int[] basis = r.basis().clone();
        double[] a = r.fx().column(basis[1]);
        double[] b = r.fx().column(basis[2]);
        double[] comb = new double[50];
        for (int i = 0; i < 50; i++) comb[i] = a[i] - b[i] + (i == 7 ? 1e-14 : 0);
        BasisFixture fx = r.fx().withExtraColumns(List.of(comb), basis);
        basis[10] = fx.n - 1;
        assertRepaired(fx, basis, 1, rnd);
    }

    @Test
    void allColumnsIdentical() {
        Random rnd = new Random(35);
        int m = 12;
        double[] c = new double[m];
        for (int i = 0; i < m; i++) c[i] = 1 + i;
        BasisFixture fx = new BasisFixture(m, List.of(c));
        int[] basis = new int[m];
        assertRepaired(fx, basis, m - 1, rnd);
    }
}
