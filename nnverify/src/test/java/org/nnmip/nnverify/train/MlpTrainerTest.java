package org.nnmip.nnverify.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;

class MlpTrainerTest {
    /** y = sin(x1) + x2^2 on [-1,1]^2. */
    private static Dataset regression(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = 2 * rnd.nextDouble() - 1;
            x[i][1] = 2 * rnd.nextDouble() - 1;
            y[i][0] = Math.sin(x[i][0]) + x[i][1] * x[i][1];
        }
        return new Dataset(x, y);
    }

    /** Two classes split by the circle |x| = 0.6. */
    private static Dataset circles(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][2];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 2 * rnd.nextDouble() - 1;
            x[i][1] = 2 * rnd.nextDouble() - 1;
            label[i] = Math.hypot(x[i][0], x[i][1]) < 0.6 ? 0 : 1;
        }
        return Dataset.classification(x, label, 2);
    }

    @Test
    void backpropagationMatchesFiniteDifferences() {
        for (Loss loss : Loss.values()) {
            Mlp m = Mlp.heInitialized(new int[] {3, 5, 4, 2}, new Random(7));
            double[] x = {0.3, -0.7, 0.1};
            double[] t = loss == Loss.MSE ? new double[] {0.5, -1} : new double[] {0, 1};
            double[][][] gw = new double[3][][];
            double[][] gb = new double[3][];
            for (int k = 0; k < 3; k++) {
                gw[k] = new double[m.weights[k].length][m.weights[k][0].length];
                gb[k] = new double[m.biases[k].length];
            }
            double[] outGrad = new double[2];
            double[][] acts = m.forward(x);
            loss.value(acts[3], t, outGrad);
            double[] inGrad = m.backward(acts, outGrad, 1, gw, gb);
            double h = 1e-6;
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < gw[k].length; i++) {
                    for (int j = 0; j < gw[k][i].length; j++) {
                        double w = m.weights[k][i][j];
                        m.weights[k][i][j] = w + h;
                        double up = loss.value(m.forward(x)[3], t, null);
                        m.weights[k][i][j] = w - h;
                        double down = loss.value(m.forward(x)[3], t, null);
                        m.weights[k][i][j] = w;
                        assertEquals((up - down) / (2 * h), gw[k][i][j], 1e-6, loss + " w[" + k + "][" + i + "][" + j + "]");
                    }
                }
            }
            for (int j = 0; j < 3; j++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[j] += h;
                xm[j] -= h;
                double fd = (loss.value(m.forward(xp)[3], t, null) - loss.value(m.forward(xm)[3], t, null)) / (2 * h);
                assertEquals(fd, inGrad[j], 1e-6, loss + " input " + j);
            }
        }
    }

    @Test
    void adamAndSgdReduceTheRegressionLoss() {
        Dataset data = regression(200, 3);
        int[] sizes = {2, 16, 16, 1};
        for (Optimizer opt : Optimizer.values()) {
            TrainingConfig cfg = TrainingConfig.defaults(Loss.MSE).withOptimizer(opt).withEpochs(150)
                    .withLearningRate(opt == Optimizer.ADAM ? 1e-2 : 5e-2).withBatchSize(16);
            double before = MlpTrainer.loss(MlpTrainer.heInitialized(sizes, cfg.seed()), data, Loss.MSE);
            List<Double> losses = new ArrayList<>();
            Network net = new MlpTrainer(cfg).train(sizes, data, (e, l, n) -> losses.add(l));
            double after = MlpTrainer.loss(net, data, Loss.MSE);
            assertEquals(150, losses.size());
            assertTrue(after < 0.1 * before && after < 0.02, opt + ": loss " + before + " -> " + after);
        }
    }

    @Test
    void crossEntropyLearnsANonlinearBoundary() {
        Dataset data = circles(300, 5);
        TrainingConfig cfg = TrainingConfig.defaults(Loss.CROSS_ENTROPY).withEpochs(200).withLearningRate(1e-2);
        Network net = new MlpTrainer(cfg).train(new int[] {2, 16, 16, 2}, data);
        assertTrue(MlpTrainer.accuracy(net, data) > 0.93, "accuracy " + MlpTrainer.accuracy(net, data));
        assertTrue(MlpTrainer.accuracy(net, circles(300, 6)) > 0.88, "held-out accuracy");
    }

    @Test
    void sameSeedSameNetworkOtherSeedOtherNetwork() {
        Dataset data = regression(50, 1);
        TrainingConfig cfg = TrainingConfig.defaults(Loss.MSE).withEpochs(5).withFgsmEpsilon(0.05).withL1(1e-3).withL2(1e-3);
        Network a = new MlpTrainer(cfg).train(new int[] {2, 8, 1}, data);
        Network b = new MlpTrainer(cfg).train(new int[] {2, 8, 1}, data);
        Network c = new MlpTrainer(cfg.withSeed(2)).train(new int[] {2, 8, 1}, data);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void keepZeroWeightsFreezesPrunedConnections() {
        Dataset data = regression(80, 2);
        Network start = MlpTrainer.heInitialized(new int[] {2, 6, 1}, 4);
        double[][] w0 = ((AffineLayer) start.layer(0)).weights();
        w0[0][0] = 0;
        w0[3][1] = 0;
        Network pruned = new Network(2, List.of(AffineLayer.dense(w0, ((AffineLayer) start.layer(0)).bias()), start.layer(1), start.layer(2)));
        Network tuned = new MlpTrainer(TrainingConfig.defaults(Loss.MSE).withEpochs(20).withKeepZeroWeights(true)).train(pruned, data);
        double[][] w1 = ((AffineLayer) tuned.layer(0)).weights();
        assertEquals(0.0, w1[0][0]);
        assertEquals(0.0, w1[3][1]);
        assertNotEquals(w0[1][0], w1[1][0]);
    }

    @Test
    void l1PenaltyShrinksWeights() {
        Dataset data = regression(100, 8);
        TrainingConfig cfg = TrainingConfig.defaults(Loss.MSE).withEpochs(60).withLearningRate(1e-2);
        Network plain = new MlpTrainer(cfg).train(new int[] {2, 16, 1}, data);
        Network sparse = new MlpTrainer(cfg.withL1(1e-2)).train(new int[] {2, 16, 1}, data);
        assertTrue(l1(sparse) < 0.8 * l1(plain), l1(sparse) + " vs " + l1(plain));
    }

    @Test
    void badShapesAndConfigurationsAreRejected() {
        Dataset data = regression(10, 1);
        MlpTrainer t = new MlpTrainer(TrainingConfig.defaults(Loss.MSE));
        assertThrows(IllegalArgumentException.class, () -> t.train(new int[] {3, 4, 1}, data));
        assertThrows(IllegalArgumentException.class, () -> t.train(new int[] {2, 0, 1}, data));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults(Loss.MSE).withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new double[][] {{1, Double.NaN}}, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new double[][] {{1}}, new int[] {2}, 2));
        assertArrayEquals(new double[] {0, 1}, Dataset.classification(new double[][] {{1}}, new int[] {1}, 2).target(0));
    }

    private static double l1(Network n) {
        double s = 0;
        for (var l : n.layers()) {
            if (l instanceof AffineLayer a) for (double[] row : a.weights()) for (double v : row) s += Math.abs(v);
        }
        return s;
    }
}
