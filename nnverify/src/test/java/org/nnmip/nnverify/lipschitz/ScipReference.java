package org.nnmip.nnverify.lipschitz;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

/** Solves one of our models with OR-Tools SCIP: checks an encoding independently of our branch-and-bound. */
final class ScipReference {
    private static boolean loaded;

    private ScipReference() { }

    static synchronized double optimum(Model m) {
        if (!loaded) { Loader.loadNativeLibraries(); loaded = true; }
        MPSolver s = MPSolver.createSolver("SCIP");
        try {
            MPVariable[] v = new MPVariable[m.numVariables()];
            for (int j = 0; j < v.length; j++) {
                Variable x = m.variable(j);
                v[j] = x.isIntegral() ? s.makeIntVar(x.lower(), x.upper(), x.name()) : s.makeNumVar(x.lower(), x.upper(), x.name());
            }
            for (Constraint c : m.constraints()) {
                MPConstraint mc = s.makeConstraint(c.lower(), c.upper());
                for (int k = 0; k < c.size(); k++) mc.setCoefficient(v[c.variableIndex(k)], c.coefficient(k));
            }
            MPObjective o = s.objective();
            for (int j = 0; j < v.length; j++) o.setCoefficient(v[j], m.objectiveCoefficient(j));
            if (m.sense() == ObjectiveSense.MAXIMIZE) o.setMaximization(); else o.setMinimization();
            MPSolver.ResultStatus st = s.solve();
            return st == MPSolver.ResultStatus.OPTIMAL ? o.value() + m.objectiveConstant() : Double.NaN;
        } finally {
            s.delete();
        }
    }
}
