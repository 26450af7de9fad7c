/**
 * One-command reproduction of the papers' experiments: each {@link org.nnmip.nnverify.experiment.Experiment} trains or
 * generates its networks, solves with our engine, and writes a Markdown report with tables, plots and the checked
 * invariants beside the paper's numbers.
 */
package org.nnmip.nnverify.experiment;
