package org.nnmip.nnverify.invertibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.net.Network;

/** The exported fixed-radius L2 model carries the tangent cuts its lazy solve accumulated. */
class ExportedL2ModelTest {

    /** Optimum by OR-Tools CBC (an independent check of our branch-and-bound); NaN unless optimal. */
    static double cbc(Model m) {
        Loader.loadNativeLibraries();
        MPSolver s = MPSolver.createSolver("CBC");
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
            return s.solve() == MPSolver.ResultStatus.OPTIMAL ? o.value() + m.objectiveConstant() : Double.NaN;
        } finally {
            s.delete();
        }
    }

    @Test
    void exportedL2ModelHasValidTangentCutsAndItsOptimumLiesInTheBall() {
        Network f = InvertibilityTest.random(11, 2, 6, 6, 2);
        Network g = TransformInvertibilityTest.pruned(f, 0.3, 11);
        double[] c = {0.2, -0.1};
        double r = 0.6;
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.L2, 1.5);
        List<Model> models = List.of(LocalInvertibility.fixedRadiusModel(f, c, r, o), TransformInvertibility.fixedRadiusModel(f, g, c, r, o));
        for (Model m : models) {
            int tangents = 0;
            for (Constraint row : m.constraints()) {
                if (!row.name().startsWith("tangent")) continue;
                tangents++;
                // u . v <= rhs holds on the whole disc: its maximum there is u . c + r |u|
                double uc = 0;
                double norm = 0;
                for (int k = 0; k < row.size(); k++) {
                    int j = row.variableIndex(k);
                    assertTrue(j < 4, "a tangent row is over the input variables");
                    uc += row.coefficient(k) * c[j % 2];
                    norm += row.coefficient(k) * row.coefficient(k);
                }
                assertTrue(uc + r * Math.sqrt(norm) <= row.upper() + 1e-9, row.name());
            }
            assertTrue(tangents >= 2, "at this radius the octagon's optimum lies outside the disc: cuts expected, got " + tangents);
            // Replayed as the search solves it (stop at the first pair above the tolerance), the pair lies in the true
            // ball up to the feasibility tolerance: these are the cuts that ended the lazy loop.
            MipResult replay = MilpSupport.solve(m, o, o.injectivityTol());
            if (replay.incumbent().isPresent() && replay.objective() > o.injectivityTol()) {
                double[] v = replay.incumbent().get();
                assertTrue(BallNorm.L2.distance(new double[] {v[0], v[1]}, c) <= r + 1e-5);
                assertTrue(BallNorm.L2.distance(new double[] {v[2], v[3]}, c) <= r + 1e-5);
            }
            if (m != models.getFirst()) continue; // solving to optimality: the small one is enough (the machine is shared)
            // Solved to optimality, our engine and CBC agree on the exported model.
            MipResult ours = MilpSupport.solve(m, o, Double.NaN);
            assertEquals(MipStatus.OPTIMAL, ours.status());
            double ref = cbc(m);
            assertEquals(ref, ours.objective(), 1e-4 * Math.max(1, Math.abs(ref)));
        }
    }
}
