package org.nnmip.perf.mip;

import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.integer.IntegerStrategy;

/**
 * ojAlgo 57: the pure-Java MIP a Java user would pick today (B&B with Gomory cuts). It reports neither nodes nor
 * a dual bound; its own gap tolerance is left at the default. It cannot be interrupted, so only its own
 * {@code time_abort} bounds a run.
 */
public final class OjAlgoMipBackend implements MipBackend {
    @Override
    public String name() {
        return "ojalgo";
    }

    @Override
    public Run solve(Model m, double timeLimitSeconds, int threads) {
        long t0 = System.nanoTime();
        try {
            ExpressionsBasedModel model = new ExpressionsBasedModel();
            int n = m.numVariables();
            Variable[] vars = new Variable[n];
            for (int j = 0; j < n; j++) {
                org.nnmip.model.Variable v = m.variable(j);
                Variable x = model.addVariable("c" + j);
                if (Double.isFinite(v.lower())) x.lower(v.lower());
                if (Double.isFinite(v.upper())) x.upper(v.upper());
                if (v.isIntegral()) x.integer(true);
                double cj = m.objectiveCoefficient(j);
                if (cj != 0) x.weight(cj);
                vars[j] = x;
            }
            for (Constraint c : m.constraints()) {
                Expression e = model.addExpression("r" + c.index());
                if (Double.isFinite(c.lower())) e.lower(c.lower());
                if (Double.isFinite(c.upper())) e.upper(c.upper());
                int[] idx = c.variableIndicesView();
                double[] val = c.coefficientsView();
                for (int k = 0; k < idx.length; k++) e.set(vars[idx[k]], val[k]);
            }
            if (Double.isFinite(timeLimitSeconds)) model.options.time_abort = (long) (timeLimitSeconds * 1000);
            // Its default B&B parallelism follows the core count; pin it so every solver gets the same threads.
            model.options.integer(IntegerStrategy.DEFAULT.withParallelism(() -> threads));
            Optimisation.Result r = m.sense() == ObjectiveSense.MAXIMIZE ? model.maximise() : model.minimise();
            double secs = (System.nanoTime() - t0) * 1e-9;
            Optimisation.State state = r.getState();
            boolean optimal = state == Optimisation.State.OPTIMAL || state == Optimisation.State.DISTINCT;
            boolean hasPoint = state.isFeasible();
            double[] x = new double[hasPoint ? n : 0];
            for (int j = 0; j < x.length; j++) x[j] = r.doubleValue(j);
            double z = hasPoint ? r.getValue() + m.objectiveConstant() : Double.NaN;
            return new Run(optimal ? "optimal" : state.name(), z, Double.NaN, -1, secs, x);
        } catch (RuntimeException e) {
            return Run.error(e, (System.nanoTime() - t0) * 1e-9);
        }
    }
}
