package org.nnmip.mip;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.nnmip.lp.LpProblem;

/**
 * Checks a {@link MipCertificate} in exact arithmetic (every double is an exact BigDecimal; only sums and products
 * are formed, so nothing is rounded), without running any solver:
 * <ol>
 * <li>every leaf is closed: its multipliers y give a Lagrangian bound {@code sum y_i b_i + sum_j min(r_j l_j,
 * r_j u_j)} ({@code r = c - A'y}, minimisation form, each row at the bound the sign of y_i selects) above the
 * claimed threshold, or, for a Farkas ray, the same with zero costs above 0;</li>
 * <li>the leaves cover every integer point of the root box: leaves restrict integer columns only, and a recursive
 * split of the root box along the leaves' bounds ends in regions each contained in one leaf.</li>
 * </ol>
 * The rows are the instance's own: the certificate must come from a search without cuts.
 */
public final class MipCertificateChecker {

    /** The outcome: valid, or the first thing that is wrong. */
    public record Report(boolean valid, int leaves, String problem) {
        @Override
        public String toString() {
            return valid ? "valid (" + leaves + " leaves)" : "INVALID: " + problem;
        }
    }

    private MipCertificateChecker() {
    }

    /**
     * Checks the claim that no point of {@code instance} has an objective better than {@code threshold} (in the
     * instance's sense: minimising, every point has objective > threshold; maximising, < threshold). NaN checks
     * the claim that the instance is infeasible: every leaf must be a Farkas leaf.
     */
    public static Report check(MipInstance instance, MipCertificate certificate, double threshold) {
        LpProblem p = instance.relaxationView();
        int n = p.numColumns();
        double sign = p.sense().sign();
        BigDecimal thresholdMin = Double.isNaN(threshold) ? null : new BigDecimal(sign * threshold);
        BigDecimal[] cost = new BigDecimal[n];
        for (int j = 0; j < n; j++) cost[j] = new BigDecimal(sign * p.objective(j));
        BigDecimal offset = new BigDecimal(sign * p.objectiveOffset());
        MipData d = new MipData(instance);
        List<MipCertificate.Leaf> leaves = certificate.leaves();
        for (int t = 0; t < leaves.size(); t++) {
            MipCertificate.Leaf leaf = leaves.get(t);
            String where = "leaf " + t;
            if (leaf.multipliers().length != p.numRows()) {
                return bad(leaves, where + ": " + leaf.multipliers().length + " multipliers for " + p.numRows() + " rows");
            }
            double[] lo = d.lower.clone();
            double[] up = d.upper.clone();
            for (int k = 0; k < leaf.columns().length; k++) {
                int j = leaf.columns()[k];
                if (j < 0 || j >= n) return bad(leaves, where + ": column index " + j + " out of range");
                if (!d.integer[j] && (leaf.lower()[k] > d.lower[j] || leaf.upper()[k] < d.upper[j])) {
                    return bad(leaves, where + ": restricts continuous column " + p.columnName(j));
                }
                lo[j] = leaf.lower()[k];
                up[j] = leaf.upper()[k];
            }
            boolean farkas = leaf.kind() == LeafProofListener.Kind.INFEASIBLE;
            if (!farkas && thresholdMin == null) return bad(leaves, where + ": a bound leaf cannot prove infeasibility");
            String err = lagrangian(p, farkas ? null : cost, farkas ? BigDecimal.ZERO : offset, lo, up,
                    leaf.multipliers(), farkas ? BigDecimal.ZERO : thresholdMin);
            if (err != null) return bad(leaves, where + " (" + leaf.kind() + "): " + err);
        }
        String gap = coverage(d, leaves, p);
        if (gap != null) return bad(leaves, gap);
        return new Report(true, leaves.size(), "");
    }

    private static Report bad(List<MipCertificate.Leaf> leaves, String problem) {
        return new Report(false, leaves.size(), problem);
    }

