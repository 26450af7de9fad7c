package org.nnmip.nnverify.data;

import java.util.Random;
import org.nnmip.nnverify.train.Dataset;

/**
 * A synthetic stand-in for the agent-game data of Cheng, Nührenberg &amp; Ruess (2017, "Maximum resilience of artificial
 * neural networks"), whose 27-input classifier maps an agent's surroundings to a move (their data is not public here).
 * The agent sees the 3×3 cells around it in three channels (obstacle, goal attraction, danger from another agent),
 * 27 inputs in [0, 1] ordered channel-major then row-major; the label is one of five moves (stay, up, down, left,
 * right) chosen by a fixed rule: each move scores {@code goal - 1.5 danger} of its target cell, minus 3 when the cell
 * holds an obstacle of at least 0.5; the best move wins when its score beats {@code 0.1}, else the agent stays.
 * Deterministic per seed.
 */
public final class ResilienceAgentData {
    public static final int INPUTS = 27;
    public static final int CLASSES = 5;
    /** Class names in label order. */
    public static final String[] MOVES = {"stay", "up", "down", "left", "right"};
    /** Cell (row, column) each move leads to; the agent is at (1, 1). */
    private static final int[][] TARGET = {{1, 1}, {0, 1}, {2, 1}, {1, 0}, {1, 2}};

    private ResilienceAgentData() {
    }

    /** {@code n} samples drawn with {@code seed}. */
    public static Dataset generate(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("agent data: need at least one sample, got " + n);
        Random rnd = new Random(seed);
        double[][] x = new double[n][];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            x[s] = sample(rnd);
            labels[s] = label(x[s]);
        }
        return Dataset.classification(x, labels, CLASSES);
    }

    private static double[] sample(Random rnd) {
        double[] x = new double[INPUTS];
        for (int cell = 0; cell < 9; cell++) {
            if (cell == 4) continue; // the agent's own cell is empty
            if (rnd.nextDouble() < 0.25) x[cell] = 0.5 + 0.5 * rnd.nextDouble();
            if (rnd.nextDouble() < 0.15) x[18 + cell] = rnd.nextDouble();
        }
        // Goal attraction: a smooth bump around a random goal direction, plus a little noise everywhere.
        double gr = rnd.nextDouble() * 2;
        double gc = rnd.nextDouble() * 2;
        for (int cell = 0; cell < 9; cell++) {
            double d = Math.hypot(cell / 3 - gr, cell % 3 - gc);
            x[9 + cell] = Math.min(1, Math.max(0, Math.exp(-d * d) + 0.05 * rnd.nextGaussian()));
        }
        return x;
    }

    /** The move the rule picks for this view. */
    public static int label(double[] x) {
        if (x.length != INPUTS) throw new IllegalArgumentException("agent data: a view has " + INPUTS + " inputs, got " + x.length);
        int best = 0;
        double bestScore = 0.1;
        for (int move = 1; move < CLASSES; move++) {
            int cell = 3 * TARGET[move][0] + TARGET[move][1];
            double score = x[9 + cell] - 1.5 * x[18 + cell] - (x[cell] >= 0.5 ? 3 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = move;
            }
        }
        return best;
    }
}
