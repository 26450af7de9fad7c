package org.nnmip.mip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.TableauRow;

/**
 * Gomory mixed-integer cuts from the rows of the optimal root tableau (Gomory 1960; in the form of Cornuejols
 * 2008, "Valid inequalities for mixed integer linear programs", section 2.3). A row whose basic variable is integer
 * and fractional, {@code x_B + sum abar_j y_j = bbar}, with every nonbasic variable shifted to its bound
 * ({@code y_j = v_j - l_j} or {@code u_j - v_j}, so {@code y >= 0}) and {@code f0 = frac(bbar)}, gives
 * <pre>  sum_{int, f_j <= f0} f_j/f0 y_j + sum_{int, f_j > f0} (1-f_j)/(1-f0) y_j
 *    + sum_{cont, abar_j > 0} abar_j/f0 y_j + sum_{cont, abar_j < 0} -abar_j/(1-f0) y_j >= 1.</pre>
 * Row activities {@code r_i = a_i x} are then substituted out so that the cut is over the columns.
 *
 * <p>Numerical safeguards after Cook, Dash, Fukasawa, Goycoolea 2009 ("Numerically safe Gomory mixed-integer
 * cuts") and Wesselmann's thesis: rows with an almost integral basic value are skipped, tiny coefficients are
 * removed by relaxing the right-hand side over the column's bounds, cuts with a dynamism above 1e6, a low efficacy
 * or a dense support are rejected, nearly parallel cuts are dropped, and the right-hand side gets a small safety
 * margin.
 */
final class GomorySeparator {
    /** Cut rounds that use GMI cuts; later rounds would derive cuts of high rank from earlier cuts. */
    static final int MAX_ROUNDS = 4;
    private static final double MIN_FRACTIONALITY = 0.005;
    private static final double MAX_DYNAMISM = 1e6;
    /**
     * Rows whose basic column has a wider integer domain are skipped: on bell5 (general integers with wide
     * domains) such cuts closed a fifth of the root gap yet made our tree sixteen times larger.
     */
    private static final double MAX_BASIC_DOMAIN = 10;
    private static final double TINY = 1e-9;
    private static final double MIN_EFFICACY = 1e-4;
    private static final double MAX_PARALLELISM = 0.98;

    private final MipData data;

    GomorySeparator(MipData data) {
        this.data = data;
    }

    /**
     * GMI cuts {@code cut >= lower} violated by the current optimum of {@code lp}, whose column bounds must be the
     * global bounds; the cuts are valid for every integer-feasible point within them.
     */
    List<CutSeparator.Cut> separate(LpSolver lp, double[] x, int maxCuts) {
        LpProblem p = lp.problem();
        int n = p.numColumns();
        int m = p.numRows();
        boolean[] integerRow = integerRows(p);
        int[] basic = lp.basicVariables();
        // Candidate rows: integer basic variables with a clearly fractional value, most fractional first.
        List<Integer> cand = new ArrayList<>();
        double[] frac = new double[m];
        for (int k = 0; k < m; k++) {
            int v = basic[k];
            double val = v < n ? x[v] : rowActivity(p, v - n, x);
            boolean integer = v < n ? data.integer[v] : integerRow[v - n];
            if (!integer) continue;
            if (v < n && lp.columnUpper(v) - lp.columnLower(v) > MAX_BASIC_DOMAIN) continue;
            double f = val - Math.floor(val);
            if (f < MIN_FRACTIONALITY || f > 1 - MIN_FRACTIONALITY) continue;
            frac[k] = Math.min(f, 1 - f);
            cand.add(k);
        }
        cand.sort((a, b) -> Double.compare(frac[b], frac[a]));
        int maxRows = Math.max(2 * maxCuts, 50);
        List<CutSeparator.Cut> cuts = new ArrayList<>();
        List<Double> effs = new ArrayList<>();
        for (int c = 0; c < cand.size() && c < maxRows; c++) {
            TableauRow row = lp.tableauRow(cand.get(c));
            CutSeparator.Cut cut = gmi(p, row, integerRow, x);
            if (cut == null) continue;
            double e = MirSeparator.efficacy(cut, x);
            if (e < MIN_EFFICACY) continue;
            cuts.add(cut);
            effs.add(e);
        }
        double[] eff = new double[effs.size()];
        for (int k = 0; k < eff.length; k++) eff[k] = effs.get(k);
        return selectDiverse(cuts, eff, maxCuts, n);
    }

