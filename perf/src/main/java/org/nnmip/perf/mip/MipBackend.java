package org.nnmip.perf.mip;

import org.nnmip.model.Model;

import java.util.Locale;

/** One MIP solver under benchmark. */
public interface MipBackend {
    String name();

    /**
     * Solves from scratch; the time measured covers model hand-over and solve, as a user would see it. A solver
     * failure is reported as a run with status {@code error:...}, never thrown, so one crash does not end a benchmark.
     */
    Run solve(Model model, double timeLimitSeconds, int threads);

    /**
     * Outcome of one timed solve, in the model's own objective sense.
     *
     * @param status    lower-case status; {@code optimal} only when the solver claims a proven optimum
     * @param objective incumbent value (NaN when there is none)
     * @param bound     proven dual bound (NaN when the solver does not report one)
     * @param nodes     branch-and-bound nodes (-1 when the solver does not report them)
     * @param seconds   wall-clock time including model hand-over
     * @param solution  incumbent point indexed like {@link Model#variables()}; empty when there is none
     */
    record Run(String status, double objective, double bound, long nodes, double seconds, double[] solution) {
        public Run {
            status = status.toLowerCase(Locale.ROOT);
            solution = solution.clone();
        }

        /** A failed solve (exception or crash), timed up to the failure. */
        static Run error(Throwable t, double seconds) {
            String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            return new Run("error:" + what.replace('|', '/'), Double.NaN, Double.NaN, -1, seconds, new double[0]);
        }

        public boolean claimsOptimal() {
            return status.equals("optimal");
        }

        public boolean hasSolution() {
            return solution.length > 0;
        }

        @Override
        public double[] solution() {
            return solution.clone();
        }
    }
}
