/**
 * VNN-LIB properties: the {@link org.nnmip.nnverify.property.VnnlibParser} builds a
 * {@link org.nnmip.nnverify.property.Property} (input boxes × an output condition in disjunctive normal form, the
 * violation set), and {@link org.nnmip.nnverify.property.VnnlibCounterexample} writes, reads and checks
 * {@code ((X_0 v) ... (Y_0 v) ...)} counterexamples.
 */
package org.nnmip.nnverify.property;
