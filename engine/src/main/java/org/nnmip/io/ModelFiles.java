package org.nnmip.io;

import org.nnmip.model.Model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads and writes model files, choosing the format from the file name's extension. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * Reads {@code .mps} or {@code .mps.gz} (fixed or free MPS, auto-detected). LP-format files are refused with a
     * {@link ModelFormatException}, as is any other extension.
     */
    public static Model read(Path file) throws IOException, ModelFormatException {
        String n = lowerName(file);
        if (n.endsWith(".mps") || n.endsWith(".mps.gz") || n.endsWith(".fixed.mps") || n.endsWith(".free.mps")) {
            return new MpsReader().read(file);
        }
        if (n.endsWith(".lp") || n.endsWith(".lp.gz")) {
            throw new ModelFormatException(file.toString(), 0, "reading LP format is not supported; "
                    + "convert the model to MPS (.mps or .mps.gz)");
        }
        throw new ModelFormatException(file.toString(), 0, "unknown model file extension (expected .mps or "
                + ".mps.gz)");
    }

    /** Writes free MPS for {@code .mps} / {@code .mps.gz}, CPLEX LP format for {@code .lp}. */
    public static void write(Model model, Path file) throws IOException {
        String n = lowerName(file);
        if (n.endsWith(".mps") || n.endsWith(".mps.gz")) {
            new MpsWriter().write(model, file);
        } else if (n.endsWith(".lp")) {
            new LpFormatWriter().write(model, file);
        } else {
            throw new IllegalArgumentException("file " + file + ": unknown model file extension (expected .mps, "
                    + ".mps.gz or .lp)");
        }
    }

    private static String lowerName(Path file) {
        Path name = file.getFileName();
        return (name == null ? file.toString() : name.toString()).toLowerCase(Locale.ROOT);
    }
}
