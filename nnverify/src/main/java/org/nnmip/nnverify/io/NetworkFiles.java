package org.nnmip.nnverify.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.nnmip.nnverify.net.Network;

/** Reads a network by file extension: {@code .nnet} (the raw network on normalised inputs), {@code .onnx}, {@code .json}. */
public final class NetworkFiles {
    private NetworkFiles() { }

    public static Network read(Path file) throws IOException, NetworkFormatException {
        String name = NetworkFormatException.name(file).toLowerCase(Locale.ROOT);
        if (name.endsWith(".nnet")) return NnetReader.read(file).rawNetwork();
        if (name.endsWith(".onnx")) return OnnxReader.read(file);
        if (name.endsWith(".json")) return JsonNetworkFormat.read(file);
        throw NetworkFormatException.inFile(file, "unknown network file extension, expected .nnet, .onnx or .json");
    }
}
