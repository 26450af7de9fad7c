/**
 * Sound pre-activation bounds over an input box: outward-rounded interval propagation
 * ({@link org.nnmip.nnverify.bounds.IntervalBounds}), DeepPoly/CROWN back-substitution with explicit floating-point
 * margins ({@link org.nnmip.nnverify.bounds.SymbolicBounds}), and the ReLU stability
 * {@link org.nnmip.nnverify.bounds.BoundsReport}. Every method only tightens the bounds it is given.
 */
package org.nnmip.nnverify.bounds;
