package org.nnmip.mip;

import java.util.Arrays;
import java.util.Optional;

import org.nnmip.lp.LpProblem;

/**
 * Cheap presolve (Achterberg, Bixby, Gu, Rothberg, Weninger 2020, "Presolve reductions in mixed integer
 * programming", sections 3 and 4; Savelsbergh 1994): fixed columns are substituted into the rows and the objective
 * offset, singleton rows become column bounds, empty rows are checked and removed, empty columns are fixed at
 * their best bound, integer bounds are tightened from row activities (and rounded), rows that can never be
 * violated are removed, and contradictions prove infeasibility. The reduced instance has the same objective
 * (value and sense, through the offset); {@link Postsolve#expand} maps its points back to the original columns.
 */
final class Presolve {
    private static final int MAX_PASSES = 20;
    /** Crossed bounds or rows count as infeasible only beyond this (relative): the solution checker's tolerance. */
    private static final double INFEASIBLE_TOL = 1e-6;
    /** Integer bounds are rounded with this slack, so round-off in the implied bound does not cut off a value. */
    private static final double INT_TOL = 1e-6;
    /** Coefficients below this take no part in singleton and tightening reductions. */
    private static final double SMALL = 1e-7;

    /** The outcome: infeasible, or a reduced instance with its postsolve mapping. */
    record Result(boolean infeasible, MipInstance reduced, Postsolve postsolve, int removedColumns,
                  int removedRows, int tightenedBounds) {
    }

    /** Maps points of the reduced instance back to the original columns. */
    record Postsolve(int originalColumns, int[] keptColumns, double[] fixedValues) {
        double[] expand(double[] reduced) {
            double[] x = fixedValues.clone();
            for (int k = 0; k < keptColumns.length; k++) x[keptColumns[k]] = reduced[k];
            return x;
        }
    }

    private final MipInstance inst;
    private final LpProblem p;
    private final int n;
    private final int m;
    private final boolean[] integer;
    private final double[] lo;
    private final double[] up;
    private final double[] rowLo;
    private final double[] rowUp;
    private final boolean[] colRemoved;
    private final boolean[] rowRemoved;
    /** Number of entries of each column in rows not removed (for empty columns). */
    private final int[] colCount;
    private double offset;
    private int tightened;

    private Presolve(MipInstance inst) {
        this.inst = inst;
        this.p = inst.relaxationView();
        this.n = p.numColumns();
        this.m = p.numRows();
        this.integer = inst.integerCopy();
        this.lo = p.columnLowerCopy();
        this.up = p.columnUpperCopy();
        this.rowLo = p.rowLowerCopy();
        this.rowUp = p.rowUpperCopy();
        this.colRemoved = new boolean[n];
        this.rowRemoved = new boolean[m];
        this.colCount = new int[n];
        this.offset = p.objectiveOffset();
        for (int i = 0; i < m; i++) for (int j : p.rowIndices(i)) colCount[j]++;
    }

    static Result run(MipInstance instance) {
        return new Presolve(instance).run();
    }

    private Result run() {
        for (int j = 0; j < n; j++) {
            if (integer[j]) {
                lo[j] = Math.ceil(lo[j] - INT_TOL);
                up[j] = Math.floor(up[j] + INT_TOL);
            }
            if (lo[j] > up[j]) return infeasible();
        }
        boolean changed = true;
        for (int pass = 0; pass < MAX_PASSES && changed; pass++) {
            changed = false;
            for (int i = 0; i < m; i++) {
                if (rowRemoved[i]) continue;
                int r = processRow(i);
                if (r < 0) return infeasible();
                if (r > 0) changed = true;
            }
            for (int j = 0; j < n; j++) {
                if (colRemoved[j]) continue;
                if (lo[j] > up[j]) {
                    if (integer[j] || lo[j] > up[j] + INFEASIBLE_TOL * Math.max(1, Math.abs(up[j]))) return infeasible();
                    up[j] = lo[j];
                }
                if (lo[j] == up[j]) {
                    removeColumn(j, lo[j]);
                    changed = true;
                } else if (colCount[j] == 0) {
                    double c = p.sense().sign() * p.objective(j);
                    double v = c > 0 ? lo[j] : c < 0 ? up[j]
                            : Double.isFinite(lo[j]) ? lo[j] : Double.isFinite(up[j]) ? up[j] : 0.0;
                    if (!Double.isFinite(v)) continue; // unbounded direction: leave it to the LP
                    removeColumn(j, v);
                    changed = true;
                }
            }
        }
        return build();
    }

