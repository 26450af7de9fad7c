package org.nnmip.perf.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.VnnlibParser;

/**
 * One round of {@link BoundPropagationBench}'s work (every ACAS Xu net of a folder over the boxes of prop_1..4):
 * interval + symbolic propagation, then the big-M encoding. Uses only API that predates the rigorous-rounding change,
 * so {@link BoundPropagationAbBench} can load it once per build in its own class loader and alternate the builds.
 */
public final class BoundPropagationWorkload {
    private final List<Network> nets = new ArrayList<>();
    private final List<Box> boxes = new ArrayList<>();
    private double sink;
    private long fingerprint;

    public BoundPropagationWorkload(String acasDir) throws Exception {
        Path dir = Path.of(acasDir);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".nnet")).sorted().toList()) nets.add(NetworkFiles.read(p));
        }
        for (int k = 1; k <= 4; k++) boxes.add(VnnlibParser.parse(dir.resolve("vnnlib").resolve("prop_" + k + ".vnnlib")).inputBoxes().get(0));
    }

    /** Nanoseconds of {propagation, encoding} for one pass over all nets and boxes. */
    public long[] round() {
        long p = 0;
        long e = 0;
        for (Network net : nets) {
            for (Box box : boxes) {
                long t0 = System.nanoTime();
                NetworkBounds b = IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box));
                long t1 = System.nanoTime();
                sink += ReluMipEncoder.encode(b).binaryCount();
                long t2 = System.nanoTime();
                p += t1 - t0;
                e += t2 - t1;
                sink += b.outputUpper()[0];
                for (int k = -1; k < net.layerCount(); k++) {
                    for (double x : b.lower(k)) fingerprint = 31 * fingerprint + Double.doubleToLongBits(x);
                    for (double x : b.upper(k)) fingerprint = 31 * fingerprint + Double.doubleToLongBits(x);
                }
            }
        }
        return new long[] {p, e};
    }

    /** A checksum of the results, so the work cannot be optimised away. */
    public double sink() { return sink; }

    /** A hash of every bound's bits over all rounds: equal for two builds that compute bit-identical bounds. */
    public long fingerprint() { return fingerprint; }
}
