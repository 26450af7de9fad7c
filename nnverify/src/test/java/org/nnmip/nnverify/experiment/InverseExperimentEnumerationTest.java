package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;

/** The exhaustive check behind the inverse experiment's "proved" column: it must visit exactly the right lattice points. */
class InverseExperimentEnumerationTest {
    /** y0 = 0, y1 = sum(w_i x_i): the condition y1 - y0 >= margin is a half-space. */
    private static Network linear(double[] w) {
        return new Network(9, List.of(AffineLayer.dense(new double[][] {new double[9], w}, new double[] {0, 0})));
    }

    private static double[] filled(double v) {
        double[] a = new double[9];
        Arrays.fill(a, v);
        return a;
    }

    private static InverseEnumeration.Question question(double[] x, double margin, int cap, int maxChanged) {
        return new InverseEnumeration.Question(x, 0, 1, margin, 1, 10, cap, maxChanged);
    }

    @Test
    void visitsExactlyTheLatticePointsOfTheL1Ball() {
        Network never = linear(filled(0)); // y1 - y0 = 0 < 1: nothing qualifies, every point is visited
        // Interior centre, radius 2: sum_k C(9,k) C(2,k) 2^k = 1 + 36 + 144.
        InverseEnumeration.Outcome a = InverseEnumeration.search(never, question(filled(5), 1, 9, -1), 2, 1_000_000);
        assertTrue(a.complete());
        assertEquals(181, a.evaluated());
        assertEquals(Double.POSITIVE_INFINITY, a.best());
        assertNull(a.bestPoint());
        // Corner centre (all 1), radius 3: only upward moves, C(12, 3) points.
        assertEquals(220, InverseEnumeration.search(never, question(filled(1), 1, 9, -1), 3, 1_000_000).evaluated());
        // At most 2 changed attributes over the whole box: 1 + 9*9 + 36*81.
        assertEquals(2998, InverseEnumeration.search(never, question(filled(4), 1, 9, 2), 18, 1_000_000).evaluated());
        // Cap 1 on every attribute around the interior: 3^9 points when the radius does not bind.
        assertEquals(19683, InverseEnumeration.search(never, question(filled(5), 1, 1, -1), 9, 1_000_000).evaluated());
        // Over the budget the outcome says so.
        assertFalse(InverseEnumeration.search(never, question(filled(5), 1, 9, -1), 6, 1000).complete());
    }

    @Test
    void findsTheLeastDistanceToAHalfSpace() {
        // y1 = 2 x0 + x1 + ... + x8 is 10 at all 1s; reaching 14 needs +4: two steps on x0 (distance 2) is the unique best.
        double[] w = filled(1);
        w[0] = 2;
        InverseEnumeration.Outcome o = InverseEnumeration.search(linear(w), question(filled(1), 14, 9, -1), 5, 1_000_000);
        assertTrue(o.complete());
        assertEquals(2, o.best());
        double[] expect = filled(1);
        expect[0] = 3;
        assertArrayEquals(expect, o.bestPoint());
        // Radius 1 cannot reach it.
        assertEquals(Double.POSITIVE_INFINITY, InverseEnumeration.search(linear(w), question(filled(1), 14, 9, -1), 1, 1_000_000).best());
        // With x0 capped at 1 step: 1 step on x0 (+2) plus 2 elsewhere (+2): distance 3.
        assertEquals(3, InverseEnumeration.search(linear(w), question(filled(1), 14, 1, -1), 5, 1_000_000).best());
    }
}
