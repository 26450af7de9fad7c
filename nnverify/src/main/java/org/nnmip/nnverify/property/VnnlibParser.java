package org.nnmip.nnverify.property;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nnmip.nnverify.bounds.Box;

/**
 * Reads VNN-LIB properties (VNN-LIB standard 1.0, vnnlib.org): {@code (declare-const X_i Real)} /
 * {@code (declare-const Y_j Real)} and {@code (assert F)} where F is built from {@code and}, {@code or},
 * {@code <=}, {@code >=} over linear terms ({@code +}, {@code -} unary and n-ary, {@code *} with at most one
 * non-constant factor, decimal numbers with exponents). The conjunction of all asserts is expanded to disjunctive
 * normal form; each disjunct must split into single-variable bounds on X (an input box) and linear constraints on
 * Y, and every input box must come with the same output disjunction (the form of ACAS Xu property 6 and of
 * output disjunctions like properties 3/4). Errors name the file and line.
 */
public final class VnnlibParser {
    private static final Pattern VARIABLE = Pattern.compile("([XY])_(\\d+)");
    private static final int MAX_DISJUNCTS = 100_000;

    private final String file;
    private final Map<String, int[]> declared = new LinkedHashMap<>(); // name -> {0 = X / 1 = Y, index}
    private int inputSize;
    private int outputSize;

    private VnnlibParser(String file) {
        this.file = file;
    }

