package org.nnmip.nnverify.experiment;

import java.util.List;

/**
 * The sizes of the {@code lipschitz} experiment: networks, domains, epochs and time limits, for the quick (test suite)
 * and the full run. The full run follows the settings of the authors' released experiment scripts where our solver
 * can finish (leaders data: 256 points, 10 leaders, radius 0.02, 2 classes in 2-D; L1 1e-3, L2 1e-2, FGSM 0.1;
 * l-infinity inputs, margin {@code f_0 - f_1}, balls of radius 0.1), with smaller networks where it cannot.
 *
 * @param dataPoints      leaders data: number of points
 * @param dataLeaders     leaders data: number of leaders
 * @param dataRadius      leaders data: points more than twice this apart
 * @param trainedSizes    the network of Table 1 (trained on the leaders data)
 * @param trainEpochs     epochs of every trained network
 * @param localBalls      Table 1: l-infinity balls around data points and around uniform random points (each)
 * @param ballRadius      radius of those balls
 * @param randomSizes     Table 2: He-initialised networks over l-infinity balls around random points of the cube
 * @param randomNetworks  Table 2: networks per size
 * @param randomRadius    Table 2: ball radius
 * @param earlyStopLimits Table 4: LipMIP time limits in seconds, increasing
 * @param earlyStopNodes  Table 4: LipMIP node limits, increasing (deterministic, unlike time limits)
 * @param curveSizes      Figure 1: the network trained under each regulariser
 * @param curveEvery      Figure 1: LipMIP every this many epochs
 * @param widths          Figure 5: hidden widths (two hidden layers)
 * @param depths          Figure 5: numbers of hidden layers (of width {@code depthWidth})
 * @param depthWidth      Figure 5: width of the depth series
 * @param solveCap        time limit of a single LipMIP solve in seconds (also capped by the context's limit)
 */
record LipschitzSizes(int dataPoints, int dataLeaders, double dataRadius, int[] trainedSizes, int trainEpochs,
                      int localBalls, double ballRadius, List<int[]> randomSizes, int randomNetworks, double randomRadius,
                      double[] earlyStopLimits, long[] earlyStopNodes, int[] curveSizes, int curveEvery, int[] widths, int[] depths,
                      int depthWidth, double solveCap) {

    static LipschitzSizes of(boolean quick) {
        if (quick) {
            return new LipschitzSizes(128, 10, 0.02, new int[] {2, 10, 10, 2}, 60, 2, 0.1,
                    List.of(new int[] {8, 8, 8, 2}), 1, 0.05, new double[] {0.005, 0.02, 0.1}, new long[] {2, 10, 30},
                    new int[] {2, 8, 8, 2}, 20, new int[] {4, 8}, new int[] {1, 2}, 6, 5);
        }
        return new LipschitzSizes(256, 10, 0.02, new int[] {2, 20, 20, 2}, 200, 10, 0.1,
                List.of(new int[] {16, 16, 16, 2}, new int[] {10, 20, 30, 20, 2}), 5, 0.05,
                new double[] {0.05, 0.2, 1, 5}, new long[] {10, 100, 200, 400, 1000}, new int[] {2, 20, 20, 2}, 20, new int[] {5, 10, 20, 40},
                new int[] {1, 2, 3, 4}, 10, 60);
    }
}
