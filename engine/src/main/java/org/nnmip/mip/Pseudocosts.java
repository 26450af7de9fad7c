package org.nnmip.mip;

/**
 * Per-column average objective gain per unit change in the down and up branches (Benichou et al. 1971), with
 * the reliability counts of Achterberg, Koch, Martin 2005. Thread-safe: updates and reads are synchronised
 * (they are rare compared with LP solves).
 */
final class Pseudocosts {
    private final double[] sumDown, sumUp;
    private final int[] countDown, countUp;
    private double totalDown, totalUp;
    private long totalCountDown, totalCountUp;

    Pseudocosts(int n) {
        sumDown = new double[n];
        sumUp = new double[n];
        countDown = new int[n];
        countUp = new int[n];
    }

    /** Records that moving column j by {@code distance} in direction up/down raised the bound by {@code gain}. */
    synchronized void update(int j, boolean up, double distance, double gain) {
        if (!(distance > 1e-9) || !Double.isFinite(gain)) return;
        double unit = Math.max(0, gain) / distance;
        if (up) {
            sumUp[j] += unit;
            countUp[j]++;
            totalUp += unit;
            totalCountUp++;
        } else {
            sumDown[j] += unit;
            countDown[j]++;
            totalDown += unit;
            totalCountDown++;
        }
    }

    synchronized double down(int j) {
        if (countDown[j] > 0) return sumDown[j] / countDown[j];
        return totalCountDown > 0 ? totalDown / totalCountDown : 1.0;
    }

    synchronized double up(int j) {
        if (countUp[j] > 0) return sumUp[j] / countUp[j];
        return totalCountUp > 0 ? totalUp / totalCountUp : 1.0;
    }

    synchronized int reliability(int j) {
        return Math.min(countDown[j], countUp[j]);
    }

    /** The product score of Achterberg (2007, §5.3): robust against one-sided gains. */
    static double score(double downGain, double upGain) {
        return Math.max(downGain, 1e-6) * Math.max(upGain, 1e-6);
    }
}
