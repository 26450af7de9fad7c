package org.nnmip.mip;

import java.util.ArrayList;
import java.util.List;

/**
 * A branch-and-bound proof collected during a search: the closed leaves, each with the columns whose bounds differ
 * from the root box and the multipliers that close it ({@link LeafProofListener}). Checked independently, in exact
 * arithmetic, by {@link MipCertificateChecker}.
 */
public final class MipCertificate implements LeafProofListener {

    /**
     * One closed leaf.
     *
     * @param kind        what the multipliers prove
     * @param columns     the columns whose bounds differ from the root box
     * @param lower       their lower bounds in this leaf
     * @param upper       their upper bounds
     * @param multipliers row multipliers (minimisation form)
     */
    public record Leaf(Kind kind, int[] columns, double[] lower, double[] upper, double[] multipliers) {
    }

    private final double[] rootLower;
    private final double[] rootUpper;
    private final List<Leaf> leaves = new ArrayList<>();

    /** A recorder for searches on {@code instance} (the root box is the instance's, integer bounds rounded). */
    public MipCertificate(MipInstance instance) {
        MipData d = new MipData(instance);
        this.rootLower = d.lower.clone();
        this.rootUpper = d.upper.clone();
    }

    /** A certificate read back from storage. */
    public MipCertificate(MipInstance instance, List<Leaf> leaves) {
        this(instance);
        this.leaves.addAll(leaves);
    }

    @Override
    public synchronized void onLeaf(Kind kind, double[] lower, double[] upper, double[] multipliers, double bound) {
        int k = 0;
        for (int j = 0; j < lower.length; j++) if (lower[j] != rootLower[j] || upper[j] != rootUpper[j]) k++;
        int[] cols = new int[k];
        double[] lo = new double[k];
        double[] up = new double[k];
        k = 0;
        for (int j = 0; j < lower.length; j++) {
            if (lower[j] != rootLower[j] || upper[j] != rootUpper[j]) {
                cols[k] = j;
                lo[k] = lower[j];
                up[k++] = upper[j];
            }
        }
        leaves.add(new Leaf(kind, cols, lo, up, multipliers.clone()));
    }

    public synchronized List<Leaf> leaves() {
        return List.copyOf(leaves);
    }
}
