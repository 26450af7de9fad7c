package org.nnmip.lp.internal.simplex;

import org.nnmip.lp.internal.factor.BasisFactor;
import org.nnmip.lp.internal.factor.DenseLuFactor;
import org.nnmip.lp.internal.factor.SparseLuFactor;

/**
 * The one place that decides which basis factorisation the simplex uses: the sparse LU with Forrest–Tomlin
 * updates, or the dense reference LU when the system property {@code nnmip.lp.denseFactor} is true (tests use it
 * to cross-check the sparse factor on whole solves).
 */
final class BasisFactors {
    static final String DENSE_PROPERTY = "nnmip.lp.denseFactor";

    private BasisFactors() {
    }

    static BasisFactor create() {
        return Boolean.getBoolean(DENSE_PROPERTY) ? new DenseLuFactor() : new SparseLuFactor();
    }
}
