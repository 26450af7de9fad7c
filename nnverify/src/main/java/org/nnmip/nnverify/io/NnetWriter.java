package org.nnmip.nnverify.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;

/**
 * Writes affine/ReLU networks in the Reluplex {@code .nnet} format that {@link NnetReader} reads, with identity
 * normalisation (means 0, ranges 1), so the file's raw network is the network itself. Numbers are written with
 * {@link Double#toString}, which reads back to the same double: a write/read round trip is exact.
 */
public final class NnetWriter {
    /** Input bound written when none is given: finite (the format has no infinity) and far outside any data. */
    public static final double NO_BOUND = 1e30;

    private NnetWriter() { }

    /** Writes {@code net} with input bounds {@code ±NO_BOUND}. */
    public static void write(Network net, Path file) throws IOException {
        double[] lo = new double[net.inputSize()];
        double[] hi = new double[net.inputSize()];
        Arrays.fill(lo, -NO_BOUND);
        Arrays.fill(hi, NO_BOUND);
        write(net, lo, hi, file);
    }

    /**
     * Writes {@code net} with the given input minimums and maximums (the box tools like Reluplex and Marabou clip
     * inputs to or take as the input domain). Atomic: the file is either complete or untouched.
     */
    public static void write(Network net, double[] inputMins, double[] inputMaxes, Path file) throws IOException {
        AtomicFile.writeString(file, toText(net, inputMins, inputMaxes));
    }

    /** The {@code .nnet} text of {@code net}. */
    public static String toText(Network net, double[] inputMins, double[] inputMaxes) {
        List<AffineLayer> layers = AffineReluChain.of(net, ".nnet");
        int n = net.inputSize();
        if (inputMins.length != n || inputMaxes.length != n) {
            throw new IllegalArgumentException("nnet input bounds: expected " + n + " minimums and maximums, got "
                    + inputMins.length + " and " + inputMaxes.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(inputMins[i]) || !Double.isFinite(inputMaxes[i]) || inputMins[i] > inputMaxes[i]) {
                throw new IllegalArgumentException("nnet input bounds: input " + i + " has [" + inputMins[i] + ", " + inputMaxes[i]
                        + "], expected finite min <= max");
            }
        }
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = n;
        for (int k = 0; k < layers.size(); k++) sizes[k + 1] = layers.get(k).outputSize();
        int max = Arrays.stream(sizes).max().orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append("// Written by nnmip. Identity normalisation: means 0, ranges 1.\n");
        sb.append(layers.size()).append(',').append(n).append(',').append(net.outputSize()).append(',').append(max).append(",\n");
        for (int s : sizes) sb.append(s).append(',');
        sb.append('\n');
        sb.append("0,\n");
        line(sb, inputMins);
        line(sb, inputMaxes);
        line(sb, new double[n + 1]);
        double[] ranges = new double[n + 1];
        Arrays.fill(ranges, 1.0);
        line(sb, ranges);
        for (AffineLayer a : layers) {
            for (double[] row : a.weights()) line(sb, row);
            for (double b : a.bias()) sb.append(b).append(",\n");
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, double[] values) {
        for (double v : values) sb.append(v).append(',');
        sb.append('\n');
    }
}
