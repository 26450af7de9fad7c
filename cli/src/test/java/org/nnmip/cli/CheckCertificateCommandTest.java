package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --certificate} writes a proof that {@code check-certificate} accepts; damage is reported. */
class CheckCertificateCommandTest {
    private static final Path NN = Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn");

    @Test
    void unsatCertificateIsWrittenAndChecked(@TempDir Path dir) throws Exception {
        String net = NN.resolve("acasxu/ACASXU_run2a_3_3_batch_2000.nnet").toString();
        String prop = NN.resolve("acasxu/vnnlib/prop_4.vnnlib").toString();
        Path cert = dir.resolve("cert.json");
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", net, "--prop", prop, "--strategy", "mip",
                "--timeout", "60", "--certificate", cert.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("unsat"), r.out());
        assertTrue(Files.exists(cert), r.err());
        SolveCommandTest.Run c = SolveCommandTest.run("check-certificate", "--net", net, "--prop", prop, cert.toString());
        assertEquals(0, c.exit(), c.out() + c.err());
        assertTrue(c.out().startsWith("valid"), c.out());

        // A certificate for a sub-problem the property does not have.
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(cert).replace("\"box\":0", "\"box\":3"));
        SolveCommandTest.Run b = SolveCommandTest.run("check-certificate", "--net", net, "--prop", prop, bad.toString());
        assertEquals(1, b.exit(), b.out() + b.err());
        assertTrue(b.out().startsWith("INVALID: input box 3"), b.out());

        // Not JSON: bad input, exit 2 with the file named.
        Files.writeString(bad, "{ nope");
        SolveCommandTest.Run j = SolveCommandTest.run("check-certificate", "--net", net, "--prop", prop, bad.toString());
        assertEquals(2, j.exit(), j.err());
        assertTrue(j.err().contains("bad.json"), j.err());
    }

    @Test
    void satAnswerWritesNoCertificate(@TempDir Path dir) {
        Path cert = dir.resolve("cert.json");
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", NN.resolve("vnncomp_test/test_sat.onnx").toString(),
                "--prop", NN.resolve("vnncomp_test/test_prop.vnnlib").toString(), "--certificate", cert.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(cert));
        assertTrue(r.err().contains("no certificate written"), r.err());
    }
}
