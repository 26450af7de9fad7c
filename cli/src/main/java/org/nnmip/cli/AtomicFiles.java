package org.nnmip.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.nnmip.nnverify.io.AtomicFile;

/** Writes output files through a temporary sibling and a move, so a failure never leaves half a file. */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void writeString(Path target, String content) throws IOException {
        AtomicFile.writeString(target, content);
    }
}