    /** Returns -1 when the row proves infeasibility, 1 when something changed, 0 otherwise. */
    private int processRow(int i) {
        int[] idx = p.rowIndices(i);
        double[] val = p.rowValues(i);
        int live = 0;
        int last = -1;
        double lastA = 0;
        double shift = 0; // activity of the removed (fixed) columns
        for (int k = 0; k < idx.length; k++) {
            if (colRemoved[idx[k]]) {
                shift += val[k] * lo[idx[k]];
                continue;
            }
            live++;
            last = idx[k];
            lastA = val[k];
        }
        double rl = rowLo[i] - shift;
        double ru = rowUp[i] - shift;
        if (live == 0) {
            if (rl > feasSlack(rowLo[i], Math.abs(shift)) || ru < -feasSlack(rowUp[i], Math.abs(shift))) return -1;
            removeRow(i);
            return 1;
        }
        if (live == 1 && Math.abs(lastA) >= SMALL) {
            double a = lastA;
            double newLo = a > 0 ? rl / a : ru / a;
            double newUp = a > 0 ? ru / a : rl / a;
            if (!tighten(last, newLo, newUp)) return -1;
            removeRow(i);
            return 1;
        }
        // Activity bounds over the live columns, with counts of infinite contributions.
        double minAct = 0, maxAct = 0;
        double magnitude = Math.abs(shift); // size of the summed terms, for round-off margins
        int minInf = 0, maxInf = 0;
        for (int k = 0; k < idx.length; k++) {
            int j = idx[k];
            if (colRemoved[j]) continue;
            double a = val[k];
            double l = a > 0 ? lo[j] : up[j];
            double u = a > 0 ? up[j] : lo[j];
            if (Double.isInfinite(l)) minInf++; else minAct += a * l;
            if (Double.isInfinite(u)) maxInf++; else maxAct += a * u;
            if (Double.isFinite(l)) magnitude += Math.abs(a * l);
            if (Double.isFinite(u)) magnitude += Math.abs(a * u);
        }
        if (minInf == 0 && minAct > ru + feasSlack(rowUp[i], magnitude)) return -1;
        if (maxInf == 0 && maxAct < rl - feasSlack(rowLo[i], magnitude)) return -1;
        boolean loRedundant = rl == Double.NEGATIVE_INFINITY || (minInf == 0 && minAct >= rl);
        boolean upRedundant = ru == Double.POSITIVE_INFINITY || (maxInf == 0 && maxAct <= ru);
        if (loRedundant && upRedundant) {
            removeRow(i);
            return 1;
        }
        // Integer bounds implied by the row (continuous bounds are left alone: round-off could cut off points).
        int result = 0;
        for (int k = 0; k < idx.length; k++) {
            int j = idx[k];
            if (colRemoved[j] || !integer[j] || Math.abs(val[k]) < SMALL) continue;
            double a = val[k];
            // Residual activity of the other columns.
            double l = a > 0 ? lo[j] : up[j];
            double u = a > 0 ? up[j] : lo[j];
            double resMin = residual(minAct, minInf, a, l);
            double resMax = residual(maxAct, maxInf, a, u);
            double newLo = Double.NEGATIVE_INFINITY, newUp = Double.POSITIVE_INFINITY;
            if (ru < Double.POSITIVE_INFINITY && Double.isFinite(resMin)) {
                double b = (ru - resMin) / a; // a x <= ru - resMin
                if (a > 0) newUp = b; else newLo = b;
            }
            if (rl > Double.NEGATIVE_INFINITY && Double.isFinite(resMax)) {
                double b = (rl - resMax) / a; // a x >= rl - resMax
                if (a > 0) newLo = Math.max(newLo, b); else newUp = Math.min(newUp, b);
            }
            // Cancellation in the sums can be ~1e-16 of the terms' size: widen before rounding (1e-9 is generous).
            double margin = 1e-9 * (magnitude + Math.abs(rl == Double.NEGATIVE_INFINITY ? 0 : rl)
                    + Math.abs(ru == Double.POSITIVE_INFINITY ? 0 : ru)) / Math.abs(a);
            double oldLo = lo[j], oldUp = up[j];
            if (!tighten(j, newLo - margin, newUp + margin)) return -1;
            if (lo[j] != oldLo || up[j] != oldUp) {
                result = 1;
                return result; // activities are stale now: the next pass recomputes them
            }
        }
        return result;
    }

