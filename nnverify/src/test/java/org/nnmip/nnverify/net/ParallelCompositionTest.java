package org.nnmip.nnverify.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The composed network's forward pass is exactly both networks' forward passes, on random networks. */
class ParallelCompositionTest {

    private enum Kind { AFFINE, RELU, ARCTAN, MAXPOOL, RESHAPE, RESIDUAL }

    /** One planned layer; {@code source} for a residual add (the affine in front maps to the source's size). */
    private record Step(Kind kind, int source) { }

    /**
     * A random layer plan with {@code relus} ReLU layers: affine layers (one or two in a row), reshapes, residual adds
     * from the input or an earlier layer and, if {@code nonlinear}, arctan and max-pool layers; ends with an affine.
     */
    private static List<Step> plan(Random rnd, int relus, boolean nonlinear) {
        List<Step> steps = new ArrayList<>();
        for (int r = 0; r <= relus; r++) {
            steps.add(new Step(Kind.AFFINE, 0));
            if (rnd.nextInt(3) == 0) steps.add(new Step(Kind.AFFINE, 0));
            if (rnd.nextInt(4) == 0) steps.add(new Step(Kind.RESHAPE, 0));
            if (rnd.nextInt(2) == 0) {
                // the affine in front of a residual add is the previous step; its source is any earlier layer or the input
                steps.add(new Step(Kind.AFFINE, 0));
                steps.add(new Step(Kind.RESIDUAL, rnd.nextInt(steps.size()) - 1));
            }
            if (nonlinear && rnd.nextInt(3) == 0) steps.add(new Step(Kind.ARCTAN, 0));
            if (nonlinear && rnd.nextInt(3) == 0) steps.add(new Step(Kind.MAXPOOL, 0));
            if (r < relus) steps.add(new Step(Kind.RELU, 0));
        }
        steps.add(new Step(Kind.AFFINE, 0));
        return steps;
    }

    /** A network following {@code plan}, with sizes and weights from {@code rnd}. */
    private static Network build(List<Step> plan, int inputs, Random rnd) {
        List<Layer> layers = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int size = inputs;
        for (int k = 0; k < plan.size(); k++) {
            Step s = plan.get(k);
            Layer layer = switch (s.kind()) {
                case AFFINE -> {
                    Step next = k + 1 < plan.size() ? plan.get(k + 1) : null;
                    int out = next != null && next.kind() == Kind.RESIDUAL
                            ? (next.source() < 0 ? inputs : sizes.get(next.source())) : 1 + rnd.nextInt(5);
                    yield affine(rnd, out, size);
                }
                case RELU -> new ReluLayer(size);
                case ARCTAN -> new ArctanLayer(size);
                case MAXPOOL -> {
                    List<int[]> groups = new ArrayList<>();
                    for (int i = 0; i < size; ) {
                        int g = Math.min(size - i, 1 + rnd.nextInt(3));
                        int[] group = new int[g];
                        for (int t = 0; t < g; t++) group[t] = i + t;
                        groups.add(group);
                        i += g;
                    }
                    yield new MaxPoolLayer(size, groups.toArray(new int[0][]));
                }
                case RESHAPE -> ReshapeLayer.flatten(size);
                case RESIDUAL -> new ResidualAddLayer(size, s.source());
            };
            layers.add(layer);
            size = layer.outputSize();
            sizes.add(size);
        }
        return new Network(inputs, layers);
    }

