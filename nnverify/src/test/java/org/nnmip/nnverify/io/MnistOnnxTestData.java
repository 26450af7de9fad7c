package org.nnmip.nnverify.io;

import java.nio.file.Files;
import java.util.Arrays;
import org.nnmip.nnverify.TestData;

/** The 25 MNIST test images (pixels scaled to [0, 1]) and their labels. */
public final class MnistOnnxTestData {
    private MnistOnnxTestData() { }

    public static double[] image(int i) throws Exception {
        String csv = Files.readString(TestData.nn("mnistfc", "images", "image" + i)).strip();
        double[] x = Arrays.stream(csv.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        for (int j = 0; j < x.length; j++) x[j] /= 255.0; // the networks take pixels in [0, 1]
        return x;
    }

    public static int[] labels() throws Exception {
        String csv = Files.readString(TestData.nn("mnistfc", "images", "labels")).strip();
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }
}
