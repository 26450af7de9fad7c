package org.nnmip.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code nnmip} command: one subcommand per job. */
@Command(name = "nnmip",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Exact mixed-integer programming for ReLU network certification.",
        subcommands = {SolveCommand.class, VerifyCommand.class, LipschitzCommand.class, InvertibilityCommand.class,
                VisualizeCommand.class, AdversarialCommand.class, ResilienceCommand.class, CheckCertificateCommand.class,
                ExperimentCommand.class, TrainCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input: unreadable files, malformed models, invalid options. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an unexpected internal failure. */
    public static final int EXIT_INTERNAL = 1;
    /** Exit code after Ctrl-C / SIGTERM (128 + SIGINT), when the command itself gets to return. */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("nnmip: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return EXIT_BAD_INPUT;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Turns bad input into one clear line and exit code 2; anything else is an internal error. */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
            PrintWriter err = cl.getErr();
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException
                    || ex instanceof org.nnmip.io.ModelFormatException || ex instanceof java.io.IOException) {
                err.println("nnmip: " + describe(ex));
                return EXIT_BAD_INPUT;
            }
            err.println("nnmip: internal error: " + ex);
            if (Boolean.getBoolean("nnmip.debug")) ex.printStackTrace(err);
            return EXIT_INTERNAL;
        }

        private static String describe(Exception ex) {
            if (ex instanceof java.nio.file.NoSuchFileException nsf) return nsf.getFile() + ": no such file";
            if (ex instanceof java.nio.file.AccessDeniedException ade) return ade.getFile() + ": permission denied";
            return ex.getMessage() == null ? ex.toString() : ex.getMessage();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"nnmip " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
