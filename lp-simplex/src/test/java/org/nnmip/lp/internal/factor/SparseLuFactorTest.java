package org.nnmip.lp.internal.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseLuFactorTest {
    private static final double RESIDUAL_TOL = 1e-9;
    private static final double AGREEMENT_TOL = 1e-7;

    /** Checks ftran and btran on a few right-hand sides by residual, and against a reference factor if given. */
    static void assertSolves(BasisFixture fx, int[] basis, BasisFactor f, BasisFactor reference, Random rnd) {
        int m = fx.m;
        double norm = Math.max(1.0, fx.normInf(basis));
        for (int trial = 0; trial < 4; trial++) {
            double density = trial == 0 ? 1.0 : trial == 1 ? 0.0 : 0.1 * trial;
            double[] b = BasisFixture.randomRhs(rnd, m, density);
            double[] x = b.clone();
            f.ftran(x);
            double res = BasisFixture.maxAbsDiff(fx.times(basis, x), b);
            assertTrue(res <= RESIDUAL_TOL * (norm * BasisFixture.maxAbs(x) + BasisFixture.maxAbs(b)),
                    "ftran residual " + res + " m=" + m);
            if (reference != null) {
                double[] xr = b.clone();
                reference.ftran(xr);
                assertTrue(BasisFixture.maxAbsDiff(x, xr) <= AGREEMENT_TOL * Math.max(1, BasisFixture.maxAbs(xr)),
                        "ftran disagrees with the reference, m=" + m);
            }
            double[] c = BasisFixture.randomRhs(rnd, m, density);
            double[] y = c.clone();
            f.btran(y);
            res = BasisFixture.maxAbsDiff(fx.transposeTimes(basis, y), c);
            assertTrue(res <= RESIDUAL_TOL * (norm * BasisFixture.maxAbs(y) + BasisFixture.maxAbs(c)),
                    "btran residual " + res + " m=" + m);
            if (reference != null) {
                double[] yr = c.clone();
                reference.btran(yr);
                assertTrue(BasisFixture.maxAbsDiff(y, yr) <= AGREEMENT_TOL * Math.max(1, BasisFixture.maxAbs(yr)),
                        "btran disagrees with the reference, m=" + m);
            }
        }
    }

    @Test
    void randomBasesAgreeWithDenseReference() {
        Random rnd = new Random(11);
        int[] sizes = {1, 2, 3, 5, 10, 31, 80, 200};
        double[] densities = {0.01, 0.05, 0.2, 0.6};
        double[] logicalFractions = {0.0, 0.3, 0.85};
        int checked = 0;
        for (int m : sizes) {
            for (double d : densities) {
                for (double lf : logicalFractions) {
                    int[] basis = new int[m];
                    BasisFixture fx = BasisFixture.random(rnd, m, d, lf, basis);
                    SparseLuFactor sparse = new SparseLuFactor();
                    DenseLuFactor dense = new DenseLuFactor();
                    fx.install(sparse);
                    fx.install(dense);
                    int[] basisDense = BasisFixture.copy(basis);
                    int repairedDense = dense.factorize(basisDense);
                    int[] basisSparse = BasisFixture.copy(basis);
                    int repairedSparse = sparse.factorize(basisSparse);
                    if (repairedDense == 0) {
                        assertEquals(0, repairedSparse, "m=" + m + " d=" + d);
                        assertArrayEquals(basis, basisSparse);
                        assertSolves(fx, basis, sparse, dense, rnd);
                        checked++;
                    } else {
                        assertSolves(fx, basisSparse, sparse, null, rnd);
                    }
                    assertEquals(0, sparse.updateCount());
                    assertTrue(sparse.nonzeros() >= m);
                }
            }
        }
        assertTrue(checked >= 80, "too few regular random bases: " + checked);
    }

    @Test
    void allLogicalBasisIsAPermutationWithoutFill() {
        Random rnd = new Random(3);
        int m = 40;
        int[] basis = new int[m];
        BasisFixture fx = BasisFixture.random(rnd, m, 0.1, 1.0, basis);
        int[] perm = BasisFixture.permutation(rnd, m);
        for (int k = 0; k < m; k++) basis[k] = fx.n + perm[k];
        SparseLuFactor f = new SparseLuFactor();
        fx.install(f);
        assertEquals(0, f.factorize(basis));
        assertEquals(m, f.nonzeros());
        double[] b = BasisFixture.randomRhs(rnd, m, 0.5);
        double[] x = b.clone();
        f.ftran(x);
        for (int k = 0; k < m; k++) assertEquals(b[perm[k]], x[k], 0.0);
        double[] y = b.clone();
        f.btran(y);
        for (int k = 0; k < m; k++) assertEquals(b[k], y[perm[k]], 0.0);
    }

    @Test
    void permutedTriangularBasisHasNoFill() {
        Random rnd = new Random(5);
        for (boolean upper : new boolean[]{true, false}) {
            for (int m : new int[]{1, 7, 60, 150}) {
                int[] rowPerm = BasisFixture.permutation(rnd, m);
                List<double[]> cols = new ArrayList<>();
                int nnz = 0;
                for (int j = 0; j < m; j++) {
                    double[] c = new double[m];
                    for (int i = 0; i < m; i++) {
                        boolean inTriangle = upper ? i < j : i > j;
                        if (inTriangle && rnd.nextDouble() < 0.3) c[rowPerm[i]] = rnd.nextGaussian();
                    }
                    c[rowPerm[j]] = 1 + rnd.nextDouble();
                    for (double v : c) if (v != 0) nnz++;
                    cols.add(c);
                }
                BasisFixture fx = new BasisFixture(m, cols);
                int[] colPerm = BasisFixture.permutation(rnd, m);
                int[] basis = colPerm.clone();
                SparseLuFactor f = new SparseLuFactor();
                DenseLuFactor dense = new DenseLuFactor();
                fx.install(f);
                fx.install(dense);
                assertEquals(0, f.factorize(basis));
                assertEquals(0, dense.factorize(basis.clone()));
                assertTrue(f.nonzeros() <= nnz, "fill in a triangular basis: " + f.nonzeros() + " > " + nnz);
                assertEquals(m, f.pivotStages()[0], "a triangular basis is all singletons");
                assertSolves(fx, basis, f, dense, rnd);
            }
        }
    }

    @Test
    void networkLikeDenseBlocksUseTheDenseFinishCorrectly() {
        Random rnd = new Random(9);
        int blocks = 4;
        int bs = 50;
        int m = blocks * bs + 30;
        List<double[]> cols = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            for (int jj = 0; jj < bs; jj++) {
                double[] c = new double[m];
                for (int ii = 0; ii < bs; ii++) if (rnd.nextDouble() < 0.7) c[b * bs + ii] = rnd.nextGaussian();
                c[b * bs + jj] += 3;
                // coupling to the tail rows and the next block
                if (rnd.nextDouble() < 0.2) c[blocks * bs + rnd.nextInt(30)] = rnd.nextGaussian();
                if (b + 1 < blocks && rnd.nextDouble() < 0.1) c[(b + 1) * bs + rnd.nextInt(bs)] = 1;
                cols.add(c);
            }
        }
        BasisFixture fx = new BasisFixture(m, cols);
        int[] basis = new int[m];
        for (int k = 0; k < blocks * bs; k++) basis[k] = k;
        for (int k = blocks * bs; k < m; k++) basis[k] = fx.n + k; // logicals of the tail rows
        SparseLuFactor f = new SparseLuFactor();
        DenseLuFactor dense = new DenseLuFactor();
        fx.install(f);
        fx.install(dense);
        assertEquals(0, dense.factorize(basis.clone()));
        assertEquals(0, f.factorize(basis));
        assertTrue(f.pivotStages()[2] > 0, "the dense blocks should end in the dense kernel");
        assertSolves(fx, basis, f, dense, rnd);
    }

    @Test
    void markowitzStageHandlesASparseNucleus() {
        Random rnd = new Random(13);
        int m = 200;
        int[] basis = new int[m];
        BasisFixture fx = BasisFixture.random(rnd, m, 0.01, 0.0, basis);
        SparseLuFactor f = new SparseLuFactor();
        DenseLuFactor dense = new DenseLuFactor();
        fx.install(f);
        fx.install(dense);
        assertEquals(0, dense.factorize(basis.clone()));
        assertEquals(0, f.factorize(basis));
        int[] stages = f.pivotStages();
        assertEquals(m, stages[0] + stages[1] + stages[2]);
        assertTrue(stages[1] > 20, "expected a Markowitz phase: " + java.util.Arrays.toString(stages));
        assertSolves(fx, basis, f, dense, rnd);
    }

    @Test
    void badlyScaledBasesNeedNoRepairAndSolve() {
        Random rnd = new Random(17);
        for (int m : new int[]{20, 90}) {
            for (double d : new double[]{0.05, 0.4}) {
                int[] basis = new int[m];
                BasisFixture base = BasisFixture.random(rnd, m, d, 0.3, basis);
                double[] rowScale = new double[m];
                for (int i = 0; i < m; i++) rowScale[i] = Math.pow(10, rnd.nextInt(7) - 3);
                List<double[]> cols = new ArrayList<>();
                for (int j = 0; j < base.n; j++) {
                    double[] c = base.column(j);
                    double colScale = Math.pow(10, rnd.nextInt(7) - 3);
                    for (int i = 0; i < m; i++) c[i] *= rowScale[i] * colScale;
                    cols.add(c);
                }
                BasisFixture fx = new BasisFixture(m, cols);
                SparseLuFactor f = new SparseLuFactor();
                DenseLuFactor dense = new DenseLuFactor();
                fx.install(f);
                fx.install(dense);
                int[] basisDense = basis.clone();
                int expected = dense.factorize(basisDense);
                int[] basisSparse = basis.clone();
                assertEquals(expected, f.factorize(basisSparse), "m=" + m + " d=" + d);
                assertSolves(fx, basisSparse, f, expected == 0 ? dense : null, rnd);
            }
        }
    }

    @Test
    void emptyBasisAndMisuse() {
        SparseLuFactor f = new SparseLuFactor();
        f.setMatrix(0, 0, new int[]{0}, new int[0], new double[0]);
        assertEquals(0, f.factorize(new int[0]));
        double[] x = new double[0];
        f.ftran(x);
        f.btran(x);
        assertEquals(0, f.nonzeros());

        SparseLuFactor g = new SparseLuFactor();
        g.setMatrix(2, 1, new int[]{0, 1}, new int[]{0}, new double[]{2});
        assertThrows(IllegalStateException.class, () -> g.ftran(new double[2]));
        assertThrows(IllegalArgumentException.class, () -> g.factorize(new int[]{0, 3}));
        assertThrows(IllegalArgumentException.class, () -> g.factorize(new int[]{0}));
        assertEquals(0, g.factorize(new int[]{0, 2}));
        assertThrows(IllegalStateException.class, () -> g.update(0, new double[]{1, 0}));
        double[] b = {4, 5};
        g.ftran(b);
        assertArrayEquals(new double[]{2, 5}, b, 0.0);
        assertFalse(g.nonzeros() < 2);
    }
}
