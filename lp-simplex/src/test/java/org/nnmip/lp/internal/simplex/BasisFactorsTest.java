package org.nnmip.lp.internal.simplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.internal.factor.DenseLuFactor;
import org.nnmip.lp.internal.factor.SparseLuFactor;
import org.nnmip.lp.testing.RandomLpGenerator;

/** The sparse LU is the default; the dense reference is selectable and gives the same optima on whole solves. */
class BasisFactorsTest {

    @Test
    void sparseByDefaultDenseOnRequest() {
        String old = System.getProperty(BasisFactors.DENSE_PROPERTY);
        try {
            System.clearProperty(BasisFactors.DENSE_PROPERTY);
            assertInstanceOf(SparseLuFactor.class, BasisFactors.create());
            System.setProperty(BasisFactors.DENSE_PROPERTY, "true");
            assertInstanceOf(DenseLuFactor.class, BasisFactors.create());
        } finally {
            restore(old);
        }
    }

    @Test
    void denseAndSparseFactorsReachTheSameOptima() {
        String old = System.getProperty(BasisFactors.DENSE_PROPERTY);
        try {
            RandomLpGenerator gen = new RandomLpGenerator(77, 40, 50);
            for (int t = 0; t < 20; t++) {
                String name = "instance " + t;
                LpProblem p = gen.feasibleBounded().problem();
                System.clearProperty(BasisFactors.DENSE_PROPERTY);
                SimplexEngine sparse = new SimplexEngine(p.copy(), LpParameters.defaults());
                System.setProperty(BasisFactors.DENSE_PROPERTY, "true");
                SimplexEngine dense = new SimplexEngine(p.copy(), LpParameters.defaults());
                assertEquals(LpStatus.OPTIMAL, sparse.solve(), name);
                assertEquals(LpStatus.OPTIMAL, dense.solve(), name);
                double z = dense.objectiveValue();
                assertEquals(z, sparse.objectiveValue(), 1e-7 * Math.max(1.0, Math.abs(z)), name);
            }
        } finally {
            restore(old);
        }
    }

    private static void restore(String old) {
        if (old == null) System.clearProperty(BasisFactors.DENSE_PROPERTY);
        else System.setProperty(BasisFactors.DENSE_PROPERTY, old);
    }
}