    public static Property parse(Path path) throws IOException, VnnlibFormatException {
        Path name = path.getFileName();
        String fileName = name == null ? path.toString() : name.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new VnnlibFormatException(fileName + ": not a UTF-8 text file (malformed byte sequence)");
        }
        return parse(text, fileName);
    }

    /** Parses VNN-LIB text; {@code fileName} is used in error messages. */
    public static Property parse(String text, String fileName) throws VnnlibFormatException {
        return new VnnlibParser(fileName).run(text);
    }

    private VnnlibFormatException error(int line, String what) {
        return new VnnlibFormatException(file + ":" + line + ": " + what);
    }

    /** A linear atom {@code x . xc + y . yc + constant <= 0}; coefficients keyed by variable index. */
    private record Atom(TreeMap<Integer, Double> x, TreeMap<Integer, Double> y, double constant, int line) { }

    /** A linear term while parsing. */
    private record Term(TreeMap<Integer, Double> x, TreeMap<Integer, Double> y, double constant) {
        static Term constant(double c) { return new Term(new TreeMap<>(), new TreeMap<>(), c); }
        boolean isConstant() { return x.isEmpty() && y.isEmpty(); }
        Term plus(Term o, double sign) {
            TreeMap<Integer, Double> nx = new TreeMap<>(x);
            TreeMap<Integer, Double> ny = new TreeMap<>(y);
            o.x.forEach((k, v) -> nx.merge(k, sign * v, Double::sum));
            o.y.forEach((k, v) -> ny.merge(k, sign * v, Double::sum));
            return new Term(nx, ny, constant + sign * o.constant);
        }
        Term times(double f) {
            TreeMap<Integer, Double> nx = new TreeMap<>();
            TreeMap<Integer, Double> ny = new TreeMap<>();
            x.forEach((k, v) -> nx.put(k, v * f));
            y.forEach((k, v) -> ny.put(k, v * f));
            return new Term(nx, ny, constant * f);
        }
    }

    private Property run(String text) throws VnnlibFormatException {
        List<SExpression> commands = SExpression.parseAll(text, file);
        List<SExpression> asserts = new ArrayList<>();
        for (SExpression cmd : commands) {
            String head = cmd.head();
            if ("declare-const".equals(head)) {
                declare(cmd);
            } else if ("assert".equals(head)) {
                if (cmd.items().size() != 2) throw error(cmd.line(), "assert takes exactly one formula");
                asserts.add(cmd.items().get(1));
            } else {
                throw error(cmd.line(), "unsupported command '" + (head == null ? "(...)" : head) + "' (expected declare-const or assert)");
            }
        }
        checkDeclarations();
        // DNF of the conjunction of all asserts.
        List<List<Atom>> dnf = List.of(List.of());
        for (SExpression a : asserts) dnf = and(dnf, formula(a), a.line());
        return toProperty(dnf);
    }

    private void declare(SExpression cmd) throws VnnlibFormatException {
        List<SExpression> it = cmd.items();
        if (it.size() != 3 || !it.get(1).isAtom() || !it.get(2).isAtom()) throw error(cmd.line(), "expected (declare-const NAME Real)");
        String name = it.get(1).atom();
        if (!it.get(2).atom().equals("Real")) throw error(cmd.line(), "variable " + name + " has sort " + it.get(2).atom() + ", expected Real");
        Matcher m = VARIABLE.matcher(name);
        if (!m.matches()) throw error(cmd.line(), "variable name " + name + " is not X_i or Y_j");
        if (declared.containsKey(name)) throw error(cmd.line(), "variable " + name + " declared twice");
        int kind = m.group(1).equals("X") ? 0 : 1;
        if (m.group(2).length() > 7) throw error(cmd.line(), "variable index of " + name + " is too large (at most 9999999)");
        int index = Integer.parseInt(m.group(2));
        declared.put(name, new int[] {kind, index, cmd.line()});
        if (kind == 0) inputSize = Math.max(inputSize, index + 1);
        else outputSize = Math.max(outputSize, index + 1);
    }

    private void checkDeclarations() throws VnnlibFormatException {
        for (int kind = 0; kind < 2; kind++) {
            int size = kind == 0 ? inputSize : outputSize;
            String p = kind == 0 ? "X_" : "Y_";
            if (size == 0) throw error(1, "no " + p + "i variables declared");
            for (int i = 0; i < size; i++) {
                if (!declared.containsKey(p + i)) throw error(1, "variable " + p + i + " is not declared (indices must be contiguous from 0)");
            }
        }
    }

    private List<List<Atom>> formula(SExpression f) throws VnnlibFormatException {
        String head = f.head();
        if (head == null) throw error(f.line(), "expected a formula (and, or, <=, >=), found " + (f.isAtom() ? "'" + f.atom() + "'" : "a list"));
        List<SExpression> args = f.items().subList(1, f.items().size());
        switch (head) {
            case "and" -> {
                List<List<Atom>> r = List.of(List.of());
                for (SExpression a : args) r = and(r, formula(a), a.line());
                return r;
            }
            case "or" -> {
                List<List<Atom>> r = new ArrayList<>();
                for (SExpression a : args) r.addAll(formula(a));
                if (r.size() > MAX_DISJUNCTS) throw error(f.line(), "more than " + MAX_DISJUNCTS + " disjuncts");
                return r;
            }
            case "<=", ">=" -> {
                if (args.size() < 2) throw error(f.line(), head + " needs at least two arguments");
                List<Atom> conj = new ArrayList<>();
                for (int i = 0; i + 1 < args.size(); i++) {
                    Term a = term(args.get(i));
                    Term b = term(args.get(i + 1));
                    Term d = head.equals("<=") ? a.plus(b, -1) : b.plus(a, -1); // d <= 0
                    if (!finite(d)) throw error(f.line(), "a coefficient or constant of this constraint overflows to infinity or NaN");
                    conj.add(new Atom(d.x(), d.y(), d.constant(), f.line()));
                }
                return List.of(conj);
            }
            default -> throw error(f.line(), "unsupported operator '" + head + "' in assert (expected and, or, <=, >=)");
        }
    }

    private List<List<Atom>> and(List<List<Atom>> a, List<List<Atom>> b, int line) throws VnnlibFormatException {
        if (b.size() == 1 && a.size() == 1) {
            // The common case (a conjunction of bounds): extend in place instead of copying, which would make
            // a file of n single-bound asserts cost O(n^2).
            List<Atom> only = a.getFirst() instanceof ArrayList<Atom> al ? al : new ArrayList<>(a.getFirst());
            only.addAll(b.getFirst());
            List<List<Atom>> r = new ArrayList<>(1);
            r.add(only);
            return r;
        }
        if ((long) a.size() * b.size() > MAX_DISJUNCTS) throw error(line, "the disjunctive normal form has more than " + MAX_DISJUNCTS + " terms");
        List<List<Atom>> r = new ArrayList<>(a.size() * b.size());
        for (List<Atom> p : a) {
            for (List<Atom> q : b) {
                List<Atom> c = new ArrayList<>(p.size() + q.size());
                c.addAll(p);
                c.addAll(q);
                r.add(c);
            }
        }
        return r;
    }

    private Term term(SExpression t) throws VnnlibFormatException {
        if (t.isAtom()) {
            String s = t.atom();
            int[] v = declared.get(s);
            if (v != null) {
                Term r = Term.constant(0);
                (v[0] == 0 ? r.x() : r.y()).put(v[1], 1.0);
                return r;
            }
            if (VARIABLE.matcher(s).matches()) throw error(t.line(), "variable " + s + " is used but not declared");
            try {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d) || s.endsWith("d") || s.endsWith("f") || s.endsWith("D") || s.endsWith("F")) throw new NumberFormatException();
                return Term.constant(d);
            } catch (NumberFormatException e) {
                throw error(t.line(), "expected a number or a declared variable, found '" + s + "'");
            }
        }
        String head = t.head();
        if (head == null) throw error(t.line(), "expected a term");
        List<SExpression> args = t.items().subList(1, t.items().size());
        if (args.isEmpty()) throw error(t.line(), "operator " + head + " without arguments");
        switch (head) {
            case "+" -> {
                Term r = Term.constant(0);
                for (SExpression a : args) r = r.plus(term(a), 1);
                return r;
            }
            case "-" -> {
                Term first = term(args.getFirst());
                if (args.size() == 1) return first.times(-1);
                for (SExpression a : args.subList(1, args.size())) first = first.plus(term(a), -1);
                return first;
            }
            case "*" -> {
                Term r = Term.constant(1);
                for (SExpression a : args) {
                    Term f = term(a);
                    if (f.isConstant()) r = r.times(f.constant());
                    else if (r.isConstant()) r = f.times(r.constant());
                    else throw error(t.line(), "product of two variable terms is not linear");
                }
                return r;
            }
            default -> throw error(t.line(), "unsupported operator '" + head + "' in a term (expected +, -, *)");
        }
    }

    private Property toProperty(List<List<Atom>> dnf) throws VnnlibFormatException {
        // Group the disjuncts by input box, keeping for each box its list of output conjunctions.
        Map<Box, List<List<OutputConstraint>>> byBox = new LinkedHashMap<>();
        for (List<Atom> conj : dnf) {
            double[] lo = new double[inputSize];
            double[] hi = new double[inputSize];
            Arrays.fill(lo, Double.NEGATIVE_INFINITY);
            Arrays.fill(hi, Double.POSITIVE_INFINITY);
            List<OutputConstraint> out = new ArrayList<>();
            boolean feasible = true;
            for (Atom a : conj) {
                TreeMap<Integer, Double> x = nonZero(a.x());
                TreeMap<Integer, Double> y = nonZero(a.y());
                if (!x.isEmpty() && !y.isEmpty()) throw error(a.line(), "a constraint mixes input and output variables");
                if (x.size() > 1) throw error(a.line(), "an input constraint must bound a single variable X_i (input polytopes are not supported)");
                if (x.size() == 1) {
                    int i = x.firstKey();
                    double c = x.get(i);
                    double bound = -a.constant() / c;
                    if (c > 0) hi[i] = Math.min(hi[i], bound);
                    else lo[i] = Math.max(lo[i], bound);
                } else if (!y.isEmpty()) {
                    double[] coef = new double[outputSize];
                    y.forEach((j, v) -> coef[j] = v);
                    OutputConstraint oc = new OutputConstraint(coef, -a.constant());
                    if (!out.contains(oc)) out.add(oc);
                } else if (a.constant() > 0) {
                    feasible = false; // a constant atom that is false
                }
            }
            for (int i = 0; i < inputSize && feasible; i++) if (lo[i] > hi[i]) feasible = false;
            if (!feasible) continue;
            List<List<OutputConstraint>> list = byBox.computeIfAbsent(new Box(lo, hi), b -> new ArrayList<>());
            if (!list.contains(out)) list.add(out);
        }
        List<Box> boxes = new ArrayList<>(byBox.keySet());
        List<List<OutputConstraint>> condition = boxes.isEmpty() ? List.of() : byBox.get(boxes.getFirst());
        for (List<List<OutputConstraint>> other : byBox.values()) {
            if (!(other.containsAll(condition) && condition.containsAll(other))) {
                throw error(1, "the property is not a union of input boxes with one common output condition");
            }
        }
        return new Property(inputSize, outputSize, boxes, new OutputCondition(outputSize, condition));
    }

    private static boolean finite(Term t) {
        if (!Double.isFinite(t.constant())) return false;
        for (double v : t.x().values()) if (!Double.isFinite(v)) return false;
        for (double v : t.y().values()) if (!Double.isFinite(v)) return false;
        return true;
    }

    private static TreeMap<Integer, Double> nonZero(TreeMap<Integer, Double> m) {
        TreeMap<Integer, Double> r = new TreeMap<>();
        m.forEach((k, v) -> { if (v != 0) r.put(k, v); });
        return r;
    }
}
