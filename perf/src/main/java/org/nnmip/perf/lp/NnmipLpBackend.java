package org.nnmip.perf.lp;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/** Our dual simplex. */
public final class NnmipLpBackend implements LpBackend {
    private final boolean vectorKernels;

    public NnmipLpBackend(boolean vectorKernels) {
        this.vectorKernels = vectorKernels;
    }

    @Override
    public String name() {
        return vectorKernels ? "nnmip" : "nnmip-scalar";
    }

    @Override
    public Run solve(LpProblem problem, double timeLimitSeconds) {
        long t0 = System.nanoTime();
        LpSolver s = new LpSolver(problem, LpParameters.defaults().withTimeLimitSeconds(timeLimitSeconds)
                .withVectorKernels(vectorKernels));
        LpStatus st = s.solve();
        double secs = (System.nanoTime() - t0) * 1e-9;
        return new Run(st.jsonName(), st == LpStatus.OPTIMAL ? s.objectiveValue() : Double.NaN, s.iterations(), secs);
    }
}
