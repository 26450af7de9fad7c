/**
 * Sound pre-activation bounds over an input box, rigorous under floating point: outward-rounded interval
 * propagation ({@link org.nnmip.nnverify.bounds.IntervalBounds}), DeepPoly/CROWN back-substitution whose every
 * rounded step adds an a-priori error bound to a margin ({@link org.nnmip.nnverify.bounds.SymbolicBounds},
 * {@link org.nnmip.nnverify.bounds.ErrorBound}), and the ReLU stability
 * {@link org.nnmip.nnverify.bounds.BoundsReport}. Every bound contains the exact real-valued network's value for every
 * input of the box. Every method only tightens the bounds it is given.
 */
package org.nnmip.nnverify.bounds;
