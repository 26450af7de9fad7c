package org.nnmip.io;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.modelbuilder.ModelBuilder;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;
import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.Variable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** OR-Tools as an independent reference: its own MPS parser, GLOP for LPs, SCIP for MIPs. Test code only. */
final class OrToolsReference {
    private static boolean loaded;

    private OrToolsReference() {
    }

    static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    static Path testdata(String... parts) {
        return Path.of(System.getProperty("nnmip.testdata"), parts);
    }

    /** OR-Tools' own parse of an MPS file (importFromMpsFile does not work here, so go through a string). */
    static ModelBuilder importMps(Path file) throws IOException {
        load();
        ModelBuilder mb = new ModelBuilder();
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (!mb.importFromMpsString(text)) throw new IllegalStateException("OR-Tools could not read " + file);
        return mb;
    }

    /** Optimal objective of an LP with GLOP; NaN unless OPTIMAL. */
    static double solveWithGlop(LpProblem lp) {
        load();
        MPSolver s = MPSolver.createSolver("GLOP");
        MPVariable[] x = new MPVariable[lp.numColumns()];
        for (int j = 0; j < x.length; j++) x[j] = s.makeNumVar(lp.columnLower(j), lp.columnUpper(j), "x" + j);
        for (int i = 0; i < lp.numRows(); i++) {
            MPConstraint c = s.makeConstraint(lp.rowLower(i), lp.rowUpper(i), "r" + i);
            int[] idx = lp.rowIndices(i);
            double[] val = lp.rowValues(i);
            for (int k = 0; k < idx.length; k++) c.setCoefficient(x[idx[k]], val[k]);
        }
        MPObjective o = s.objective();
        for (int j = 0; j < x.length; j++) o.setCoefficient(x[j], lp.objective(j));
        o.setOffset(lp.objectiveOffset());
        o.setOptimizationDirection(lp.sense() == Sense.MAXIMIZE);
        MPSolver.ResultStatus st = s.solve();
        double z = st == MPSolver.ResultStatus.OPTIMAL ? o.value() : Double.NaN;
        s.delete();
        return z;
    }

    /** Optimal objective of a MIP with SCIP and the optimal point; NaN objective unless OPTIMAL. */
    static double[] solveWithScip(Model model, double timeLimitSeconds) {
        load();
        MPSolver s = MPSolver.createSolver("SCIP");
        s.setTimeLimit((long) (timeLimitSeconds * 1000));
        MPVariable[] x = new MPVariable[model.numVariables()];
        for (Variable v : model.variables()) {
            x[v.index()] = s.makeVar(v.lower(), v.upper(), v.isIntegral(), "x" + v.index());
        }
        for (Constraint c : model.constraints()) {
            MPConstraint r = s.makeConstraint(c.lower(), c.upper(), "r" + c.index());
            for (int k = 0; k < c.size(); k++) r.setCoefficient(x[c.variableIndex(k)], c.coefficient(k));
        }
        MPObjective o = s.objective();
        for (Variable v : model.variables()) o.setCoefficient(x[v.index()], model.objectiveCoefficient(v));
        o.setOffset(model.objectiveConstant());
        o.setOptimizationDirection(model.sense() == org.nnmip.model.ObjectiveSense.MAXIMIZE);
        MPSolver.ResultStatus st = s.solve();
        double[] out = new double[x.length + 1];
        out[0] = st == MPSolver.ResultStatus.OPTIMAL ? o.value() : Double.NaN;
        for (int j = 0; j < x.length; j++) out[j + 1] = x[j].solutionValue();
        s.delete();
        return out;
    }
}
