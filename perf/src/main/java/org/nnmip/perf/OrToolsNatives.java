package org.nnmip.perf;

import com.google.ortools.Loader;

/** Loads OR-Tools' native libraries once per JVM (≈0.5 s and ≈65 MB unpacked, so never twice). */
public final class OrToolsNatives {
    private static boolean loaded;

    private OrToolsNatives() {
    }

    public static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }
}
