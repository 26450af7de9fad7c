package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.lipschitz.BoundKind;
import org.nnmip.nnverify.lipschitz.LipschitzMethod;
import org.nnmip.nnverify.lipschitz.LipschitzResult;

/** The ordering check and the relative-error table of {@link LipschitzComparison}, on hand-made results. */
class LipschitzExperimentComparisonTest {
    private static LipschitzResult result(String method, BoundKind kind, String status, double value, double lower, double upper) {
        return new LipschitzResult(method, kind, status, value, lower, upper, 0.5, Optional.empty(), Optional.empty());
    }

    private static Map<LipschitzMethod, LipschitzResult> results(double lipLp, double randomLb, LipschitzResult lipmip) {
        Map<LipschitzMethod, LipschitzResult> m = new EnumMap<>(LipschitzMethod.class);
        m.put(LipschitzMethod.LIPMIP, lipmip);
        m.put(LipschitzMethod.LIPLP, result("liplp", BoundKind.UPPER_BOUND, "done", lipLp, Double.NaN, lipLp));
        m.put(LipschitzMethod.FASTLIP, result("fastlip", BoundKind.UPPER_BOUND, "done", 20, Double.NaN, 20));
        m.put(LipschitzMethod.NAIVE, result("naive", BoundKind.UPPER_BOUND, "done", 100, Double.NaN, 100));
        m.put(LipschitzMethod.RANDOMLB, result("randomlb", BoundKind.LOWER_BOUND, "done", randomLb, randomLb, Double.POSITIVE_INFINITY));
        m.put(LipschitzMethod.CLEVER, result("clever", BoundKind.HEURISTIC, "done", 50, Double.NaN, Double.POSITIVE_INFINITY));
        m.put(LipschitzMethod.SEQLIP, result("seqlip", BoundKind.HEURISTIC, "done", 1, Double.NaN, Double.POSITIVE_INFINITY));
        return m;
    }

    @Test
    void orderingViolationsAreFoundAndHeuristicsAreExempt() {
        LipschitzResult exact = result("lipmip", BoundKind.EXACT, "optimal", 10, 10, 10);
        var ok = new LipschitzComparison.Instance("ok", results(12, 9, exact));
        assertTrue(ok.violations().isEmpty(), ok.violations().toString()); // CLEVER 50 and SeqLip 1 are heuristics
        var badUpper = new LipschitzComparison.Instance("bad upper", results(9.9, 9, exact));
        assertEquals(1, badUpper.violations().size());
        assertTrue(badUpper.violations().getFirst().contains("liplp"));
        var badLower = new LipschitzComparison.Instance("bad lower", results(12, 10.1, exact));
        assertTrue(badLower.violations().getFirst().contains("randomlb"));
        // Unfinished LipMIP: checked against its proven bracket [8, 15].
        LipschitzResult stopped = result("lipmip", BoundKind.EXACT, "time_limit", Double.NaN, 8, 15);
        assertTrue(new LipschitzComparison.Instance("open", results(12, 14, stopped)).violations().isEmpty());
        assertEquals(1, new LipschitzComparison.Instance("open", results(7, 14, stopped)).violations().size());
    }

    @Test
    void relativeErrorsAreAgainstTheExactValueOfSolvedInstancesOnly() {
        LipschitzResult exact = result("lipmip", BoundKind.EXACT, "optimal", 10, 10, 10);
        LipschitzResult stopped = result("lipmip", BoundKind.EXACT, "time_limit", Double.NaN, 8, 15);
        List<List<String>> rows = LipschitzComparison.rows(List.of(
                new LipschitzComparison.Instance("a", results(12, 9, exact)),
                new LipschitzComparison.Instance("b", results(14, 10, exact)),
                new LipschitzComparison.Instance("c", results(99, 9, stopped))));
        assertEquals(List.of("LipMIP", "exact", "exact on 2/3", "0.50 s"), rows.get(0));
        assertEquals(List.of("LipLP", "upper bound", "+30.0% [+20.0%, +40.0%]", "0.50 s"), rows.get(1));
        assertEquals("−5.0% [−10.0%, +0.0%]", rows.get(4).get(2)); // RandomLB: -10 % and 0 %
    }
}
