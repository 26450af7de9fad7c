package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.net.Network;

class MnistOnnxTest {

    static double[] image(int i) throws Exception {
        String csv = Files.readString(TestData.nn("mnistfc", "images", "image" + i)).strip();
        double[] x = Arrays.stream(csv.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        for (int j = 0; j < x.length; j++) x[j] /= 255.0; // the networks take pixels in [0, 1]
        return x;
    }

    static int[] labels() throws Exception {
        String csv = Files.readString(TestData.nn("mnistfc", "images", "labels")).strip();
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void mnist256x2ClassifiesTheTestImages() throws Exception {
        Network net = NetworkFiles.read(TestData.nn("mnistfc", "mnist-net_256x2.onnx"));
        assertEquals(784, net.inputSize());
        assertEquals(10, net.outputSize());
        int[] labels = labels();
        assertEquals(25, labels.length);
        int correct = 0;
        for (int i = 1; i <= 25; i++) {
            double[] x = image(i);
            assertEquals(784, x.length);
            if (net.evaluate(x).argmax() == labels[i - 1]) correct++;
        }
        // Observed: 25 of 25 (the oval README says every image is classified correctly by the networks).
        assertEquals(25, correct);
    }
}
