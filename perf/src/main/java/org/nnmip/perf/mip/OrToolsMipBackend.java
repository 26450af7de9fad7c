package org.nnmip.perf.mip;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

import java.util.Locale;
import java.util.concurrent.ScheduledFuture;

/**
 * SCIP or CBC through OR-Tools' MPSolver (perf module only, never product code). The MPSolver model is built from
 * our {@link Model} directly rather than from the MPS file, so every solver sees exactly the same numbers. Not for
 * HiGHS (ignores MIP time limits here) nor CP-SAT (scales continuous variables): see shared/BENCHMARKING.md.
 */
public final class OrToolsMipBackend implements MipBackend {
    private final String solverId;
    private final double relativeGap;
    private volatile boolean threadsHonoured = true;

    /**
     * @param solverId    "SCIP" or "CBC"
     * @param relativeGap relative MIP gap at which the solver may stop (set equal to nnmip's for a fair race)
     */
    public OrToolsMipBackend(String solverId, double relativeGap) {
        if (!solverId.equals("SCIP") && !solverId.equals("CBC")) {
            throw new IllegalArgumentException("solverId must be SCIP or CBC, got " + solverId);
        }
        this.solverId = solverId;
        this.relativeGap = relativeGap;
        org.nnmip.perf.OrToolsNatives.load();
    }

    @Override
    public String name() {
        return solverId.toLowerCase(Locale.ROOT);
    }

    /** False once the solver refused a {@code setNumThreads} request (then it ran with its own default). */
    public boolean threadsHonoured() {
        return threadsHonoured;
    }

    @Override
    public Run solve(Model model, double timeLimitSeconds, int threads) {
        long t0 = System.nanoTime();
        MPSolver solver = MPSolver.createSolver(solverId);
        if (solver == null) throw new IllegalStateException("OR-Tools has no solver " + solverId);
        MPSolverParameters params = new MPSolverParameters();
        ScheduledFuture<?> watchdog = SolveWatchdog.arm(timeLimitSeconds, solver::interruptSolve);
        try {
            double inf = MPSolver.infinity();
            int n = model.numVariables();
            MPVariable[] vars = new MPVariable[n];
            for (int j = 0; j < n; j++) {
                Variable v = model.variable(j);
                double lo = clamp(v.lower(), inf);
                double up = clamp(v.upper(), inf);
                vars[j] = v.isIntegral() ? solver.makeIntVar(lo, up, "c" + j) : solver.makeNumVar(lo, up, "c" + j);
            }
            for (Constraint c : model.constraints()) {
                MPConstraint row = solver.makeConstraint(clamp(c.lower(), inf), clamp(c.upper(), inf), "r" + c.index());
                int[] idx = c.variableIndicesView();
                double[] val = c.coefficientsView();
                for (int k = 0; k < idx.length; k++) row.setCoefficient(vars[idx[k]], val[k]);
            }
            MPObjective obj = solver.objective();
            for (int j = 0; j < n; j++) {
                double cj = model.objectiveCoefficient(j);
                if (cj != 0) obj.setCoefficient(vars[j], cj);
            }
            obj.setOffset(model.objectiveConstant());
            if (model.sense() == ObjectiveSense.MAXIMIZE) obj.setMaximization();
            else obj.setMinimization();
            if (Double.isFinite(timeLimitSeconds)) solver.setTimeLimit((long) (timeLimitSeconds * 1000));
            if (!solver.setNumThreads(threads)) threadsHonoured = false;
            params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, relativeGap);
            MPSolver.ResultStatus st = solver.solve(params);
            double secs = (System.nanoTime() - t0) * 1e-9;
            boolean hasPoint = st == MPSolver.ResultStatus.OPTIMAL || st == MPSolver.ResultStatus.FEASIBLE;
            double[] x = new double[hasPoint ? n : 0];
            for (int j = 0; j < x.length; j++) x[j] = vars[j].solutionValue();
            double z = hasPoint ? obj.value() : Double.NaN;
            return new Run(st.name(), z, hasPoint ? obj.bestBound() : Double.NaN, solver.nodes(), secs, x);
        } catch (RuntimeException e) {
            return Run.error(e, (System.nanoTime() - t0) * 1e-9);
        } finally {
            watchdog.cancel(false);
            params.delete();
            solver.delete();
        }
    }

    private static double clamp(double v, double inf) {
        return v == Double.POSITIVE_INFINITY ? inf : v == Double.NEGATIVE_INFINITY ? -inf : v;
    }
}
