package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.data.ResilienceAgentData;
import org.nnmip.nnverify.data.ResilienceImageData;
import org.nnmip.nnverify.train.Dataset;

/** The synthetic stand-ins for the data of Cheng et al.: deterministic, in the unit box, labelled by their rule. */
class ResilienceExperimentDataTest {
    @Test
    void agentDataIsDeterministicInTheBoxAndFollowsTheRule() {
        Dataset a = ResilienceAgentData.generate(500, 7);
        Dataset b = ResilienceAgentData.generate(500, 7);
        assertArrayEquals(a.inputs(), b.inputs());
        assertArrayEquals(a.targets(), b.targets());
        int[] count = new int[ResilienceAgentData.CLASSES];
        for (int i = 0; i < a.size(); i++) {
            double[] x = a.input(i);
            assertEquals(27, x.length);
            for (double v : x) assertTrue(v >= 0 && v <= 1, "input outside [0, 1]: " + v);
            assertEquals(0.0, x[4]); // no obstacle on the agent's own cell
            assertEquals(ResilienceAgentData.label(x), a.label(i));
            count[a.label(i)]++;
        }
        for (int c = 0; c < count.length; c++) assertTrue(count[c] >= 20, "class " + c + " has only " + count[c] + " samples");
        assertTrue(!java.util.Arrays.deepEquals(a.inputs(), ResilienceAgentData.generate(500, 8).inputs()));
    }

    @Test
    void agentRuleAvoidsObstaclesAndDangerAndFollowsTheGoal() {
        double[] x = new double[27];
        x[9 + 1] = 0.9;                               // goal above
        assertEquals(1, ResilienceAgentData.label(x)); // up
        x[1] = 0.7;                                   // an obstacle above
        x[9 + 5] = 0.5;                               // some goal to the right
        assertEquals(4, ResilienceAgentData.label(x)); // right
        x[18 + 5] = 0.6;                              // danger on the right
        assertEquals(0, ResilienceAgentData.label(x)); // stay
        assertThrows(IllegalArgumentException.class, () -> ResilienceAgentData.label(new double[26]));
    }

    @Test
    void imagesAreBalancedDeterministicAndShowTheirStroke() {
        Dataset d = ResilienceImageData.generate(40, 3);
        assertArrayEquals(d.inputs(), ResilienceImageData.generate(40, 3).inputs());
        for (int i = 0; i < d.size(); i++) {
            double[] x = d.input(i);
            assertEquals(576, x.length);
            assertEquals(i % 4, d.label(i));
            // The ink's spread along rows and columns tells horizontal from vertical strokes.
            double mass = 0, r = 0, c = 0, rr = 0, cc = 0, rc = 0;
            for (int p = 0; p < x.length; p++) {
                double w = Math.max(0, x[p] - 0.1);
                int row = p / 24;
                int col = p % 24;
                mass += w;
                r += w * row;
                c += w * col;
                rr += w * row * row;
                cc += w * col * col;
                rc += w * row * col;
            }
            double varR = rr / mass - Math.pow(r / mass, 2);
            double varC = cc / mass - Math.pow(c / mass, 2);
            double cov = rc / mass - (r / mass) * (c / mass);
            switch (d.label(i)) {
                case 0 -> assertTrue(varC > 2 * varR, "horizontal stroke " + i);
                case 1 -> assertTrue(varR > 2 * varC, "vertical stroke " + i);
                case 2 -> assertTrue(cov > 0.5 * Math.sqrt(varR * varC), "diagonal stroke " + i);
                default -> assertTrue(cov < -0.5 * Math.sqrt(varR * varC), "anti-diagonal stroke " + i);
            }
        }
    }
}
