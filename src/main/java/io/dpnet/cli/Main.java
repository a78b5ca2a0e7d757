package io.dpnet.cli;

import io.dpnet.nn.Blas;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code scripts/dpnet} and of {@code spark-submit --class io.dpnet.cli.Main}. */
@Command(name = "dpnet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Data-parallel neural-network training on Apache Spark.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
                GenerateCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status: 0 success, 2 bad input, 3 divergence, 1 anything else. */
    public static int run(String... args) {
        try {
            Blas.parseChoice(System.getProperty(Blas.CHOICE, "bundled"));
        } catch (IllegalArgumentException e) {
            System.err.println("dpnet: error: " + e.getMessage());
            return ErrorReporter.BAD_INPUT;
        }
        CommandLine cli = new CommandLine(new Main());
        ErrorReporter errors = new ErrorReporter(args);
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("dpnet: error: out of memory; give the JVM more heap (JAVA_OPTS=-Xmx... for "
                    + "scripts/dpnet, --driver-memory for spark-submit)");
            return 1;
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "a command is required: train, evaluate, predict, summary, generate or export");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dpnet " + (v == null ? "(development build)" : v)};
        }
    }
}
