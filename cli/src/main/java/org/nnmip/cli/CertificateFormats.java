package org.nnmip.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.nnmip.nnverify.invertibility.InvertibilityCertificate;
import org.nnmip.nnverify.lipschitz.LipschitzCertificate;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.resilience.ResilienceCertificate;

/**
 * The certificates of bounds and radii (not verify's): dispatch on the file's {@code format} field, check, print
 * "valid: CLAIM" or "INVALID: reason". Exit 0 valid, 1 invalid.
 */
final class CertificateFormats {
    private CertificateFormats() {
    }

    /** The file's {@code format} field, or "" when it has none or is not JSON (the verify reader then names the fault). */
    static String format(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            return root == null ? "" : root.path("format").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static int check(String format, Network net, Path netFile, Path file, PrintWriter out) throws IOException {
        String problem;
        String claim;
        String proof;
        switch (format) {
            case "nnmip-lipschitz-certificate-1" -> {
                LipschitzCertificate c = LipschitzCertificate.read(file);
                problem = c.check(net);
                claim = c.claim().describe();
                proof = c.leaves().size() + " branch-and-bound leaves";
            }
            case "nnmip-invertibility-certificate-1" -> {
                InvertibilityCertificate c = InvertibilityCertificate.read(file);
                problem = c.check(net);
                claim = c.claim().describe();
                proof = c.parts().size() + " MILPs, " + c.leafCount() + " branch-and-bound leaves";
            }
            case "nnmip-resilience-certificate-1" -> {
                // resilience reads .nnet files as raw networks (inputs not normalised): check that network.
                ResilienceCertificate c = ResilienceCertificate.read(file);
                problem = c.check(CliNetworks.readWithBounds(netFile).network());
                claim = c.claim().describe();
                proof = c.leaves().size() + " branch-and-bound leaves";
            }
            default -> throw new BadInputException("certificate " + file + ": unknown format '" + format + "'");
        }
        if (problem == null) out.println("valid: " + claim + " (" + proof + " checked in exact arithmetic)");
        else out.println("INVALID: " + problem);
        out.flush();
        return problem == null ? 0 : 1;
    }
}
