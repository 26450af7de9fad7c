package org.nnmip.lp.internal.simplex;

import org.nnmip.lp.Basis;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpStatus;

/** Placeholder: the dual simplex is being written (issue 2). Every call throws. */
public final class SimplexEngine {
    private LpParameters parameters;

    public SimplexEngine(LpProblem problem, LpParameters parameters) {
        this.parameters = parameters;
    }

    private static UnsupportedOperationException pending() {
        return new UnsupportedOperationException("dual simplex not yet implemented");
    }

    public LpParameters parameters() { return parameters; }
    public void setParameters(LpParameters p) { this.parameters = p; }
    public LpStatus solve() { throw pending(); }
    public LpStatus status() { throw pending(); }
    public double objectiveValue() { throw pending(); }
    public double columnValue(int j) { throw pending(); }
    public void columnValues(double[] out) { throw pending(); }
    public LpResult result() { throw pending(); }
    public long totalIterations() { throw pending(); }
    public void setColumnBounds(int j, double lo, double up) { throw pending(); }
    public void setRowBounds(int i, double lo, double up) { throw pending(); }
    public void setObjective(int j, double c) { throw pending(); }
    public int addRow(int[] idx, double[] val, double lo, double up) { throw pending(); }
    public void truncateRows(int firstRow) { throw pending(); }
    public int numColumns() { throw pending(); }
    public int numRows() { throw pending(); }
    public double columnLower(int j) { throw pending(); }
    public double columnUpper(int j) { throw pending(); }
    public Basis basis() { throw pending(); }
    public void setBasis(Basis b) { throw pending(); }
    public LpProblem problem() { throw pending(); }
}
