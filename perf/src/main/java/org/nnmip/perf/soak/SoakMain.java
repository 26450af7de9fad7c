package org.nnmip.perf.soak;

/**
 * The long wrong-answer hunt: {@code SoakMain [COUNT [FIRST_SEED]]} (default 5000 instances from seed 100000, so it
 * does not repeat the test suite's seeds). Prints progress every 500 instances and the final counts; exit code 1 on
 * any disagreement.
 */
public final class SoakMain {
    private SoakMain() { }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        long first = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        long start = System.nanoTime();
        int sat = 0, unsat = 0, unknown = 0, ambiguous = 0, sampled = 0, done = 0;
        java.util.List<String> bad = new java.util.ArrayList<>();
        while (done < count) {
            int chunk = Math.min(500, count - done);
            WrongAnswerHunt.Tally t = WrongAnswerHunt.run(first + done, chunk, 2000);
            sat += t.sat();
            unsat += t.unsat();
            unknown += t.unknown();
            ambiguous += t.ambiguous();
            sampled += t.sampledSat();
            bad.addAll(t.disagreements());
            done += chunk;
            t.disagreements().forEach(d -> System.out.println("DISAGREEMENT " + d));
            System.out.printf(java.util.Locale.ROOT, "%d/%d instances, %d disagreements, %.0f s%n", done, count, bad.size(),
                    (System.nanoTime() - start) * 1e-9);
        }
        WrongAnswerHunt.Tally total = new WrongAnswerHunt.Tally(count, sat, unsat, unknown, ambiguous, sampled, bad);
        System.out.println("Seeds " + first + ".." + (first + count - 1) + ": " + total);
        System.exit(bad.isEmpty() ? 0 : 1);
    }
}
