package org.nnmip.nnverify.lipschitz;

import org.nnmip.nnverify.net.Network;

/**
 * The local Lipschitz constant {@code L(c'f, X) = sup_{x in X} ||grad c'f(x)||_*} (Jordan & Dimakis 2020, Thm. 1)
 * of a ReLU network's scalar output over an input domain, for an input norm (the gradient is measured in its dual).
 * Validates sizes once; the chain, forward bounds and backward bounds are computed here and shared by the methods.
 */
public final class LipschitzProblem {
    private final Network network;
    private final OutputFunctional output;
    private final InputDomain domain;
    private final InputNorm norm;
    private final ReluChain chain;
    private final ActivationBounds activationBounds;
    private final GradientBounds gradientBounds;

    public LipschitzProblem(Network network, OutputFunctional output, InputDomain domain, InputNorm norm) {
        if (network == null) throw new IllegalArgumentException("lipschitz: network is null");
        if (output == null) throw new IllegalArgumentException("lipschitz: output functional is null");
        if (domain == null) throw new IllegalArgumentException("lipschitz: input domain is null");
        if (norm == null) throw new IllegalArgumentException("lipschitz: input norm is null");
        if (domain.dimension() != network.inputSize()) {
            throw new IllegalArgumentException("input domain has dimension " + domain.dimension() + ", network input " + network.inputSize());
        }
        if (output.size() != network.outputSize()) {
            throw new IllegalArgumentException("output weights: " + output.size() + " given, network has " + network.outputSize() + " outputs");
        }
        this.network = network;
        this.output = output;
        this.domain = domain;
        this.norm = norm;
        this.chain = ReluChain.of(network);
        this.activationBounds = ActivationBounds.compute(network, chain, domain.boundingBox());
        this.gradientBounds = GradientBounds.compute(chain, activationBounds, output);
    }

    public Network network() { return network; }
    public OutputFunctional output() { return output; }
    public InputDomain domain() { return domain; }
    public InputNorm norm() { return norm; }
    public ReluChain chain() { return chain; }
    public ActivationBounds activationBounds() { return activationBounds; }
    public GradientBounds gradientBounds() { return gradientBounds; }

    /** The same network and domain with another output functional. */
    public LipschitzProblem withOutput(OutputFunctional other) {
        return new LipschitzProblem(network, other, domain, norm);
    }

    /** Dual norm of the gradient at {@code x} (relu'(0) = 0): a lower bound on the Lipschitz constant when x is in X. */
    public double gradientNormAt(double[] x) {
        return norm.dualNorm(chain.gradient(output.weights(), x));
    }
}
