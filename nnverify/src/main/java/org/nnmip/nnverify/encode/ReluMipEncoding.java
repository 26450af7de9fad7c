package org.nnmip.nnverify.encode;

import java.util.Arrays;
import java.util.List;
import org.nnmip.model.Model;
import org.nnmip.nnverify.bounds.ArctanEnclosure;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Network;

/**
 * A network encoded into a {@link Model} by {@link ReluMipEncoder}: which model variables are the inputs, the
 * value of every layer output as an {@link AffineForm} over model variables, and what each variable stands for,
 * so that a network evaluation can be turned into a complete feasible model point ({@link #complete}).
 * The model may be extended by the caller (objective, property rows, further variables); those extra variables are
 * left NaN by {@link #complete}.
 */
public final class ReluMipEncoding {
    /** What a model variable stands for. */
    public enum Role { INPUT, RELU_OUTPUT, RELU_PHASE, POOL_OUTPUT, POOL_SELECT, ATAN_OUTPUT, ATAN_PIECE }

    private final Model model;
    private final Network network;
    private final NetworkBounds bounds;
    private final int[] inputVariables;
    private final List<AffineForm[]> layerOutputs; // index k + 1; 0 = input
    private final Role[] role;
    private final int[] roleLayer;
    private final int[] roleNeuron;
    private final int[] roleMember; // POOL_SELECT: the selected input index of the group
    private final int binaries;
    private final int arctanPieces;

    ReluMipEncoding(Model model, Network network, NetworkBounds bounds, int[] inputVariables, List<AffineForm[]> layerOutputs,
                    Role[] role, int[] roleLayer, int[] roleNeuron, int[] roleMember, int binaries, int arctanPieces) {
        this.arctanPieces = arctanPieces;
        this.model = model;
        this.network = network;
        this.bounds = bounds;
        this.inputVariables = inputVariables;
        this.layerOutputs = List.copyOf(layerOutputs);
        this.role = role;
        this.roleLayer = roleLayer;
        this.roleNeuron = roleNeuron;
        this.roleMember = roleMember;
        this.binaries = binaries;
    }

    public Model model() { return model; }
    public Network network() { return network; }
    public NetworkBounds bounds() { return bounds; }
    public int inputVariable(int i) { return inputVariables[i]; }
    public int[] inputVariables() { return inputVariables.clone(); }
    /** Number of binaries the encoding introduced (unstable ReLUs plus max-pool selectors). */
    public int binaryCount() { return binaries; }
    /** Number of variables the encoding itself created (the model's first variables). */
    public int encodedVariableCount() { return role.length; }

    /** The value of neuron {@code i} of layer {@code k}'s output ({@code k = -1}: input) over model variables. */
    public AffineForm neuron(int k, int i) { return layerOutputs.get(k + 1)[i]; }

    /** The network outputs over model variables. */
    public AffineForm[] outputs() { return layerOutputs.getLast().clone(); }

    public Role role(int variable) { return role[variable]; }
    public int roleLayer(int variable) { return roleLayer[variable]; }
    public int roleNeuron(int variable) { return roleNeuron[variable]; }

    /** The input part of a model point. */
    public double[] inputOf(double[] point) {
        double[] x = new double[inputVariables.length];
        for (int i = 0; i < x.length; i++) x[i] = point[inputVariables[i]];
        return x;
    }

    /**
     * The model point of the network evaluated at {@code x} (sized like the model now; variables added after the
     * encoding are NaN). Feasible for the encoding when {@code x} is in the input box: the bounds the encoding used
     * are sound, so every big-M row holds with the phase the evaluation takes.
     */
    public double[] complete(double[] x) {
        Evaluation e = network.evaluate(x);
        double[][] outs = new double[network.layerCount() + 1][];
        double[] p = new double[model.numVariables()];
        Arrays.fill(p, Double.NaN);
        int selectedLayer = -2;
        int selectedGroup = -1;
        for (int j = 0; j < role.length; j++) {
            int k = roleLayer[j];
            int i = roleNeuron[j];
            switch (role[j]) {
                case INPUT -> p[j] = x[i];
                case RELU_OUTPUT, POOL_OUTPUT, ATAN_OUTPUT -> p[j] = output(e, outs, k)[i];
                case ATAN_PIECE -> p[j] = piece(k, i, output(e, outs, k - 1)[i]) == roleMember[j] ? 1.0 : 0.0;
                case RELU_PHASE -> p[j] = output(e, outs, k - 1)[i] > 0 ? 1.0 : 0.0;
                case POOL_SELECT -> {
                    // Selectors of one group are consecutive: the first member attaining the maximum gets 1.
                    boolean done = selectedLayer == k && selectedGroup == i;
                    boolean max = !done && output(e, outs, k - 1)[roleMember[j]] == output(e, outs, k)[i];
                    p[j] = max ? 1.0 : 0.0;
                    if (max) {
                        selectedLayer = k;
                        selectedGroup = i;
                    }
                }
            }
        }
        return p;
    }

    /** The first enclosure piece containing {@code z} (the nearest when rounding put {@code z} outside all). */
    private int piece(int k, int i, double z) {
        List<ArctanEnclosure.Piece> pieces = ArctanEnclosure.pieces(bounds.lower(k - 1, i), bounds.upper(k - 1, i), arctanPieces);
        int best = 0;
        double gap = Double.POSITIVE_INFINITY;
        for (int q = 0; q < pieces.size(); q++) {
            ArctanEnclosure.Piece p = pieces.get(q);
            double g = Math.max(p.from() - z, z - p.to());
            if (g <= 0) return q;
            if (g < gap) {
                gap = g;
                best = q;
            }
        }
        return best;
    }

    private static double[] output(Evaluation e, double[][] cache, int k) {
        if (cache[k + 1] == null) cache[k + 1] = e.layerOutput(k);
        return cache[k + 1];
    }
}
