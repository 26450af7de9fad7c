package org.nnmip.perf.verify;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Interleaved A/B timing of {@link BoundPropagationWorkload} for several builds in one JVM: each build gets its own
 * class loader (its nnverify/engine/lp-simplex classes first, then the shared libraries), rounds alternate between
 * the builds, and medians per build are compared with the first build. On a shared machine the alternation spreads
 * the other load evenly over the builds.
 *
 * <p>Usage: {@code BoundPropagationAbBench ACAS_DIR ROUNDS NAME=CLASSPATH...} (CLASSPATH separated by
 * {@link File#pathSeparator}; entries ending in {@code /*} expand to the jars of that folder).
 */
public final class BoundPropagationAbBench {
    private BoundPropagationAbBench() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BoundPropagationAbBench ACAS_DIR ROUNDS NAME=CLASSPATH...");
            System.exit(2);
        }
        String dir = args[0];
        int rounds = Integer.parseInt(args[1]);
        int n = args.length - 2;
        String[] names = new String[n];
        Object[] work = new Object[n];
        Method[] round = new Method[n];
        Method[] sink = new Method[n];
        Method[] fingerprint = new Method[n];
        for (int b = 0; b < n; b++) {
            String spec = args[b + 2];
            int eq = spec.indexOf('=');
            names[b] = spec.substring(0, eq);
            URLClassLoader loader = new URLClassLoader(urls(spec.substring(eq + 1)), ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(BoundPropagationWorkload.class.getName());
            work[b] = c.getConstructor(String.class).newInstance(dir);
            round[b] = c.getMethod("round");
            sink[b] = c.getMethod("sink");
            fingerprint[b] = c.getMethod("fingerprint");
        }
        long[][] prop = new long[n][rounds];
        long[][] enc = new long[n][rounds];
        int warm = 3;
        for (int r = 0; r < rounds + warm; r++) {
            for (int k = 0; k < n; k++) {
                int b = (r + k) % n; // rotate who goes first
                long[] t = (long[]) round[b].invoke(work[b]);
                if (r >= warm) {
                    prop[b][r - warm] = t[0];
                    enc[b][r - warm] = t[1];
                }
            }
        }
        for (int b = 0; b < n; b++) {
            double p = median(prop[b]);
            double e = median(enc[b]);
            System.out.printf(Locale.ROOT, "%-8s propagation %8.3f ms (x%.3f)  encoding %8.3f ms (x%.3f)  check %.6g bounds %016x%n", names[b],
                    p / 1e6, p / median(prop[0]), e / 1e6, e / median(enc[0]), (double) sink[b].invoke(work[b]), (long) fingerprint[b].invoke(work[b]));
        }
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static URL[] urls(String cp) throws Exception {
        List<URL> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.endsWith("/*")) {
                File[] jars = new File(e.substring(0, e.length() - 2)).listFiles((d, name) -> name.endsWith(".jar"));
                if (jars == null) throw new IllegalArgumentException("no such folder: " + e);
                Arrays.sort(jars);
                for (File j : jars) out.add(j.toURI().toURL());
            } else {
                out.add(new File(e).toURI().toURL());
            }
        }
        return out.toArray(new URL[0]);
    }
}