    /** Row activities that are integer at every integer point: integer columns with integral coefficients. */
    private boolean[] integerRows(LpProblem p) {
        boolean[] r = new boolean[p.numRows()];
        for (int i = 0; i < p.numRows(); i++) {
            boolean ok = true;
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length && ok; k++) {
                ok = data.integer[idx[k]] && val[k] == Math.rint(val[k]);
            }
            r[i] = ok;
        }
        return r;
    }

    private static double rowActivity(LpProblem p, int i, double[] x) {
        int[] idx = p.rowIndices(i);
        double[] val = p.rowValues(i);
        double s = 0;
        for (int k = 0; k < idx.length; k++) s += val[k] * x[idx[k]];
        return s;
    }

    /** The GMI cut of one tableau row over the columns, or null when the row or the cut is unsafe. */
    CutSeparator.Cut gmi(LpProblem p, TableauRow row, boolean[] integerRow, double[] x) {
        int n = p.numColumns();
        int m = p.numRows();
        double[] rho = row.coefficients();
        // bbar = -sum over nonbasic v of rho_v * (bound of v), consistent with the equation rather than the LP value.
        double bbar = 0;
        for (int v = 0; v < n + m; v++) {
            if (v == row.basicVariable() || rho[v] == 0) continue;
            BasisStatus s = row.status(v);
            if (s == BasisStatus.BASIC) continue;
            if (s == BasisStatus.AT_ZERO) return null; // a free nonbasic variable cannot be shifted to a bound
            bbar -= rho[v] * bound(p, v, s);
        }
        if (!Double.isFinite(bbar)) return null;
        double f0 = bbar - Math.floor(bbar);
        if (f0 < MIN_FRACTIONALITY || f0 > 1 - MIN_FRACTIONALITY) return null;
        // The cut over (x, r): sum pi_v v >= pi0.
        double[] pi = new double[n];
        double pi0 = 1.0;
        for (int v = 0; v < n + m; v++) {
            if (v == row.basicVariable() || rho[v] == 0) continue;
            BasisStatus s = row.status(v);
            if (s != BasisStatus.AT_LOWER && s != BasisStatus.AT_UPPER) continue;
            double lo = v < n ? p.columnLower(v) : p.rowLower(v - n);
            double up = v < n ? p.columnUpper(v) : p.rowUpper(v - n);
            if (lo == up) continue; // y = 0: its term is already in bbar
            boolean atLower = s == BasisStatus.AT_LOWER;
            double bnd = atLower ? lo : up;
            double abar = atLower ? rho[v] : -rho[v];
            boolean integer = v < n ? data.integer[v] : integerRow[v - n] && bnd == Math.rint(bnd);
            double gamma;
            if (integer) {
                double fj = abar - Math.floor(abar);
                gamma = fj <= f0 ? fj / f0 : (1 - fj) / (1 - f0);
            } else {
                gamma = abar >= 0 ? abar / f0 : -abar / (1 - f0);
            }
            if (gamma == 0) continue;
            // y = v - lo (coefficient gamma) or y = up - v (coefficient -gamma).
            double piV = atLower ? gamma : -gamma;
            pi0 += piV * bnd;
            if (v < n) {
                pi[v] += piV;
            } else {
                int[] idx = p.rowIndices(v - n);
                double[] val = p.rowValues(v - n);
                for (int k = 0; k < idx.length; k++) pi[idx[k]] += piV * val[k];
            }
        }
        return clean(p, pi, pi0, x);
    }

    /**
     * Removes fixed columns and tiny coefficients (relaxing the right-hand side over the column's bounds, so the
     * cut stays valid), rejects unsafe cuts and adds a safety margin.
     */
    private CutSeparator.Cut clean(LpProblem p, double[] pi, double pi0, double[] x) {
        int n = pi.length;
        double maxAbs = 0;
        for (double v : pi) maxAbs = Math.max(maxAbs, Math.abs(v));
        if (maxAbs == 0 || !Double.isFinite(maxAbs) || !Double.isFinite(pi0)) return null;
        double rhs = pi0;
        double minAbs = Double.POSITIVE_INFINITY;
        double absSum = 0;
        int nz = 0;
        for (int j = 0; j < n; j++) {
            double a = pi[j];
            if (a == 0) continue;
            double lo = p.columnLower(j);
            double up = p.columnUpper(j);
            if (lo == up || Math.abs(a) < TINY * maxAbs) {
                // a x_j <= max over [lo, up] of a x_j, so sum_{others} >= rhs - that max.
                double worst = a > 0 ? a * up : a * lo;
                if (!Double.isFinite(worst)) return null;
                rhs -= worst;
                pi[j] = 0;
                continue;
            }
            minAbs = Math.min(minAbs, Math.abs(a));
            absSum += Math.abs(a) * Math.max(1, Math.abs(x[j]));
            nz++;
        }
        if (nz == 0 || maxAbs > MAX_DYNAMISM * minAbs) return null;
        if (nz > 20 + data.n / 2) return null; // dense cuts slow every node LP for little gain
        // Round-off of the tableau and of the substitutions, relative to the terms involved.
        rhs -= 1e-9 * Math.max(1, Math.abs(rhs)) + 1e-12 * absSum;
        int[] idx = new int[nz];
        double[] val = new double[nz];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (pi[j] != 0) {
                idx[k] = j;
                val[k++] = pi[j];
            }
        }
        return new CutSeparator.Cut(idx, val, rhs, Double.POSITIVE_INFINITY);
    }

    private static double bound(LpProblem p, int v, BasisStatus s) {
        int n = p.numColumns();
        boolean lower = s == BasisStatus.AT_LOWER;
        if (v < n) return lower ? p.columnLower(v) : p.columnUpper(v);
        return lower ? p.rowLower(v - n) : p.rowUpper(v - n);
    }

    /** Most efficacious first; a cut nearly parallel to one already taken is dropped. */
    static List<CutSeparator.Cut> selectDiverse(List<CutSeparator.Cut> cuts, double[] eff, int maxCuts, int n) {
        Integer[] order = new Integer[cuts.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        Arrays.sort(order, (a, b) -> Double.compare(eff[b], eff[a]));
        List<CutSeparator.Cut> taken = new ArrayList<>();
        List<double[]> dense = new ArrayList<>();
        for (int o : order) {
            if (taken.size() >= maxCuts) break;
            CutSeparator.Cut c = cuts.get(o);
            double[] d = new double[n];
            double norm = 0;
            for (int k = 0; k < c.indices().length; k++) {
                d[c.indices()[k]] = c.values()[k];
                norm += c.values()[k] * c.values()[k];
            }
            norm = Math.sqrt(norm);
            boolean parallel = false;
            for (double[] t : dense) {
                double dot = 0;
                double tn = 0;
                for (int j = 0; j < n; j++) {
                    dot += d[j] * t[j];
                    tn += t[j] * t[j];
                }
                if (Math.abs(dot) > MAX_PARALLELISM * norm * Math.sqrt(tn)) {
                    parallel = true;
                    break;
                }
            }
            if (parallel) continue;
            taken.add(c);
            dense.add(d);
        }
        return taken;
    }
}
