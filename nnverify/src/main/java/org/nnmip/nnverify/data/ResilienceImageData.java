package org.nnmip.nnverify.data;

import java.util.Random;
import org.nnmip.nnverify.train.Dataset;

/**
 * Synthetic 24×24 grey images (576 inputs in [0, 1], row-major), a stand-in for the cropped digit images of Cheng,
 * Nührenberg &amp; Ruess (2017) when no image data set is shipped: one stroke of random position, length and width
 * per image, horizontal, vertical, diagonal or anti-diagonal (the four classes, in that order), drawn with a soft
 * edge on faint uniform noise. Deterministic per seed.
 */
public final class ResilienceImageData {
    public static final int SIDE = 24;
    public static final int INPUTS = SIDE * SIDE;
    public static final int CLASSES = 4;
    public static final String[] SHAPES = {"horizontal", "vertical", "diagonal", "anti-diagonal"};

    private ResilienceImageData() {
    }

    /** {@code n} images drawn with {@code seed}, classes in turn so every class is equally frequent. */
    public static Dataset generate(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("image data: need at least one sample, got " + n);
        Random rnd = new Random(seed);
        double[][] x = new double[n][];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            labels[s] = s % CLASSES;
            x[s] = image(labels[s], rnd);
        }
        return Dataset.classification(x, labels, CLASSES);
    }

    /** One image of the class: the stroke's centre line, direction {@code (dr, dc)}, distance-shaded. */
    static double[] image(int shape, Random rnd) {
        double[] dir = switch (shape) {
            case 0 -> new double[] {0, 1};
            case 1 -> new double[] {1, 0};
            case 2 -> new double[] {Math.sqrt(0.5), Math.sqrt(0.5)};
            case 3 -> new double[] {Math.sqrt(0.5), -Math.sqrt(0.5)};
            default -> throw new IllegalArgumentException("image data: shape must be in [0, " + CLASSES + "), got " + shape);
        };
        double cr = 8 + 8 * rnd.nextDouble();
        double cc = 8 + 8 * rnd.nextDouble();
        double half = 5 + 4 * rnd.nextDouble();
        double width = 0.8 + 1.2 * rnd.nextDouble();
        double[] x = new double[INPUTS];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double vr = r - cr;
                double vc = c - cc;
                double along = vr * dir[0] + vc * dir[1];
                double across = Math.abs(vr * dir[1] - vc * dir[0]);
                double beyond = Math.max(0, Math.abs(along) - half);
                double d = Math.hypot(across, beyond);
                double ink = d <= width ? 1 : Math.max(0, 1 - (d - width));
                x[r * SIDE + c] = Math.min(1, ink + 0.1 * rnd.nextDouble());
            }
        }
        return x;
    }
}
