package org.nnmip.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.io.NetworkFormatException;
import org.nnmip.nnverify.io.NnetNetwork;
import org.nnmip.nnverify.io.NnetReader;
import org.nnmip.nnverify.net.Network;

/** Reads the --net file of a command: a format error becomes bad input (exit 2, the reader's one-line message). */
final class CliNetworks {
    private CliNetworks() {
    }

    /** The network as {@link NetworkFiles} reads it (.nnet on normalised inputs). */
    static Network read(Path file) throws IOException {
        try {
            return NetworkFiles.read(file);
        } catch (NetworkFormatException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** A network with its own input box, if its file stores one ({@code lower}/{@code upper} null otherwise). */
    record Bounded(Network network, double[] lower, double[] upper) { }

    /** Reads the network; a .nnet file is taken raw (normalisation folded in) with its normalised input bounds. */
    static Bounded readWithBounds(Path file) throws IOException {
        try {
            if (file.toString().toLowerCase(Locale.ROOT).endsWith(".nnet")) {
                NnetNetwork n = NnetReader.read(file);
                return new Bounded(n.rawNetwork(), n.normalizeInput(n.inputMins()), n.normalizeInput(n.inputMaxes()));
            }
            return new Bounded(NetworkFiles.read(file), null, null);
        } catch (NetworkFormatException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The input box from --lo/--hi, else the network's own bounds. */
    static double[][] inputBox(Bounded net, String lo, String hi) {
        if ((lo == null) != (hi == null)) throw new BadInputException("--lo and --hi must be given together");
        if (lo == null) {
            if (net.lower() == null) throw new BadInputException("the network has no input bounds: give --lo and --hi");
            return new double[][] {net.lower(), net.upper()};
        }
        return CliValues.box(lo, hi, net.network().inputSize());
    }
}
