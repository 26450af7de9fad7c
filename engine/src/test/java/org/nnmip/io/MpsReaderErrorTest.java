package org.nnmip.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed MPS gives a ModelFormatException "FILE:LINE: message" with the right line and what was wrong. */
class MpsReaderErrorTest {
    private static final String HEAD = "NAME bad\nROWS\n N obj\n L c1\nCOLUMNS\n";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown section", "NAME bad\nROWZ\n", 2, "unknown section 'ROWZ'"),
                Arguments.of("unknown row in COLUMNS", HEAD + " x obj 1 c2 3\nENDATA\n", 6, "unknown row c2"),
                Arguments.of("bad number", HEAD + " x obj 1 c1 3..5\nENDATA\n", 6, "bad number '3..5'"),
                Arguments.of("NaN coefficient", HEAD + " x c1 NaN\nENDATA\n", 6, "bad number 'NaN'"),
                Arguments.of("duplicate entry", HEAD + " x c1 1\n x c1 2\nENDATA\n", 7,
                        "duplicate entry: column x appears twice in row c1"),
                Arguments.of("non-contiguous column", HEAD + " x c1 1\n y c1 1\n x obj 2\nENDATA\n", 8,
                        "duplicate entry: column x appears again"),
                Arguments.of("duplicate row", "NAME bad\nROWS\n N obj\n L c1\n G c1\n", 5,
                        "duplicate entry: row c1 is declared twice"),
                Arguments.of("unknown row type", "NAME bad\nROWS\n N obj\n X c1\n", 4, "unknown row type 'X'"),
                Arguments.of("missing ENDATA", HEAD + " x c1 1\nRHS\n RHS c1 4\n", 8, "missing ENDATA"),
                Arguments.of("unknown row in RHS", HEAD + " x c1 1\nRHS\n RHS c9 4\nENDATA\n", 8,
                        "unknown row c9 in RHS"),
                Arguments.of("duplicate RHS", HEAD + " x c1 1\nRHS\n RHS c1 4\n RHS c1 5\nENDATA\n", 9,
                        "duplicate entry: RHS for row c1"),
                Arguments.of("unknown column in BOUNDS", HEAD + " x c1 1\nBOUNDS\n UP BND z 4\nENDATA\n", 8,
                        "unknown column z in BOUNDS"),
                Arguments.of("unknown bound type", HEAD + " x c1 1\nBOUNDS\n XX BND x 4\nENDATA\n", 8,
                        "unknown bound type 'XX'"),
                Arguments.of("semi-continuous", HEAD + " x c1 1\nBOUNDS\n SC BND x 4\nENDATA\n", 8,
                        "semi-continuous bound (SC) on column x is not supported"),
                Arguments.of("bad bound value", HEAD + " x c1 1\nBOUNDS\n UP BND x four\nENDATA\n", 8,
                        "bad number 'four' for UP bound of column x"),
                Arguments.of("bad marker", HEAD + " M 'MARKER' 'SOSORG'\nENDATA\n", 6, "unknown MARKER"),
                Arguments.of("bad objective sense", "NAME bad\nOBJSENSE\n    UPWARDS\n", 3, "bad objective sense"),
                Arguments.of("data outside section", " x c1 1\n", 1, "data line outside any section"),
                Arguments.of("COLUMNS before ROWS", "NAME bad\nCOLUMNS\n", 2, "COLUMNS section before ROWS"),
                Arguments.of("wrong field count", HEAD + " x c1\nENDATA\n", 6, "expected column name, row name"),
                Arguments.of("infinite RHS on an L row", HEAD + " x c1 1\nRHS\n RHS c1 -1e30\nENDATA\n", 8,
                        "RHS -1e30 of row c1 leaves the row no feasible value"),
                Arguments.of("infinite coefficient", HEAD + " x c1 1e400\nENDATA\n", 6, "must be finite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsLineAndWhatWasWrong(String label, String text, int line, String fragment) {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new MpsReader().read(new StringReader(text), "bad.mps"));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals("bad.mps", e.file());
        assertTrue(e.getMessage().startsWith("bad.mps:" + line + ": "), e.getMessage());
        assertTrue(e.detail().contains(fragment), e.getMessage());
    }

    @Test
    void errorsInFilesNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.mps");
        Files.writeString(f, HEAD + " x c1 1\n x c1 2\nENDATA\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f));
        assertEquals(f + ":7: duplicate entry: column x appears twice in row c1", e.getMessage());
    }

    @Test
    void lpFormatAndUnknownExtensionsAreRefusedClearly(@TempDir Path dir) throws Exception {
        Path lp = dir.resolve("m.lp");
        Files.writeString(lp, "Minimize\n obj: x\nEnd\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(lp));
        assertTrue(e.getMessage().contains("reading LP format is not supported"), e.getMessage());
        ModelFormatException e2 = assertThrows(ModelFormatException.class,
                () -> ModelFiles.read(dir.resolve("m.txt")));
        assertTrue(e2.getMessage().contains("unknown model file extension"), e2.getMessage());
    }
}
