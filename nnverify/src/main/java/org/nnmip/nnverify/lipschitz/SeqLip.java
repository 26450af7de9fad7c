package org.nnmip.nnverify.lipschitz;

/**
 * SeqLip-style greedy activation search (after Virmaux & Scaman 2018, "Lipschitz regularity of deep neural
 * networks", Sec. 4, which maximises layer by layer over activation patterns): starting from the pattern at the
 * domain's centre, sweep the ReLU stages in order and flip any unstable neuron whose flip increases the dual norm of
 * {@code c' W_K D_{K-1} ... D_1 W_1}, until a sweep changes nothing. Stable neurons keep their phase. The patterns
 * searched need not be realisable together and the search is greedy, so the value is neither a lower nor an upper
 * bound: a heuristic.
 */
public final class SeqLip {
    private static final int MAX_SWEEPS = 20;

    private SeqLip() { }

    public static LipschitzResult compute(LipschitzProblem problem) {
        long start = System.nanoTime();
        ReluChain chain = problem.chain();
        double[] c = problem.output().weights();
        boolean[][] pattern = greedy(chain, problem.activationBounds(), problem.domain(),
                p -> problem.norm().dualNorm(chain.gradient(c, p)));
        double[] g = chain.gradient(c, pattern);
        return LipschitzResult.estimate("seqlip", BoundKind.HEURISTIC, problem.norm().dualNorm(g), (System.nanoTime() - start) * 1e-9, null, g);
    }

    /** Vector outputs: the same greedy search on {@code ||J_pattern||_{alpha->beta}}. */
    public static LipschitzResult compute(VectorLipschitzProblem problem) {
        long start = System.nanoTime();
        java.util.function.ToDoubleFunction<boolean[][]> value = p -> problem.outputNorm().operatorNorm(problem.jacobian(p), problem.norm());
        boolean[][] pattern = greedy(problem.chain(), problem.activationBounds(), problem.domain(), value);
        double[][] jac = problem.jacobian(pattern);
        double[] g = OutputNorm.combine(jac, problem.outputNorm().vertices(jac.length).get(problem.outputNorm().argMaxVertex(jac, problem.norm())));
        return LipschitzResult.estimate("seqlip", BoundKind.HEURISTIC, value.applyAsDouble(pattern), (System.nanoTime() - start) * 1e-9, null, g);
    }

    private static boolean[][] greedy(ReluChain chain, ActivationBounds act, InputDomain domain,
                                      java.util.function.ToDoubleFunction<boolean[][]> value) {
        double[] centre = centre(domain);
        boolean[][] pattern = chain.pattern(centre);
        for (int k = 0; k < chain.stageCount(); k++) {
            if (!chain.isRelu(k)) continue;
            for (int i = 0; i < chain.width(k); i++) {
                if (act.phase(k, i) == ActivationBounds.Phase.ACTIVE) pattern[k][i] = true;
                if (act.phase(k, i) == ActivationBounds.Phase.INACTIVE) pattern[k][i] = false;
            }
        }
        double best = value.applyAsDouble(pattern);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean changed = false;
            for (int k = 0; k < chain.stageCount(); k++) {
                if (!chain.isRelu(k)) continue;
                for (int i = 0; i < chain.width(k); i++) {
                    if (act.phase(k, i) != ActivationBounds.Phase.UNSTABLE) continue;
                    pattern[k][i] = !pattern[k][i];
                    double v = value.applyAsDouble(pattern);
                    if (v > best * (1 + 1e-12)) { best = v; changed = true; }
                    else pattern[k][i] = !pattern[k][i];
                }
            }
            if (!changed) break;
        }
        return pattern;
    }

    static double[] centre(InputDomain domain) {
        return switch (domain) {
            case InputDomain.BoxDomain b -> {
                double[] x = new double[b.dimension()];
                for (int i = 0; i < x.length; i++) x[i] = 0.5 * (b.box().lower(i) + b.box().upper(i));
                yield x;
            }
            case InputDomain.L1Ball ball -> ball.center();
        };
    }
}
