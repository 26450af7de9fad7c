package org.nnmip.lp.internal.simplex;

import org.nnmip.lp.internal.factor.BasisFactor;
import org.nnmip.lp.internal.factor.DenseLuFactor;

/** The one place that decides which basis factorisation the simplex uses (swap here for the sparse LU). */
final class BasisFactors {
    private BasisFactors() {
    }

    static BasisFactor create() {
        return new DenseLuFactor();
    }
}
