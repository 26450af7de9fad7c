package org.nnmip.lp.solver;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

/** OR-Tools GLOP as the independent reference (tests only). */
final class Glop {
    private static boolean loaded;

    record Answer(MPSolver.ResultStatus status, double objective) {
    }

    private Glop() {
    }

    static synchronized Answer solve(LpProblem p) {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
        MPSolver solver = MPSolver.createSolver("GLOP");
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
            for (int j = 0; j < vars.length; j++) obj.setCoefficient(vars[j], p.objective(j));
            obj.setOffset(p.objectiveOffset());
            if (p.sense() == Sense.MAXIMIZE) obj.setMaximization();
            else obj.setMinimization();
            MPSolver.ResultStatus st = solver.solve();
            return new Answer(st, st == MPSolver.ResultStatus.OPTIMAL ? obj.value() : Double.NaN);
        } finally {
            solver.delete();
        }
    }

    private static double clamp(double v, double inf) {
        return v == Double.POSITIVE_INFINITY ? inf : v == Double.NEGATIVE_INFINITY ? -inf : v;
    }
}
