package org.nnmip.nnverify.property;

import java.util.List;
import org.nnmip.nnverify.bounds.Box;

/**
 * A VNN-LIB property as its violation set: inputs in any of the {@code inputBoxes} whose output satisfies the
 * {@code outputCondition}. The property <em>holds</em> (VNN-COMP "unsat") iff that set is empty; a point in it is a
 * counterexample ("sat").
 */
public record Property(int inputSize, int outputSize, List<Box> inputBoxes, OutputCondition outputCondition) {
    public Property {
        inputBoxes = List.copyOf(inputBoxes);
        for (Box b : inputBoxes) {
            if (b.dimension() != inputSize) throw new IllegalArgumentException("property: box of dimension " + b.dimension() + ", expected " + inputSize);
        }
        if (outputCondition.outputSize() != outputSize) throw new IllegalArgumentException("property: output condition size mismatch");
    }

    /** Index of the first box containing {@code x} (widened by {@code tolerance}), or -1. */
    public int boxContaining(double[] x, double tolerance) {
        for (int i = 0; i < inputBoxes.size(); i++) if (inputBoxes.get(i).contains(x, tolerance)) return i;
        return -1;
    }

    /** True when {@code x} is in some input box and {@code y} satisfies the output condition (both with tolerance). */
    public boolean isViolatedBy(double[] x, double[] y, double tolerance) {
        return boxContaining(x, tolerance) >= 0 && outputCondition.isSatisfiedBy(y, tolerance);
    }
}
