/**
 * A small, exact MLP trainer for the networks the experiments need (He initialisation, SGD/Adam, MSE/cross-entropy,
 * L1/L2 penalties, FGSM, masked fine-tuning); deterministic per seed. Not a deep-learning framework.
 */
package org.nnmip.nnverify.train;
