package org.nnmip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibFormatException;
import org.nnmip.nnverify.property.VnnlibParser;
import org.nnmip.nnverify.verify.UnsatCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nnmip check-certificate --net NET --prop P FILE}: validates an unsat certificate written by
 * {@code verify --certificate} without running the solver: the sub-problems are rebuilt and every leaf is checked
 * in exact arithmetic. Exit 0 when valid, 1 when not (with the reason), 2 on bad input.
 */
@Command(name = "check-certificate", mixinStandardHelpOptions = true,
        description = {"Check a certificate (verify, lipschitz, invertibility or resilience --certificate) in exact arithmetic.",
                "Prints 'valid' or exactly what is wrong; exit code 0 = valid, 1 = invalid."})
final class CheckCertificateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "NET", description = "The network (.nnet, .onnx, .json).")
    Path netFile;

    @Option(names = "--prop", paramLabel = "FILE", description = "The property (.vnnlib) of a verify certificate.")
    Path propFile;

    @Parameters(index = "0", paramLabel = "CERTIFICATE", description = "The certificate (JSON).")
    Path certificateFile;

    @Override
    public Integer call() throws IOException {
        Network net = CliNetworks.read(netFile);
        Property property;
        if (!Files.isRegularFile(certificateFile)) throw new BadInputException("certificate " + certificateFile + ": no such file");
        String format = CertificateFormats.format(certificateFile);
        if (!format.equals("nnmip-unsat-certificate-1") && !format.isEmpty()) {
            return CertificateFormats.check(format, net, netFile, certificateFile, spec.commandLine().getOut());
        }
        UnsatCertificate cert = UnsatCertificate.read(certificateFile);
        if (propFile == null) throw new BadInputException("check-certificate: a verify certificate needs --prop");
        try {
            property = VnnlibParser.parse(propFile);
        } catch (VnnlibFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        if (property.inputSize() != net.inputSize() || property.outputSize() != net.outputSize()) {
            throw new BadInputException("property over " + property.inputSize() + " inputs and " + property.outputSize()
                    + " outputs, network has " + net.inputSize() + " inputs and " + net.outputSize() + " outputs");
        }
        String problem = UnsatCertificate.check(net, property, cert);
        PrintWriter out = spec.commandLine().getOut();
        if (problem == null) {
            out.println("valid: the property holds (" + cert.parts().size() + " sub-problems, " + cert.leafCount()
                    + " branch-and-bound leaves checked in exact arithmetic)");
        } else {
            out.println("INVALID: " + problem);
        }
        out.flush();
        return problem == null ? 0 : 1;
    }
}