    /** Sparse half the time (random zero pattern, possibly empty rows), dense otherwise. */
    private static AffineLayer affine(Random rnd, int out, int in) {
        double[][] w = new double[out][in];
        double[] b = new double[out];
        boolean sparse = rnd.nextBoolean();
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) w[i][j] = sparse && rnd.nextInt(3) == 0 ? 0.0 : rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
        }
        if (!sparse) return AffineLayer.dense(w, b);
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        int[] start = new int[out + 1];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                if (w[i][j] != 0) {
                    cols.add(j);
                    vals.add(w[i][j]);
                }
            }
            start[i + 1] = cols.size();
        }
        return AffineLayer.sparse(in, start, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray(), b);
    }

    private static double[] point(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 3 * rnd.nextGaussian();
        return x;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = new double[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Bit-for-bit equal up to the sign of zero: the composition only adds exact re-layouts. */
    private static void assertExact(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 0.0, "component " + i);
    }

    @Property(tries = 300)
    void sideBySideOfDifferentNetworksIsExact(@ForAll long seed, @ForAll @IntRange(max = 3) int relus) {
        Random rnd = new Random(seed);
        Network f1 = build(plan(rnd, relus, false), 1 + rnd.nextInt(4), rnd);
        Network f2 = build(plan(rnd, relus, false), 1 + rnd.nextInt(4), rnd);
        Network both = ParallelComposition.sideBySide(f1, f2);
        for (int s = 0; s < 5; s++) {
            double[] x1 = point(rnd, f1.inputSize());
            double[] x2 = point(rnd, f2.inputSize());
            assertExact(concat(f1.apply(x1), f2.apply(x2)), both.apply(concat(x1, x2)));
        }
    }

    @Property(tries = 300)
    void fanOutOfDifferentNetworksIsExact(@ForAll long seed, @ForAll @IntRange(max = 3) int relus) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(4);
        Network f1 = build(plan(rnd, relus, false), n, rnd);
        Network f2 = build(plan(rnd, relus, false), n, rnd);
        Network both = ParallelComposition.fanOut(f1, f2);
        assertEquals(n, both.inputSize());
        for (int s = 0; s < 5; s++) {
            double[] x = point(rnd, n);
            assertExact(concat(f1.apply(x), f2.apply(x)), both.apply(x));
        }
    }

    /** Same plan, different sizes and weights (arctan and max-pool too): layer k holds layer k of both. */
    @Property(tries = 300)
    void layerAlignedPairsKeepLayerIndices(@ForAll long seed, @ForAll @IntRange(max = 3) int relus, @ForAll boolean same) {
        Random rnd = new Random(seed);
        List<Step> plan = plan(rnd, relus, true);
        int n = 1 + rnd.nextInt(4);
        Network f1 = build(plan, n, rnd);
        Network f2 = same ? f1 : build(plan, n, rnd);
        assertTrue(ParallelComposition.layerAligned(f1, f2));
        Network side = ParallelComposition.sideBySide(f1, f2);
        assertEquals(f1.layerCount(), side.layerCount());
        for (int s = 0; s < 5; s++) {
            double[] x1 = point(rnd, n);
            double[] x2 = point(rnd, n);
            Evaluation e1 = f1.evaluate(x1);
            Evaluation e2 = f2.evaluate(x2);
            Evaluation e = side.evaluate(concat(x1, x2));
            for (int k = 0; k < f1.layerCount(); k++) assertExact(concat(e1.layerOutput(k), e2.layerOutput(k)), e.layerOutput(k));
        }
        boolean fromInput = plan.stream().anyMatch(st -> st.kind() == Kind.RESIDUAL && st.source() < 0);
        if (!fromInput) {
            Network fan = ParallelComposition.fanOut(f1, f2);
            assertEquals(f1.layerCount(), fan.layerCount());
            double[] x = point(rnd, n);
            Evaluation e1 = f1.evaluate(x);
            Evaluation e2 = f2.evaluate(x);
            Evaluation e = fan.evaluate(x);
            for (int k = 0; k < f1.layerCount(); k++) assertExact(concat(e1.layerOutput(k), e2.layerOutput(k)), e.layerOutput(k));
        }
    }

    @Test
    void unalignedPairsNeedEqualReluCountsAndPiecewiseLinearLayers() {
        Random rnd = new Random(5);
        Network one = build(plan(rnd, 1, false), 2, rnd);
        Network two = build(List.of(new Step(Kind.AFFINE, 0), new Step(Kind.RELU, 0), new Step(Kind.AFFINE, 0),
                new Step(Kind.RELU, 0), new Step(Kind.AFFINE, 0)), 2, rnd);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParallelComposition.sideBySide(one, two));
        assertTrue(e.getMessage().contains("ReLU layer counts"), e.getMessage());
        Network atan = build(List.of(new Step(Kind.AFFINE, 0), new Step(Kind.ARCTAN, 0), new Step(Kind.AFFINE, 0)), 2, rnd);
        Network plain = build(List.of(new Step(Kind.AFFINE, 0), new Step(Kind.AFFINE, 0)), 2, rnd);
        e = assertThrows(IllegalArgumentException.class, () -> ParallelComposition.fanOut(atan, plain));
        assertTrue(e.getMessage().contains("arctan"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParallelComposition.fanOut(one, build(plan(rnd, 1, false), 3, rnd)));
    }
}
