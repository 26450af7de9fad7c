package org.nnmip.lp.internal.kernel;

/**
 * Picks the SIMD kernels (behind the JIT warm-up gate of {@link WarmedVectorKernels}) when the incubator module is
 * loaded, the scalar twin otherwise.
 */
final class KernelSelector {
    private static final Kernels VECTOR = load();

    private KernelSelector() {
    }

    static Kernels vectorOrScalar() {
        return VECTOR;
    }

    private static Kernels load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return ScalarKernels.INSTANCE;
        try {
            Class<?> c = Class.forName("org.nnmip.lp.internal.kernel.VectorKernels");
            return new WarmedVectorKernels((Kernels) c.getField("INSTANCE").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarKernels.INSTANCE;
        }
    }
}
