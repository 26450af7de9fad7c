package org.nnmip.nnverify.property;

import java.util.ArrayList;
import java.util.List;

/** A parsed S-expression: an atom or a list, with the line it starts on (1-based). */
record SExpression(String atom, List<SExpression> items, int line) {

    static final int MAX_DEPTH = 1000;

    boolean isAtom() { return atom != null; }

    /** The head symbol of a list whose first item is an atom, else null. */
    String head() {
        return atom == null && !items.isEmpty() && items.getFirst().isAtom() ? items.getFirst().atom() : null;
    }

    /** Parses all top-level expressions of {@code text}; {@code ;} starts a comment to the end of the line. */
    static List<SExpression> parseAll(String text, String file) throws VnnlibFormatException {
        List<SExpression> top = new ArrayList<>();
        List<List<SExpression>> stack = new ArrayList<>();
        List<Integer> startLines = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') { line++; i++; continue; }
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == ';') {
                while (i < n && text.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '(') {
                // The formula and term readers recurse per level; a bounded depth keeps the stack bounded.
                if (stack.size() >= MAX_DEPTH) throw new VnnlibFormatException(file + ":" + line + ": expressions nested more than " + MAX_DEPTH + " deep");
                stack.add(new ArrayList<>());
                startLines.add(line);
                i++;
                continue;
            }
            if (c == ')') {
                if (stack.isEmpty()) throw new VnnlibFormatException(file + ":" + line + ": unexpected ')'");
                List<SExpression> items = stack.removeLast();
                SExpression e = new SExpression(null, List.copyOf(items), startLines.removeLast());
                (stack.isEmpty() ? top : stack.getLast()).add(e);
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && "();".indexOf(text.charAt(i)) < 0) i++;
            SExpression atom = new SExpression(text.substring(start, i), List.of(), line);
            if (stack.isEmpty()) throw new VnnlibFormatException(file + ":" + line + ": expected '(' but found '" + atom.atom() + "'");
            stack.getLast().add(atom);
        }
        if (!stack.isEmpty()) {
            throw new VnnlibFormatException(file + ":" + startLines.getLast() + ": unbalanced '(' (missing ')' before end of file)");
        }
        return top;
    }
}
