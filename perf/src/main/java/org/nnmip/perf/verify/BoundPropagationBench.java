package org.nnmip.perf.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Time of the bound propagation without an LP (interval + symbolic back-substitution) and of building the big-M
 * encoding, on every ACAS Xu {@code .nnet} of a folder over the input boxes of prop_1..prop_4. Uses only API that
 * existed before the rigorous-rounding change, so {@code perf/run-bound-propagation.sh} can run this same class
 * against an older build and interleave the two. Prints one line: milliseconds per round for each part, mean and fastest round.
 *
 * <p>Usage: {@code BoundPropagationBench ACAS_DIR [rounds]}.
 */
public final class BoundPropagationBench {
    private BoundPropagationBench() { }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "testdata/nn/acasxu");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Network> nets = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".nnet")).sorted().toList()) nets.add(NetworkFiles.read(p));
        }
        List<Box> boxes = new ArrayList<>();
        for (int k = 1; k <= 4; k++) boxes.add(VnnlibParser.parse(dir.resolve("vnnlib").resolve("prop_" + k + ".vnnlib")).inputBoxes().get(0));
        double sink = 0;
        long propNanos = 0;
        long encNanos = 0;
        long propMin = Long.MAX_VALUE; // the fastest round: the least disturbed by other load on the machine
        long encMin = Long.MAX_VALUE;
        for (int r = 0; r < rounds + 3; r++) {
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
                }
            }
            if (r >= 3) { // warm-up rounds not counted
                propNanos += p;
                encNanos += e;
                propMin = Math.min(propMin, p);
                encMin = Math.min(encMin, e);
            }
        }
        System.out.printf(Locale.ROOT, "propagation %.3f ms/round (min %.3f)  encoding %.3f ms/round (min %.3f)  (%d nets x %d boxes, %d rounds, check %.3g)%n",
                propNanos / 1e6 / rounds, propMin / 1e6, encNanos / 1e6 / rounds, encMin / 1e6, nets.size(), boxes.size(), rounds, sink);
    }
}
