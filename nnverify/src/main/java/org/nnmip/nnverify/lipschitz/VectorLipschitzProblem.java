package org.nnmip.nnverify.lipschitz;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.net.Network;

/**
 * The local Lipschitz constant of a vector-valued network with a linear output norm,
 * {@code L^(alpha,beta)(f, X) = sup_{x in X} ||J(x)||_{alpha->beta} = max_u L^alpha(u'f, X)} over the vertices
 * {@code u} of the output norm's dual ball ({@link OutputNorm} derives this). Shared by all methods: the chain, the
 * forward bounds, the backward bounds of every vertex and their hull (the bounds of the one MIP that chooses the
 * vertex with selector binaries, {@link #selector}).
 */
public final class VectorLipschitzProblem {
    private final Network network;
    private final OutputNorm outputNorm;
    private final InputDomain domain;
    private final InputNorm norm;
    private final ReluChain chain;
    private final ActivationBounds activationBounds;
    private final List<double[]> vertices;
    private final List<GradientBounds> vertexBounds;
    private final GradientBounds gradientBounds;

    public VectorLipschitzProblem(Network network, OutputNorm outputNorm, InputDomain domain, InputNorm norm) {
        if (network == null) throw new IllegalArgumentException("lipschitz: network is null");
        if (outputNorm == null) throw new IllegalArgumentException("lipschitz: output norm is null");
        if (domain == null) throw new IllegalArgumentException("lipschitz: input domain is null");
        if (norm == null) throw new IllegalArgumentException("lipschitz: input norm is null");
        if (domain.dimension() != network.inputSize()) {
            throw new IllegalArgumentException("input domain has dimension " + domain.dimension() + ", network input " + network.inputSize());
        }
        outputNorm.validate(network.outputSize());
        this.network = network;
        this.outputNorm = outputNorm;
        this.domain = domain;
        this.norm = norm;
        this.chain = ReluChain.of(network);
        this.activationBounds = ActivationBounds.compute(network, chain, domain.boundingBox());
        this.vertices = List.copyOf(outputNorm.vertices(network.outputSize()));
        List<GradientBounds> vb = new ArrayList<>();
        for (double[] u : vertices) vb.add(GradientBounds.compute(chain, activationBounds, u, u));
        this.vertexBounds = List.copyOf(vb);
        this.gradientBounds = GradientBounds.hull(vertexBounds);
    }

    public Network network() { return network; }
    public OutputNorm outputNorm() { return outputNorm; }
    public InputDomain domain() { return domain; }
    public InputNorm norm() { return norm; }
    public ReluChain chain() { return chain; }
    public ActivationBounds activationBounds() { return activationBounds; }
    /** The dual-ball vertices, one of each sign pair. */
    public List<double[]> vertices() { return vertices.stream().map(double[]::clone).toList(); }
    public int vertexCount() { return vertices.size(); }
    double[] vertex(int k) { return vertices.get(k); }
    GradientBounds vertexBounds(int k) { return vertexBounds.get(k); }
    /** The hull of the vertices' backward bounds: valid for every choice the MIP's selector makes. */
    public GradientBounds gradientBounds() { return gradientBounds; }

    /** The scalar problem of vertex {@code k}: {@code L^alpha(u_k'f, X)}. */
    public LipschitzProblem vertexProblem(int k) {
        return new LipschitzProblem(network, new OutputFunctional(vertices.get(k)), domain, norm);
    }

    /** The Jacobian for an activation pattern (rows: outputs). */
    public double[][] jacobian(boolean[][] pattern) {
        int m = chain.outputSize();
        double[][] j = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] e = new double[m];
            e[i] = 1;
            j[i] = chain.gradient(e, pattern);
        }
        return j;
    }

    /** {@code ||J(x)||_{alpha->beta}} with relu'(0) = 0: a lower bound on the constant when x is in X. */
    public double normAt(double[] x) {
        return outputNorm.operatorNorm(jacobian(chain.pattern(x)), norm);
    }

    /**
     * Adds the selector of a dual-ball vertex to {@code m} and returns the output weights {@code u} as expressions:
     * l-infinity {@code u = q}, one-hot {@code q}; cross:i {@code u_i = 1, u_j = -q_j} with one-hot {@code q} over
     * {@code j != i}; l1 {@code u_0 = 1, u_j = 2 s_j - 1} with free sign binaries {@code s}. Every binary point is a
     * vertex and every vertex (modulo sign) a binary point, so the MIP maximises over exactly {@link #vertices}.
     */
    LinearExpr[] selector(Model m) {
        int outs = chain.outputSize();
        LinearExpr[] u = new LinearExpr[outs];
        if (vertices.size() == 1) {
            double[] v = vertices.getFirst();
            for (int i = 0; i < outs; i++) u[i] = LinearExpr.constant(v[i]);
            return u;
        }
        int priority = chain.stageCount() + 1; // branch on the vertex first: it splits into the scalar problems
        switch (outputNorm.kind()) {
            case LINF, CROSS -> {
                boolean cross = outputNorm.kind() == OutputNorm.Kind.CROSS;
                List<Variable> q = new ArrayList<>();
                for (int i = 0; i < outs; i++) {
                    if (cross && i == outputNorm.target()) { u[i] = LinearExpr.constant(1); continue; }
                    Variable v = m.binary("pick_out" + i).setBranchPriority(priority);
                    q.add(v);
                    u[i] = LinearExpr.of(cross ? -1 : 1, v);
                }
                m.eq("pick_one_out", LinearExpr.sum(q), 1);
            }
            case L1 -> {
                u[0] = LinearExpr.constant(1);
                for (int i = 1; i < outs; i++) {
                    Variable s = m.binary("sign_out" + i).setBranchPriority(priority);
                    u[i] = LinearExpr.builder().add(2, s).constant(-1).build();
                }
            }
        }
        return u;
    }
}
