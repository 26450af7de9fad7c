package org.nnmip.nnverify.data;

import java.util.Random;
import org.nnmip.nnverify.train.Dataset;

/**
 * The synthetic "leaders" classification data of Jordan &amp; Dimakis 2020 (LipMIP, App. F.1; their code calls it the
 * random k-cluster dataset): {@code points} points drawn uniformly from the unit cube {@code [0,1]^dimension}, kept
 * only when farther than {@code 2 * radius} (Euclidean) from every point kept before (rejection sampling, so the
 * classes are separated by a margin); {@code leaders} of them chosen at random as leaders, each with a uniformly
 * random class; every point takes the class of its nearest leader (Euclidean; ties to the lower leader index). The
 * decision boundary is therefore a random Voronoi partition, which a small ReLU network can fit exactly.
 *
 * <p>Deterministic: the same parameters and seed give the same points and labels (one {@link Random}, fixed order).
 * Their experiments use 2-D data with 256 or 300 points, 10 leaders, radius 0.01 or 0.02 and 2 classes.
 */
public final class LeadersDataset {
    /** Rejection attempts allowed per point before the parameters are judged infeasible. */
    private static final int ATTEMPTS_PER_POINT = 10_000;

    private final double[][] points;
    private final int[] labels;
    private final int[] leaderIndices;
    private final int[] leaderLabels;
    private final int classes;

    private LeadersDataset(double[][] points, int[] labels, int[] leaderIndices, int[] leaderLabels, int classes) {
        this.points = points;
        this.labels = labels;
        this.leaderIndices = leaderIndices;
        this.leaderLabels = leaderLabels;
        this.classes = classes;
    }

    /**
     * @param points    number of points (at least {@code leaders})
     * @param leaders   number of leaders k (at least 1)
     * @param radius    points are more than {@code 2 * radius} apart (0 allows any spacing)
     * @param dimension input dimension (at least 1)
     * @param classes   number of classes (at least 2)
     * @param seed      seed of the one random stream
     */
    public static LeadersDataset generate(int points, int leaders, double radius, int dimension, int classes, long seed) {
        if (dimension < 1) throw new IllegalArgumentException("leaders dataset: dimension must be at least 1, got " + dimension);
        if (classes < 2) throw new IllegalArgumentException("leaders dataset: classes must be at least 2, got " + classes);
        if (leaders < 1) throw new IllegalArgumentException("leaders dataset: leaders must be at least 1, got " + leaders);
        if (points < leaders) throw new IllegalArgumentException("leaders dataset: points (" + points + ") must be at least leaders (" + leaders + ")");
        if (!(radius >= 0) || !Double.isFinite(radius)) throw new IllegalArgumentException("leaders dataset: radius must be finite and >= 0, got " + radius);
        Random rnd = new Random(seed);
        double[][] x = new double[points][];
        double minSquared = 4 * radius * radius;
        long attempts = 0;
        long maxAttempts = (long) ATTEMPTS_PER_POINT * points;
        int n = 0;
        while (n < points) {
            if (++attempts > maxAttempts) {
                throw new IllegalArgumentException("leaders dataset: cannot place " + points + " points more than 2*radius = "
                        + 2 * radius + " apart in [0,1]^" + dimension + " (placed " + n + ")");
            }
            double[] p = new double[dimension];
            for (int j = 0; j < dimension; j++) p[j] = rnd.nextDouble();
            if (farFromAll(p, x, n, minSquared)) x[n++] = p;
        }
        // k distinct leaders: the first k entries of a partial Fisher–Yates shuffle.
        int[] perm = new int[points];
        for (int i = 0; i < points; i++) perm[i] = i;
        int[] leaderIndices = new int[leaders];
        int[] leaderLabels = new int[leaders];
        for (int i = 0; i < leaders; i++) {
            int j = i + rnd.nextInt(points - i);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
            leaderIndices[i] = perm[i];
        }
        for (int i = 0; i < leaders; i++) leaderLabels[i] = rnd.nextInt(classes);
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) labels[i] = leaderLabels[nearestLeader(x[i], x, leaderIndices)];
        return new LeadersDataset(x, labels, leaderIndices, leaderLabels, classes);
    }

    /** Index into the leaders of the one nearest to {@code p} (Euclidean; the lowest index among ties). */
    static int nearestLeader(double[] p, double[][] x, int[] leaderIndices) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int l = 0; l < leaderIndices.length; l++) {
            double d = squaredDistance(p, x[leaderIndices[l]]);
            if (d < bestDistance) { bestDistance = d; best = l; }
        }
        return best;
    }

    private static boolean farFromAll(double[] p, double[][] x, int n, double minSquared) {
        for (int i = 0; i < n; i++) if (squaredDistance(p, x[i]) <= minSquared) return false;
        return true;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) { double d = a[j] - b[j]; s += d * d; }
        return s;
    }

    public int size() { return points.length; }
    public int dimension() { return points[0].length; }
    public int classes() { return classes; }

    public double[] point(int i) { return points[i].clone(); }
    public int label(int i) { return labels[i]; }
    public int[] labels() { return labels.clone(); }

    /** The points chosen as leaders (indices into the data). */
    public int[] leaderIndices() { return leaderIndices.clone(); }

    /** The class of each leader, in the order of {@link #leaderIndices()}. */
    public int[] leaderLabels() { return leaderLabels.clone(); }

    /** Number of points per class. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int l : labels) c[l]++;
        return c;
    }

    /** The data with one-hot targets, for {@link org.nnmip.nnverify.train.MlpTrainer}. */
    public Dataset toDataset() {
        double[][] x = new double[points.length][];
        for (int i = 0; i < x.length; i++) x[i] = points[i].clone();
        return Dataset.classification(x, labels.clone(), classes);
    }
}