    /** Violation a row may show before it proves infeasibility: the solution checker's 1e-6, never tighter. */
    private static double feasSlack(double side, double magnitude) {
        return INFEASIBLE_TOL * Math.max(1, Math.abs(side)) + 1e-12 * magnitude;
    }

    /** Activity of the other columns: the total minus column j's contribution at bound b. */
    private static double residual(double act, int inf, double a, double b) {
        if (Double.isInfinite(b)) return inf == 1 ? act : Double.NaN;
        return inf == 0 ? act - a * b : Double.NaN;
    }

    /** Intersects column j's bounds with [newLo, newUp] (integers rounded); false when empty. */
    private boolean tighten(int j, double newLo, double newUp) {
        if (Double.isNaN(newLo) || Double.isNaN(newUp)) return true;
        if (integer[j]) {
            newLo = Math.ceil(newLo - INT_TOL);
            newUp = Math.floor(newUp + INT_TOL);
        }
        boolean change = false;
        if (newLo > lo[j]) {
            lo[j] = newLo;
            change = true;
        }
        if (newUp < up[j]) {
            up[j] = newUp;
            change = true;
        }
        if (change) tightened++;
        if (lo[j] > up[j]) {
            if (integer[j]) return false;
            if (lo[j] > up[j] + INFEASIBLE_TOL * Math.max(1, Math.abs(up[j]))) return false;
            double mid = 0.5 * (lo[j] + up[j]);
            lo[j] = mid;
            up[j] = mid;
        }
        return true;
    }

    private void removeColumn(int j, double v) {
        colRemoved[j] = true;
        lo[j] = v;
        up[j] = v;
        offset += p.objective(j) * v;
    }

    private void removeRow(int i) {
        rowRemoved[i] = true;
        for (int j : p.rowIndices(i)) colCount[j]--;
    }

    private Result infeasible() {
        return new Result(true, null, null, 0, 0, tightened);
    }

    /** The reduced instance: kept columns in order, kept rows with fixed columns moved to the sides. */
    private Result build() {
        int[] newIndex = new int[n];
        Arrays.fill(newIndex, -1);
        int nk = 0;
        for (int j = 0; j < n; j++) if (!colRemoved[j]) newIndex[j] = nk++;
        int[] kept = new int[nk];
        double[] fixed = new double[n];
        LpProblem q = new LpProblem();
        q.setName(p.name());
        q.setSense(p.sense());
        boolean[] qInt = new boolean[nk];
        int[] qPrio = new int[nk];
        for (int j = 0; j < n; j++) {
            if (colRemoved[j]) {
                fixed[j] = lo[j];
                continue;
            }
            int k = newIndex[j];
            kept[k] = j;
            q.addColumn(p.columnName(j), p.objective(j), lo[j], up[j]);
            qInt[k] = integer[j];
            qPrio[k] = inst.branchPriority(j);
        }
        q.setObjectiveOffset(offset);
        int removedRows = 0;
        for (int i = 0; i < m; i++) {
            if (rowRemoved[i]) {
                removedRows++;
                continue;
            }
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            int live = 0;
            for (int j : idx) if (!colRemoved[j]) live++;
            int[] qi = new int[live];
            double[] qv = new double[live];
            double shift = 0;
            int t = 0;
            for (int k = 0; k < idx.length; k++) {
                int j = idx[k];
                if (colRemoved[j]) {
                    shift += val[k] * fixed[j];
                } else {
                    qi[t] = newIndex[j];
                    qv[t++] = val[k];
                }
            }
            q.addRow(p.rowName(i), qi, qv, rowLo[i] - shift, rowUp[i] - shift);
        }
        double[] start = null;
        Optional<double[]> s = inst.start();
        if (s.isPresent()) {
            start = new double[nk];
            for (int k = 0; k < nk; k++) start[k] = s.get()[kept[k]];
        }
        MipInstance reduced = MipInstance.of(q, qInt, qPrio, start, inst.cutoff());
        return new Result(false, reduced, new Postsolve(n, kept, fixed), n - nk, removedRows, tightened);
    }
}