    /** Null when the exact Lagrangian bound of y over [lo, up] exceeds {@code above}; else what fails. */
    private static String lagrangian(LpProblem p, BigDecimal[] cost, BigDecimal offset, double[] lo, double[] up,
                                     double[] y, BigDecimal above) {
        int n = p.numColumns();
        for (int j = 0; j < n; j++) if (lo[j] > up[j]) return null; // an empty box holds no point
        BigDecimal[] r = new BigDecimal[n];
        for (int j = 0; j < n; j++) r[j] = cost == null ? BigDecimal.ZERO : cost[j];
        BigDecimal bound = offset;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            if (!Double.isFinite(yi)) return "multiplier of row " + p.rowName(i) + " is " + yi;
            if (yi == 0) continue;
            double b = yi > 0 ? p.rowLower(i) : p.rowUpper(i);
            if (Double.isInfinite(b)) continue; // treated as 0: any multipliers give a valid bound
            BigDecimal by = new BigDecimal(yi);
            bound = bound.add(by.multiply(new BigDecimal(b)));
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) r[idx[k]] = r[idx[k]].subtract(new BigDecimal(val[k]).multiply(by));
        }
        for (int j = 0; j < n; j++) {
            int s = r[j].signum();
            if (s == 0) continue;
            double b = s > 0 ? lo[j] : up[j];
            if (Double.isInfinite(b)) {
                return String.format(Locale.ROOT, "column %s has reduced cost %.6g but its %s bound is infinite",
                        p.columnName(j), r[j].doubleValue(), s > 0 ? "lower" : "upper");
            }
            bound = bound.add(r[j].multiply(new BigDecimal(b)));
        }
        if (bound.compareTo(above) > 0) return null;
        return String.format(Locale.ROOT, "the bound %.17g is not above %.17g", bound.doubleValue(), above.doubleValue());
    }

    /** Null when the leaves cover every integer point of the root box; else an uncovered region. */
    private static String coverage(MipData d, List<MipCertificate.Leaf> leaves, LpProblem p) {
        for (int j = 0; j < d.n; j++) if (d.lower[j] > d.upper[j]) return null; // empty root box
        record Region(double[] lo, double[] up, List<MipCertificate.Leaf> candidates) { }
        Deque<Region> stack = new ArrayDeque<>();
        stack.push(new Region(d.lower.clone(), d.upper.clone(), leaves));
        long regions = 0;
        while (!stack.isEmpty()) {
            Region g = stack.pop();
            if (++regions > 50L * (leaves.size() + 1) * (d.n + 1)) return "coverage check did not terminate";
            List<MipCertificate.Leaf> hit = new ArrayList<>();
            MipCertificate.Leaf container = null;
            for (MipCertificate.Leaf leaf : g.candidates()) {
                boolean meets = true;
                boolean contains = true;
                for (int k = 0; k < leaf.columns().length && meets; k++) {
                    int j = leaf.columns()[k];
                    if (!d.integer[j]) continue;
                    double a = Math.max(leaf.lower()[k], g.lo()[j]);
                    double b = Math.min(leaf.upper()[k], g.up()[j]);
                    if (Math.ceil(a) > Math.floor(b)) meets = false;
                    if (leaf.lower()[k] > g.lo()[j] || leaf.upper()[k] < g.up()[j]) contains = false;
                }
                if (!meets) continue;
                if (contains) {
                    container = leaf;
                    break;
                }
                hit.add(leaf);
            }
            if (container != null) continue;
            if (hit.isEmpty()) return "no leaf covers the integer points of " + describe(g.lo(), g.up(), d, p);
            // Split along the first bound of the first meeting leaf that cuts the region.
            MipCertificate.Leaf leaf = hit.get(0);
            boolean split = false;
            for (int k = 0; k < leaf.columns().length && !split; k++) {
                int j = leaf.columns()[k];
                if (!d.integer[j]) continue;
                double cut;
                if (leaf.lower()[k] > g.lo()[j]) cut = Math.ceil(leaf.lower()[k]) - 1; // [lo, cut] and [cut+1, up]
                else if (leaf.upper()[k] < g.up()[j]) cut = Math.floor(leaf.upper()[k]);
                else continue;
                double[] u1 = g.up().clone();
                u1[j] = cut;
                double[] l2 = g.lo().clone();
                l2[j] = cut + 1;
                stack.push(new Region(g.lo(), u1, hit));
                stack.push(new Region(l2, g.up(), hit));
                split = true;
            }
            if (!split) return "internal: no split for " + describe(g.lo(), g.up(), d, p);
        }
        return null;
    }

    private static String describe(double[] lo, double[] up, MipData d, LpProblem p) {
        StringBuilder sb = new StringBuilder("{");
        for (int j = 0; j < d.n; j++) {
            if (d.integer[j] && (lo[j] != d.lower[j] || up[j] != d.upper[j])) {
                if (sb.length() > 1) sb.append(", ");
                sb.append(p.columnName(j)).append(" in [").append(lo[j]).append(", ").append(up[j]).append(']');
                if (sb.length() > 400) {
                    sb.append(", ...");
                    break;
                }
            }
        }
        return sb.append(sb.length() == 1 ? "the whole root box}" : "}").toString();
    }
}
