package org.nnmip.nnverify.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of reader inputs for fuzzing: truncation, byte flips, line deletion and duplication, and
 * numbers replaced by hostile values (NaN, infinities, huge counts, negative counts, garbage).
 */
public final class Mutations {
    private Mutations() { }

    static final String[] HOSTILE = {"NaN", "Infinity", "-Infinity", "inf", "1e309", "-1e309", "1e9", "1000000000",
        "100000000", "2147483647", "2147483648", "99999999999999999999", "-1", "0", "-0", "1e-320", "", "abc", "1.5",
        "0x10", "+", "-", "1e", ".", "4.9e-324", "1e308"};
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** One to three text mutations. */
    public static String mutateText(String s, Random rnd) {
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) s = mutateTextOnce(s, rnd);
        return s;
    }

    static String mutateTextOnce(String s, Random rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        switch (rnd.nextInt(8)) {
            case 0 -> { return s.substring(0, rnd.nextInt(s.length() + 1)); } // truncation
            case 1 -> { // character flip
                if (s.isEmpty()) return s;
                char[] c = s.toCharArray();
                String alphabet = "0123456789,.-+e()\n \t;XY_\u00ff\u0000abc";
                c[rnd.nextInt(c.length)] = alphabet.charAt(rnd.nextInt(alphabet.length()));
                return new String(c);
            }
            case 2 -> { if (!lines.isEmpty()) lines.remove(rnd.nextInt(lines.size())); }
            case 3 -> { if (!lines.isEmpty()) { int k = rnd.nextInt(lines.size()); lines.add(k, lines.get(k)); } }
            case 4 -> { if (lines.size() > 1) { int a = rnd.nextInt(lines.size()), b = rnd.nextInt(lines.size()); String t = lines.get(a); lines.set(a, lines.get(b)); lines.set(b, t); } }
            default -> { return replaceNumber(s, rnd); } // wrong counts, NaN/Inf, huge numbers
        }
        return String.join("\n", lines);
    }

    /** Replaces one number token (preferring early ones, where headers and counts live) with a hostile value. */
    static String replaceNumber(String s, Random rnd) {
        Matcher m = NUMBER.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find() && spans.size() < 400) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty()) return s;
        int k = rnd.nextBoolean() ? rnd.nextInt(Math.min(12, spans.size())) : rnd.nextInt(spans.size());
        int[] sp = spans.get(k);
        String v = rnd.nextInt(3) == 0 ? Integer.toString(rnd.nextInt(20) - 3) : HOSTILE[rnd.nextInt(HOSTILE.length)];
        return s.substring(0, sp[0]) + v + s.substring(sp[1]);
    }

    /** One to three byte mutations: truncation, flips, deleted or duplicated ranges. */
    public static byte[] mutateBytes(byte[] b, Random rnd) {
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (b.length == 0) return b;
            int p = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0 -> b = Arrays.copyOf(b, p);
                case 1 -> { b = b.clone(); b[p] ^= (byte) (1 << rnd.nextInt(8)); }
                case 2 -> { b = b.clone(); b[p] = (byte) rnd.nextInt(256); }
                case 3 -> {
                    int len = Math.min(b.length - p, 1 + rnd.nextInt(16));
                    byte[] r = new byte[b.length - len];
                    System.arraycopy(b, 0, r, 0, p);
                    System.arraycopy(b, p + len, r, p, b.length - p - len);
                    b = r;
                }
                default -> {
                    int len = Math.min(b.length - p, 1 + rnd.nextInt(16));
                    byte[] r = new byte[b.length + len];
                    System.arraycopy(b, 0, r, 0, p + len);
                    System.arraycopy(b, p, r, p + len, b.length - p);
                    b = r;
                }
            }
        }
        return b;
    }
}
