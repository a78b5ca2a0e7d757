package io.dpnet.cli;

import io.dpnet.train.DivergenceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and an exit status: 2 for bad input (options, files, data), 3 for
 * a diverged training, 1 for anything unexpected. Stack traces only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int DIVERGED = 3;
    private final boolean verbose;

    ErrorReporter(String[] args) {
        this.verbose = Arrays.asList(args).contains("--verbose");
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage() + " (see "
                + cmd.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        Throwable cause = rootOfWrapping(ex);
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        int status;
        if (cause instanceof DivergenceException) {
            status = DIVERGED;
        } else if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
            status = BAD_INPUT;
        } else {
            status = 1;
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        err.println(name + ": error: " + (status == 1 ? cause.getClass().getSimpleName() + ": " : "")
                + message.lines().findFirst().orElse(""));
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** Spark wraps a task's failure; report what actually went wrong. */
    private static Throwable rootOfWrapping(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && (current instanceof java.io.UncheckedIOException
                || current.getClass().getName().startsWith("org.apache.spark"))) {
            current = current.getCause();
        }
        return current;
    }
}
