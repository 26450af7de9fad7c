package org.nnmip.nnverify.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.train.Dataset;

class LeadersDatasetTest {
    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        LeadersDataset a = LeadersDataset.generate(256, 10, 0.02, 2, 2, 420);
        LeadersDataset b = LeadersDataset.generate(256, 10, 0.02, 2, 2, 420);
        LeadersDataset c = LeadersDataset.generate(256, 10, 0.02, 2, 2, 421);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.point(i), b.point(i));
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.leaderIndices(), b.leaderIndices());
        assertFalse(Arrays.equals(a.point(0), c.point(0)));
    }

    @Test
    void pointsLieInTheCubeAndAreSeparatedByTwiceTheRadius() {
        for (int dim : new int[] {1, 2, 5}) {
            double r = dim == 1 ? 0.001 : 0.02;
            LeadersDataset d = LeadersDataset.generate(200, 7, r, dim, 3, dim);
            assertEquals(200, d.size());
            assertEquals(dim, d.dimension());
            for (int i = 0; i < d.size(); i++) {
                for (double v : d.point(i)) assertTrue(v >= 0 && v < 1, "coordinate " + v);
                for (int j = 0; j < i; j++) {
                    double dist = Math.sqrt(LeadersDataset.squaredDistance(d.point(i), d.point(j)));
                    assertTrue(dist > 2 * r, "points " + i + ", " + j + " at distance " + dist);
                }
            }
        }
    }

    @Test
    void everyPointTakesTheClassOfItsNearestLeader() {
        LeadersDataset d = LeadersDataset.generate(300, 10, 0.01, 2, 2, 7);
        int[] leaders = d.leaderIndices();
        int[] leaderLabels = d.leaderLabels();
        assertEquals(10, Arrays.stream(leaders).distinct().count(), "leaders are distinct points");
        for (int l = 0; l < leaders.length; l++) assertEquals(leaderLabels[l], d.label(leaders[l]), "a leader keeps its own class");
        for (int i = 0; i < d.size(); i++) {
            // brute force, independently of the generator's helper
            double best = Double.POSITIVE_INFINITY;
            int label = -1;
            for (int l = 0; l < leaders.length; l++) {
                double[] p = d.point(i), q = d.point(leaders[l]);
                double dist = Math.hypot(p[0] - q[0], p[1] - q[1]);
                if (dist < best) { best = dist; label = leaderLabels[l]; }
            }
            assertEquals(label, d.label(i), "point " + i);
        }
        assertEquals(300, Arrays.stream(d.classCounts()).sum());
    }

    @Test
    void convertsToOneHotTrainingData() {
        LeadersDataset d = LeadersDataset.generate(50, 5, 0.0, 3, 4, 3);
        Dataset data = d.toDataset();
        assertEquals(50, data.size());
        assertEquals(3, data.inputSize());
        assertEquals(4, data.targetSize());
        for (int i = 0; i < 50; i++) {
            assertEquals(d.label(i), data.label(i));
            assertArrayEquals(d.point(i), data.input(i));
        }
    }

    @Test
    void rejectsBadParametersWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> LeadersDataset.generate(5, 10, 0.01, 2, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> LeadersDataset.generate(10, 0, 0.01, 2, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> LeadersDataset.generate(10, 2, -1, 2, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> LeadersDataset.generate(10, 2, 0.01, 0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> LeadersDataset.generate(10, 2, 0.01, 2, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeadersDataset.generate(10, 2, 0.4, 2, 2, 1)); // at most a handful of points fit 0.8 apart
        assertTrue(e.getMessage().contains("cannot place"), e.getMessage());
    }
}
