package org.nnmip.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.nnmip.model.Model;

/**
 * Property-based fuzzing of the MPS reader: mutated MPS files (fixed and free, plain and gzip) either read into a
 * model or fail with a {@link ModelFormatException} whose one-line message starts with the file name. Never another
 * exception, never a hang.
 */
class MpsReaderFuzzTest {
    private static final Path DATA = Path.of(System.getProperty("nnmip.testdata", "testdata"));
    private static final List<String> SEEDS = List.of("lp/afiro.mps", "lp/sc50a.mps", "mip/p0033.mps", "mip/flugpl.mps",
            "mip/egout.mps");
    private static final String[] HOSTILE = {"NaN", "Infinity", "-Infinity", "inf", "1e309", "-1e309", "1e30", "-1e30",
        "1e9", "99999999999999999999", "-1", "0", "1e-320", "", "abc", "0x10", "+", "-", "1e", ".", "'MARKER'", "FR", "BV",
        "SC", "N", "E", "ENDATA", "RHS", "BOUNDS", "RANGES"};
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nnmip-mps-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 400, seed = "6001")
    void mpsReaderFailsCleanly(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        String text = Files.readString(DATA.resolve(SEEDS.get(rnd.nextInt(SEEDS.size()))), StandardCharsets.ISO_8859_1);
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) text = mutate(text, rnd);
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        if (rnd.nextInt(5) == 0) data = mutateBytes(data, rnd);
        check("mps seed " + seed, "fuzz.mps", data, rnd);
    }

    @Property(tries = 100, seed = "6002")
    void gzipMpsReaderFailsCleanly(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        byte[] text = Files.readAllBytes(DATA.resolve(SEEDS.get(rnd.nextInt(SEEDS.size()))));
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(text);
        }
        byte[] data = bo.toByteArray();
        // Keep the magic bytes most of the time so the gzip path is what is exercised.
        byte[] mutated = mutateBytes(Arrays.copyOfRange(data, 2, data.length), rnd);
        byte[] withMagic = new byte[mutated.length + 2];
        withMagic[0] = data[0];
        withMagic[1] = data[1];
        System.arraycopy(mutated, 0, withMagic, 2, mutated.length);
        check("mps.gz seed " + seed, "fuzz.mps.gz", withMagic, rnd);
    }

    @org.junit.jupiter.api.Test
    void truncatedGzipIsAFormatErrorNamingTheFile() throws Exception {
        // Was: java.io.EOFException "Unexpected end of ZLIB input stream", without the file name.
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(Files.readAllBytes(DATA.resolve("lp/afiro.mps")));
        }
        Path f = DIR.resolve("truncated.mps.gz");
        Files.write(f, Arrays.copyOf(bo.toByteArray(), bo.size() / 2));
        ModelFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class, () -> ModelFiles.read(f));
        assertTrue(e.getMessage().startsWith(f + ":") && e.getMessage().contains("corrupt or truncated gzip data"), e.getMessage());
    }

    private static void check(String label, String name, byte[] data, Random rnd) throws IOException {
        Path f = DIR.resolve(name);
        Files.write(f, data);
        MpsReader.Format format = MpsReader.Format.values()[rnd.nextInt(3)];
        Pattern form = Pattern.compile("^" + Pattern.quote(f.toString()) + "(:\\d+)?: \\S.*");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                Model m = new MpsReader(format).read(f);
                assertNotNull(m, label);
            } catch (ModelFormatException e) {
                String msg = e.getMessage();
                assertTrue(!msg.contains("\n") && form.matcher(msg).matches(), label + ": message does not name the file on one line: " + msg);
            } catch (Exception e) {
                throw new AssertionError(label + " (" + format + "): unexpected " + e, e);
            }
        }, label + ": reader hung");
    }

    static String mutate(String s, Random rnd) {
        if (s.isEmpty()) return s;
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        switch (rnd.nextInt(7)) {
            case 0 -> { return s.substring(0, rnd.nextInt(s.length() + 1)); }
            case 1 -> {
                char[] c = s.toCharArray();
                String alphabet = "0123456789.-+eE \t\n*'XRN";
                c[rnd.nextInt(c.length)] = alphabet.charAt(rnd.nextInt(alphabet.length()));
                return new String(c);
            }
            case 2 -> lines.remove(rnd.nextInt(lines.size()));
            case 3 -> { int k = rnd.nextInt(lines.size()); lines.add(k, lines.get(k)); }
            case 4 -> { int a = rnd.nextInt(lines.size()), b = rnd.nextInt(lines.size()); String t = lines.get(a); lines.set(a, lines.get(b)); lines.set(b, t); }
            default -> {
                Matcher m = TOKEN.matcher(s);
                List<int[]> spans = new ArrayList<>();
                while (m.find() && spans.size() < 2000) spans.add(new int[] {m.start(), m.end()});
                if (spans.isEmpty()) return s;
                int[] sp = spans.get(rnd.nextInt(spans.size()));
                return s.substring(0, sp[0]) + HOSTILE[rnd.nextInt(HOSTILE.length)] + s.substring(sp[1]);
            }
        }
        return String.join("\n", lines);
    }

    static byte[] mutateBytes(byte[] b, Random rnd) {
        if (b.length == 0) return b;
        int p = rnd.nextInt(b.length);
        switch (rnd.nextInt(3)) {
            case 0 -> b = Arrays.copyOf(b, p);
            case 1 -> { b = b.clone(); b[p] ^= (byte) (1 << rnd.nextInt(8)); }
            default -> { b = b.clone(); b[p] = (byte) rnd.nextInt(256); }
        }
        return b;
    }
}
