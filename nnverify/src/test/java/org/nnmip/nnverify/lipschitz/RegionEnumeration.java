package org.nnmip.nnverify.lipschitz;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * Independent reference for tests: enumerates the activation regions of a dense ReLU network (original layers,
 * not the compact chain) that have non-empty interior inside a box or l1 ball, by depth-first search over neurons
 * with one GLOP LP per branch (maximise a margin t with every fixed pre-activation >= t or <= -t). On each region
 * the network is affine, so its gradient is read from the composed affine map. The largest dual norm over the
 * regions is the Lipschitz constant for networks in general position.
 */
final class RegionEnumeration {
    private static boolean loaded;

    /** Affine map {@code M x + d} of the current layer vector on the current partial region. */
    private record Affine(double[][] m, double[] d) { }

    private final Network net;
    private final double[] lo;
    private final double[] hi;
    private final double[] l1Center;
    private final double l1Radius;
    private final double[] c;
    private final InputNorm norm;
    private final List<double[]> rows = new ArrayList<>(); // constraint rows: coef . x + const >= t (sign folded in)
    final List<double[]> regionGradients = new ArrayList<>();
    /** The output Jacobian (rows: outputs) of each region. */
    final List<double[][]> regionJacobians = new ArrayList<>();
    /** A point deep inside each region (the Chebyshev-like centre maximising the margin). */
    final List<double[]> regionPoints = new ArrayList<>();
    private double[] lastInterior;
    int lpSolves;

    RegionEnumeration(Network net, double[] lo, double[] hi, double[] l1Center, double l1Radius, double[] c, InputNorm norm) {
        synchronized (RegionEnumeration.class) {
            if (!loaded) { Loader.loadNativeLibraries(); loaded = true; }
        }
        this.net = net;
        this.lo = lo;
        this.hi = hi;
        this.l1Center = l1Center;
        this.l1Radius = l1Radius;
        this.c = c;
        this.norm = norm;
    }

    /** The maximum dual gradient norm over all regions with interior. */
    double exactLipschitz() {
        int n = net.inputSize();
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) id[i][i] = 1;
        walk(0, new Affine(id, new double[n]));
        double best = 0;
        for (double[] g : regionGradients) best = Math.max(best, norm.dualNorm(g));
        return best;
    }

    private void walk(int layerIndex, Affine cur) {
        if (layerIndex == net.layerCount()) {
            int n = net.inputSize();
            double[] g = new double[n];
            for (int i = 0; i < c.length; i++) for (int j = 0; j < n; j++) g[j] += c[i] * cur.m[i][j];
            regionGradients.add(g);
            double[][] jac = new double[cur.m.length][];
            for (int i = 0; i < jac.length; i++) jac[i] = cur.m[i].clone();
            regionJacobians.add(jac);
            regionPoints.add(lastInterior);
            return;
        }
        Layer layer = net.layer(layerIndex);
        if (layer instanceof AffineLayer a) {
            double[][] w = a.weights();
            int n = net.inputSize();
            double[][] m = new double[w.length][n];
            double[] d = a.bias();
            for (int i = 0; i < w.length; i++) {
                for (int k = 0; k < w[i].length; k++) {
                    if (w[i][k] == 0) continue;
                    for (int j = 0; j < n; j++) m[i][j] += w[i][k] * cur.m[k][j];
                    d[i] += w[i][k] * cur.d[k];
                }
            }
            walk(layerIndex + 1, new Affine(m, d));
        } else if (layer instanceof ReluLayer r) {
            branch(layerIndex, 0, cur, new Affine(new double[r.size()][], new double[r.size()]));
        } else {
            throw new IllegalArgumentException("reference supports dense and relu layers only");
        }
    }

    /** Decides neuron {@code i} of ReLU layer {@code layerIndex}; {@code out} collects the post-activation map. */
    private void branch(int layerIndex, int i, Affine pre, Affine out) {
        if (i == pre.m.length) {
            walk(layerIndex + 1, new Affine(out.m.clone(), out.d.clone()));
            return;
        }
        int n = net.inputSize();
        for (int sign : new int[] {1, -1}) {
            double[] row = new double[n + 1];
            for (int j = 0; j < n; j++) row[j] = sign * pre.m[i][j];
            row[n] = sign * pre.d[i];
            rows.add(row);
            if (hasInterior()) {
                out.m[i] = sign > 0 ? pre.m[i] : new double[n];
                out.d[i] = sign > 0 ? pre.d[i] : 0;
                branch(layerIndex, i + 1, pre, out);
            }
            rows.removeLast();
        }
    }

    private boolean hasInterior() {
        lpSolves++;
        int n = net.inputSize();
        MPSolver s = MPSolver.createSolver("GLOP");
        try {
            MPVariable[] x = new MPVariable[n];
            for (int j = 0; j < n; j++) x[j] = s.makeNumVar(lo[j], hi[j], "x" + j);
            MPVariable t = s.makeNumVar(-1, 1, "t");
            for (double[] row : rows) {
                MPConstraint con = s.makeConstraint(-row[n], Double.POSITIVE_INFINITY);
                for (int j = 0; j < n; j++) con.setCoefficient(x[j], row[j]);
                con.setCoefficient(t, -1);
            }
            if (l1Center != null) {
                MPConstraint total = s.makeConstraint(Double.NEGATIVE_INFINITY, l1Radius);
                for (int j = 0; j < n; j++) {
                    MPVariable dj = s.makeNumVar(0, l1Radius, "d" + j);
                    MPConstraint up = s.makeConstraint(Double.NEGATIVE_INFINITY, l1Center[j]);
                    up.setCoefficient(x[j], 1);
                    up.setCoefficient(dj, -1);
                    MPConstraint down = s.makeConstraint(l1Center[j], Double.POSITIVE_INFINITY);
                    down.setCoefficient(x[j], 1);
                    down.setCoefficient(dj, 1);
                    total.setCoefficient(dj, 1);
                }
            }
            MPObjective obj = s.objective();
            obj.setCoefficient(t, 1);
            obj.setMaximization();
            MPSolver.ResultStatus st = s.solve();
            if (st != MPSolver.ResultStatus.OPTIMAL || t.solutionValue() <= 1e-7) return false;
            lastInterior = new double[n];
            for (int j = 0; j < n; j++) lastInterior[j] = x[j].solutionValue();
            return true;
        } finally {
            s.delete();
        }
    }
}
