package org.nnmip.lp.testing;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.Optional;
import org.nnmip.lp.Basis;
import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;

/**
 * Solves an {@link LpProblem} with OR-Tools GLOP as an independent reference (tests only).
 *
 * <p>Sign conventions: MPSolver reports, for the objective as given (min or max), duals y and reduced costs d
 * with {@code d = c - A'y}; that is already {@link LpResult}'s convention, so they are copied unchanged (the
 * certificate tests check {@code c = A'y + d} and the dual signs on both senses). Row activities are recomputed
 * from x in double precision.
 */
public final class GlopReference {
    private static boolean loaded;

    /** GLOP's answer, in nnmip's terms. x, duals and basis are empty arrays / null-free only when optimal. */
    public record Solution(LpStatus status, double objective, double[] columnValues, double[] rowActivities,
                           double[] rowDuals, double[] reducedCosts, Basis basis) {

        /** The same answer as an {@link LpResult} (no rays: MPSolver does not expose GLOP's). */
        public LpResult toLpResult() {
            return new LpResult(status, objective, columnValues.clone(), rowActivities.clone(), rowDuals.clone(),
                    reducedCosts.clone(), basis, Optional.empty(), Optional.empty(), 0, 0.0);
        }
    }

    private GlopReference() {
    }

    /** Loads OR-Tools' native libraries once per JVM (about half a second). */
    public static synchronized void ensureLoaded() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    /** Solves with GLOP's default algorithm, with primal and dual feasibility tolerances of 1e-9. */
    public static Solution solve(LpProblem problem) {
        ensureLoaded();
        MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null) throw new IllegalStateException("GLOP is not available");
        try {
            int n = problem.numColumns();
            int m = problem.numRows();
            MPVariable[] vars = new MPVariable[n];
            for (int j = 0; j < n; j++) {
                vars[j] = solver.makeNumVar(problem.columnLower(j), problem.columnUpper(j), "c" + j);
            }
            MPConstraint[] cons = new MPConstraint[m];
            for (int i = 0; i < m; i++) {
                cons[i] = solver.makeConstraint(problem.rowLower(i), problem.rowUpper(i), "r" + i);
                int[] idx = problem.rowIndices(i);
                double[] val = problem.rowValues(i);
                for (int k = 0; k < idx.length; k++) cons[i].setCoefficient(vars[idx[k]], val[k]);
            }
            MPObjective obj = solver.objective();
            for (int j = 0; j < n; j++) obj.setCoefficient(vars[j], problem.objective(j));
            obj.setOffset(problem.objectiveOffset());
            if (problem.sense() == Sense.MAXIMIZE) obj.setMaximization(); else obj.setMinimization();

            MPSolverParameters params = new MPSolverParameters();
            params.setDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, 1e-9);
            params.setDoubleParam(MPSolverParameters.DoubleParam.DUAL_TOLERANCE, 1e-9);
            // GLOP's presolve reports an unbounded LP as "infeasible or unbounded" (mapped to INFEASIBLE).
            params.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE,
                    MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
            MPSolver.ResultStatus rs = solver.solve(params);
            LpStatus status = switch (rs) {
                case OPTIMAL -> LpStatus.OPTIMAL;
                case INFEASIBLE -> LpStatus.INFEASIBLE;
                case UNBOUNDED -> LpStatus.UNBOUNDED;
                default -> LpStatus.NUMERICAL_TROUBLE;
            };
            if (status != LpStatus.OPTIMAL) {
                return new Solution(status, Double.NaN, new double[n], new double[m], new double[m], new double[n],
                        Basis.slack(problem));
            }
            double[] x = new double[n];
            double[] d = new double[n];
            BasisStatus[] colStatus = new BasisStatus[n];
            for (int j = 0; j < n; j++) {
                x[j] = vars[j].solutionValue();
                d[j] = vars[j].reducedCost();
                colStatus[j] = map(vars[j].basisStatus());
            }
            double[] y = new double[m];
            BasisStatus[] rowStatus = new BasisStatus[m];
            for (int i = 0; i < m; i++) {
                y[i] = cons[i].dualValue();
                rowStatus[i] = map(cons[i].basisStatus());
            }
            return new Solution(status, obj.value(), x, problem.rowActivities(x), y, d,
                    Basis.of(colStatus, rowStatus));
        } finally {
            solver.delete();
        }
    }

    private static BasisStatus map(MPSolver.BasisStatus s) {
        return switch (s) {
            case BASIC -> BasisStatus.BASIC;
            case AT_UPPER_BOUND -> BasisStatus.AT_UPPER;
            case FREE -> BasisStatus.AT_ZERO;
            default -> BasisStatus.AT_LOWER; // AT_LOWER_BOUND and FIXED_VALUE
        };
    }
}
