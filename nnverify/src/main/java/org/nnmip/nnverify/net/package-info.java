/**
 * The network model: immutable {@link org.nnmip.nnverify.net.Network}s of layers (affine — dense, sparse
 * convolution, diagonal normalisation —, ReLU, reshape, max-pool, residual add), double-precision forward
 * evaluation keeping every intermediate value, and the {@link org.nnmip.nnverify.net.CompactNetwork} chain of
 * affine maps and activations a MIP encoder consumes. {@link org.nnmip.nnverify.net.ParallelComposition} runs two
 * networks side by side (or on a shared input) as one network, so one encoding holds both.
 */
package org.nnmip.nnverify.net;
