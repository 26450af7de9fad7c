package org.nnmip.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

import java.nio.file.Path;
import java.util.SplittableRandom;

/** A model with 100k non-zeros goes through free MPS (gzip) and comes back identical. */
class LargeModelTest {
    static Model random(int rows, int cols, int perRow, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Model m = new Model("large");
        Variable[] v = new Variable[cols];
        for (int j = 0; j < cols; j++) {
            v[j] = j % 3 == 0 ? m.integer("int_" + j, 0, 1 + rnd.nextInt(20))
                    : m.continuous("col_" + j, -rnd.nextDouble(), 10 * rnd.nextDouble() + 1);
        }
        for (int i = 0; i < rows; i++) {
            LinearExpr.Builder b = LinearExpr.builder();
            for (int k = 0; k < perRow; k++) b.add(rnd.nextDouble() * 2 - 1, v[rnd.nextInt(cols)]);
            double rhs = rnd.nextDouble() * 100;
            switch (i % 3) {
                case 0 -> m.le("row_" + i, b.build(), rhs);
                case 1 -> m.ge("row_" + i, b.build(), -rhs);
                default -> m.addConstraint("row_" + i, b.build(), -rhs, rhs);
            }
        }
        LinearExpr.Builder o = LinearExpr.builder();
        for (Variable x : v) o.add(rnd.nextDouble(), x);
        m.setObjective(o.build(), ObjectiveSense.MINIMIZE);
        return m;
    }

    @Test
    void hundredThousandNonzerosRoundTripThroughGzip(@TempDir Path dir) throws Exception {
        Model m = random(10_000, 10_000, 10, 42);
        Path f = dir.resolve("large.mps.gz");
        ModelFiles.write(m, f);
        Model back = ModelFiles.read(f);
        org.junit.jupiter.api.Assertions.assertEquals(99_957, back.numNonzeros()); // 100k draws, a few repeats merged
        ModelAssertions.assertSameModel(m, back);
    }
}
