package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodePoolTest {
    private long nextId = 1;

    private Node node(int depth, double bound, double estimate) {
        Node x = new Node(depth, bound, estimate, new int[0], new double[0], new double[0], null, -1, false, 0, bound);
        x.id = nextId++;
        return x;
    }

    @Test
    void bestBoundFirstThenEstimateThenDeeperOnTies() {
        NodePool pool = new NodePool(NodeSelection.BEST_BOUND_PLUNGING);
        Node shallow = node(1, 1.0, 1.0);
        Node deep = node(5, 1.0 + 1e-14, 1.0); // the same bound up to LP round-off
        Node betterEstimate = node(2, 1.0, 0.5);
        Node betterBound = node(9, 0.5, 3.0);
        pool.add(shallow);
        pool.add(deep);
        pool.add(betterEstimate);
        pool.add(betterBound);
        assertEquals(0.5, pool.minBound());
        assertSame(betterBound, pool.poll());
        assertSame(betterEstimate, pool.poll());
        assertSame(deep, pool.poll());
        assertEquals(1.0, pool.minBound()); // the exact bound, not the coarse one
        assertSame(shallow, pool.poll());
        assertTrue(pool.isEmpty());
    }

    @Test
    void pruneDropsEveryNodeAtOrAboveTheCutoff() {
        NodePool pool = new NodePool(NodeSelection.BEST_BOUND);
        for (int k = 0; k < 20; k++) pool.add(node(k, k % 5, -k));
        assertEquals(12, pool.prune(2.0)); // bounds 2, 3, 4: four nodes each
        while (!pool.isEmpty()) assertTrue(pool.poll().bound < 2.0);
    }

    @Test
    void coarseBoundIsMonotone() {
        double[] v = {-1e9, -3.5, -1.0 - 1e-12, -1.0, -1e-300, 0.0, 1e-300, 1.0, 1.0 + 1e-12, 2.0, 1e12};
        for (int i = 1; i < v.length; i++) assertTrue(NodePool.coarse(v[i - 1]) <= NodePool.coarse(v[i]));
        assertEquals(NodePool.coarse(1.0), NodePool.coarse(1.0 + 1e-14));
        assertTrue(NodePool.coarse(1.0) < NodePool.coarse(1.0 + 1e-6));
        assertEquals(Double.POSITIVE_INFINITY, NodePool.coarse(Double.POSITIVE_INFINITY));
    }
}
