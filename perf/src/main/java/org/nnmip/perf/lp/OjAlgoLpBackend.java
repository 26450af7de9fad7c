package org.nnmip.perf.lp;

import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/** ojAlgo 57: the pure-Java LP a Java user would pick today. */
public final class OjAlgoLpBackend implements LpBackend {
    @Override
    public String name() {
        return "ojalgo";
    }

    @Override
    public Run solve(LpProblem p, double timeLimitSeconds) {
        long t0 = System.nanoTime();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] vars = new Variable[p.numColumns()];
        for (int j = 0; j < vars.length; j++) {
            Variable v = model.addVariable("c" + j);
            if (Double.isFinite(p.columnLower(j))) v.lower(p.columnLower(j));
            if (Double.isFinite(p.columnUpper(j))) v.upper(p.columnUpper(j));
            if (p.objective(j) != 0) v.weight(p.objective(j));
            vars[j] = v;
        }
        for (int i = 0; i < p.numRows(); i++) {
            Expression e = model.addExpression("r" + i);
            if (Double.isFinite(p.rowLower(i))) e.lower(p.rowLower(i));
            if (Double.isFinite(p.rowUpper(i))) e.upper(p.rowUpper(i));
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) e.set(vars[idx[k]], val[k]);
        }
        if (Double.isFinite(timeLimitSeconds)) {
            model.options.time_abort = (long) (timeLimitSeconds * 1000);
        }
        Optimisation.Result r = p.sense() == Sense.MAXIMIZE ? model.maximise() : model.minimise();
        double secs = (System.nanoTime() - t0) * 1e-9;
        boolean optimal = r.getState() == Optimisation.State.OPTIMAL || r.getState() == Optimisation.State.DISTINCT;
        double z = optimal ? r.getValue() + p.objectiveOffset() : Double.NaN;
        return new Run(r.getState().name().toLowerCase(java.util.Locale.ROOT), z, -1, secs);
    }
}
