package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.net.Network;

class MnistOnnxTest {

    @Test
    void mnist256x2ClassifiesTheTestImages() throws Exception {
        Network net = NetworkFiles.read(TestData.nn("mnistfc", "mnist-net_256x2.onnx"));
        assertEquals(784, net.inputSize());
        assertEquals(10, net.outputSize());
        int[] labels = MnistOnnxTestData.labels();
        assertEquals(25, labels.length);
        int correct = 0;
        for (int i = 1; i <= 25; i++) {
            double[] x = MnistOnnxTestData.image(i);
            assertEquals(784, x.length);
            if (net.evaluate(x).argmax() == labels[i - 1]) correct++;
        }
        // Observed: 25 of 25 (the oval README says every image is classified correctly by the networks).
        assertEquals(25, correct);
    }
}
