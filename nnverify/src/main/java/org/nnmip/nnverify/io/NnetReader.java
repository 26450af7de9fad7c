package org.nnmip.nnverify.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * Reads the Reluplex {@code .nnet} format (Katz et al. 2017; K. Julian's NNet format): leading {@code //}
 * comment lines; {@code numLayers,inputSize,outputSize,maxLayerSize}; the numLayers+1 layer sizes; an unused
 * flag; input minimums; input maximums; means (inputs, then output); ranges (inputs, then output); then per
 * layer the weight rows (one line per output neuron) and the biases (one per line). Hidden layers are ReLU,
 * the last layer is linear. Values may end with a trailing comma.
 */
public final class NnetReader {

    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private final List<Integer> lineNumbers = new ArrayList<>();
    private int pos;

    private NnetReader(Path file) {
        this.file = file;
    }

    public static NnetNetwork read(Path file) throws IOException, NetworkFormatException {
        NnetReader r = new NnetReader(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            boolean header = true;
            while ((line = in.readLine()) != null) {
                no++;
                String t = line.strip();
                if (header && t.startsWith("//")) continue;
                header = false;
                if (t.isEmpty()) continue;
                r.lines.add(t);
                r.lineNumbers.add(no);
            }
        } catch (CharacterCodingException e) {
            throw NetworkFormatException.inFile(file, "not a UTF-8 text file (malformed byte sequence after line " + r.lineNumbers.size() + ")");
        }
        return r.parse();
    }

    private NnetNetwork parse() throws NetworkFormatException {
        double[] head = numbers(4, "the header numLayers,inputSize,outputSize,maxLayerSize");
        int numLayers = positiveInt(head[0], "numLayers");
        int inputSize = positiveInt(head[1], "inputSize");
        int outputSize = positiveInt(head[2], "outputSize");
        double[] sizesD = numbers(numLayers + 1, (numLayers + 1) + " layer sizes");
        int[] sizes = new int[numLayers + 1];
        for (int i = 0; i <= numLayers; i++) sizes[i] = positiveInt(sizesD[i], "layer size " + i);
        if (sizes[0] != inputSize) throw error(pos - 1, "first layer size " + sizes[0] + " differs from inputSize " + inputSize);
        if (sizes[numLayers] != outputSize) {
            throw error(pos - 1, "last layer size " + sizes[numLayers] + " differs from outputSize " + outputSize);
        }
        numbers(1, "the unused flag line");
        double[] mins = numbers(inputSize, inputSize + " input minimums");
        double[] maxes = numbers(inputSize, inputSize + " input maximums");
        double[] means = numbers(inputSize + 1, (inputSize + 1) + " means (inputs then output)");
        double[] ranges = numbers(inputSize + 1, (inputSize + 1) + " ranges (inputs then output)");
        for (int i = 0; i <= inputSize; i++) {
            if (ranges[i] == 0) throw error(pos - 1, "range " + i + " is zero");
        }
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < numLayers; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            // A header that lies about the sizes must not allocate before the lines are known to be there.
            if (out > lines.size() - pos) {
                throw NetworkFormatException.inFile(file, "unexpected end of file: layer " + (k + 1) + " needs " + out
                        + " weight rows but only " + (lines.size() - pos) + " lines remain");
            }
            double[][] w = new double[out][];
            for (int i = 0; i < out; i++) w[i] = numbers(in, in + " weights of layer " + (k + 1) + " row " + i);
            double[] b = new double[out];
            for (int i = 0; i < out; i++) b[i] = numbers(1, "bias " + i + " of layer " + (k + 1))[0];
            layers.add(AffineLayer.dense(w, b));
            if (k < numLayers - 1) layers.add(new ReluLayer(out));
        }
        if (pos < lines.size()) throw error(pos, "unexpected content after the last layer's biases");
        return new NnetNetwork(new Network(inputSize, layers), mins, maxes, means, ranges);
    }

    /** Reads exactly {@code count} comma-separated numbers from the next line. */
    private double[] numbers(int count, String expected) throws NetworkFormatException {
        if (pos >= lines.size()) throw NetworkFormatException.inFile(file, "unexpected end of file, expected " + expected);
        String line = lines.get(pos);
        String[] parts = line.split(",");
        List<String> tokens = new ArrayList<>();
        for (String p : parts) {
            String t = p.strip();
            if (!t.isEmpty()) tokens.add(t);
        }
        if (tokens.size() < count) {
            throw error(pos, "expected " + expected + " but found " + tokens.size() + " value(s)");
        }
        if (tokens.size() > count) {
            throw error(pos, "expected " + expected + " but found " + tokens.size() + " values");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Double.parseDouble(tokens.get(i));
            } catch (NumberFormatException e) {
                throw error(pos, "expected a number in " + expected + ", found '" + tokens.get(i) + "'");
            }
            if (!Double.isFinite(v[i])) throw error(pos, "non-finite value '" + tokens.get(i) + "' in " + expected);
        }
        pos++;
        return v;
    }

    private int positiveInt(double v, String what) throws NetworkFormatException {
        if (v != Math.rint(v) || v < 1 || v > 1e8) throw error(pos - 1, what + " must be a positive integer, found " + v);
        return (int) v;
    }

    private NetworkFormatException error(int index, String what) {
        return NetworkFormatException.atLine(file, lineNumbers.get(index), what);
    }
}
