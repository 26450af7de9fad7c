package org.nnmip.perf.lp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

/** GLOP, HiGHS, CLP or PDLP through OR-Tools' MPSolver (perf module only, never product code). */
public final class OrToolsLpBackend implements LpBackend {
    private final String solverId;

    public OrToolsLpBackend(String solverId) {
        this.solverId = solverId;
        org.nnmip.perf.OrToolsNatives.load();
    }

    @Override
    public String name() {
        return solverId.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Run solve(LpProblem p, double timeLimitSeconds) {
        long t0 = System.nanoTime();
        MPSolver solver = MPSolver.createSolver(solverId);
        if (solver == null) throw new IllegalStateException("OR-Tools has no solver " + solverId);
        try {
            double inf = MPSolver.infinity();
            MPVariable[] vars = new MPVariable[p.numColumns()];
            for (int j = 0; j < vars.length; j++) {
                vars[j] = solver.makeNumVar(clamp(p.columnLower(j), inf), clamp(p.columnUpper(j), inf), "c" + j);
            }
            for (int i = 0; i < p.numRows(); i++) {
                MPConstraint c = solver.makeConstraint(clamp(p.rowLower(i), inf), clamp(p.rowUpper(i), inf), "r" + i);
                int[] idx = p.rowIndices(i);
                double[] val = p.rowValues(i);
                for (int k = 0; k < idx.length; k++) c.setCoefficient(vars[idx[k]], val[k]);
            }
            MPObjective obj = solver.objective();
            for (int j = 0; j < vars.length; j++) {
                if (p.objective(j) != 0) obj.setCoefficient(vars[j], p.objective(j));
            }
            obj.setOffset(p.objectiveOffset());
            if (p.sense() == Sense.MAXIMIZE) obj.setMaximization();
            else obj.setMinimization();
            if (Double.isFinite(timeLimitSeconds)) solver.setTimeLimit((long) (timeLimitSeconds * 1000));
            MPSolver.ResultStatus st = solver.solve();
            double secs = (System.nanoTime() - t0) * 1e-9;
            double z = st == MPSolver.ResultStatus.OPTIMAL ? obj.value() : Double.NaN;
            return new Run(st.name().toLowerCase(java.util.Locale.ROOT), z, solver.iterations(), secs);
        } finally {
            solver.delete();
        }
    }

    private static double clamp(double v, double inf) {
        return v == Double.POSITIVE_INFINITY ? inf : v == Double.NEGATIVE_INFINITY ? -inf : v;
    }
}
