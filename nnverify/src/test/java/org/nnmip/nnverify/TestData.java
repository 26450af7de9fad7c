package org.nnmip.nnverify;

import java.nio.file.Path;

/** Locations of the test data copied into {@code testdata/nn}. */
public final class TestData {
    private TestData() { }

    public static Path nn(String... parts) {
        return Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn").resolve(Path.of("", parts));
    }

    public static Path acasNnet(String id) { return nn("acasxu", "ACASXU_run2a_" + id + "_batch_2000.nnet"); }
    public static Path acasOnnx(String id) { return nn("acasxu", "ACASXU_run2a_" + id + "_batch_2000.onnx"); }
}
