package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Random and garbled command lines, built from the real subcommands and options (picocli's model), with hostile
 * values and missing, garbled or wrong-kind files: the exit code is 0 or 2, and on 2 stderr is one clear
 * {@code nnmip: ...} message (plus picocli's "Try --help" line), never a stack trace or an internal error.
 */
class CliArgumentFuzzTest {
    private static final Path TESTDATA = Path.of(System.getProperty("nnmip.testdata", "../testdata"));
    private static final String[] VALUES = {"-1", "0", "NaN", "Infinity", "-Infinity", "1e309", "abc", "", "1,2", "0.5", "3",
        "1e-300", "-0", "0:0", "1:99", "linf", "l1", "mip", "split", "x,y", ",", "--", "-", "2", "0,0,0", "1;2", " "};
    private static final Path DIR;
    private static final CommandLine ROOT = new CommandLine(new Main());
    private static final List<Path> FILES = new ArrayList<>();

    static {
        try {
            DIR = Files.createTempDirectory("nnmip-cli-fuzz");
            DIR.toFile().deleteOnExit();
            FILES.add(TESTDATA.resolve("lp/afiro.mps"));
            FILES.add(TESTDATA.resolve("nn/vnncomp_test/test_tiny.onnx"));
            FILES.add(TESTDATA.resolve("nn/vnncomp_test/test_tiny.vnnlib"));
            FILES.add(TESTDATA.resolve("nn/vnncomp_test/test_nano.onnx"));
            FILES.add(TESTDATA.resolve("nn/vnncomp_test/test_nano.vnnlib"));
            FILES.add(Files.writeString(DIR.resolve("garbled.mps"), "NAME x\nROWS\n N obj\n E r\nCOLUMNS\n x r abc\n"));
            FILES.add(Files.writeString(DIR.resolve("garbled.onnx"), "not protobuf \u0001\u0002"));
            FILES.add(Files.writeString(DIR.resolve("garbled.nnet"), "1,1,1,\n"));
            FILES.add(Files.writeString(DIR.resolve("garbled.vnnlib"), "(declare-const X_0 Real"));
            FILES.add(Files.writeString(DIR.resolve("empty.json"), ""));
            FILES.add(DIR.resolve("missing.mps"));
            FILES.add(DIR.resolve("missing.onnx"));
            FILES.add(DIR.resolve("no-such-dir/out.txt"));
            FILES.add(DIR);
            FILES.add(DIR.resolve("out.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 80, seed = "7001")
    void garbledCommandLinesFailCleanly(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<String> args = randomArgs(rnd);
        String label = "seed " + seed + " args " + args;
        SolveCommandTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> SolveCommandTest.run(args.toArray(String[]::new)), label + ": hung");
        net.jqwik.api.statistics.Statistics.collect(r.exit() == 0 ? "accepted" : "rejected");
        assertTrue(r.exit() == 0 || r.exit() == Main.EXIT_BAD_INPUT, label + ": exit " + r.exit() + "\n" + r.err());
        String err = r.err().strip();
        assertTrue(!err.contains("Exception") && !err.contains("\tat ") && !err.contains("internal error"), label + ": " + err);
        if (r.exit() == Main.EXIT_BAD_INPUT) {
            String[] lines = err.split("\n");
            assertTrue(lines[0].startsWith("nnmip: ") && lines[0].length() > 8, label + ": " + err);
            assertTrue(lines.length == 1 || lines.length == 2 && lines[1].startsWith("Try '"), label + ": more than one message line:\n" + err);
        }
    }

    static List<String> randomArgs(Random rnd) {
        List<String> names = new ArrayList<>(ROOT.getSubcommands().keySet());
        List<String> args = new ArrayList<>();
        if (rnd.nextInt(15) == 0) {
            args.add(VALUES[rnd.nextInt(VALUES.length)]); // not a subcommand at all
            return args;
        }
        String sub = names.get(rnd.nextInt(names.size()));
        args.add(sub);
        CommandLine cl = ROOT.getSubcommands().get(sub);
        List<OptionSpec> options = cl.getCommandSpec().options();
        // Usually the required options with plausible values, then a few random (often hostile) ones.
        for (OptionSpec o : options) {
            if (o.required() && rnd.nextInt(6) != 0) {
                args.add(o.longestName());
                args.add(value(o, rnd, true));
            }
        }
        if (!cl.getCommandSpec().positionalParameters().isEmpty() && rnd.nextInt(6) != 0) {
            args.add(rnd.nextInt(3) == 0 ? FILES.get(rnd.nextInt(FILES.size())).toString() : TESTDATA.resolve("lp/afiro.mps").toString());
        }
        int extra = rnd.nextInt(4);
        for (int i = 0; i < extra; i++) {
            OptionSpec o = options.get(rnd.nextInt(options.size()));
            if (o.longestName().equals("--help") || o.longestName().equals("--version")) continue;
            args.add(o.longestName());
            if (o.arity().max() > 0 && rnd.nextInt(10) != 0) args.add(value(o, rnd, false));
        }
        if (rnd.nextInt(8) == 0) args.add("--no-such-option");
        if (rnd.nextInt(8) == 0 && args.size() > 1) args.remove(1 + rnd.nextInt(args.size() - 1)); // a dropped token
        return args;
    }

    private static String value(OptionSpec o, Random rnd, boolean plausible) {
        if (o.type() == Path.class) {
            if (plausible && rnd.nextBoolean()) {
                String n = o.longestName();
                if (n.equals("--net")) return FILES.get(1 + 2 * rnd.nextInt(2)).toString();
                if (n.equals("--prop")) return FILES.get(2 + 2 * rnd.nextInt(2)).toString();
            }
            Path p = FILES.get(rnd.nextInt(FILES.size()));
            // Output files only ever go to the temporary directory.
            return o.longestName().matches("--(counterexample|solution|out|output|image|certificate)") ? DIR.resolve("w" + rnd.nextInt(3)).toString() : p.toString();
        }
        if (plausible && rnd.nextBoolean()) return o.type() == int.class || o.type() == Integer.class ? "0" : "0.5";
        return VALUES[rnd.nextInt(VALUES.length)];
    }
}
