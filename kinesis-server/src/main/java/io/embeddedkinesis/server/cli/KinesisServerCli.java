package io.embeddedkinesis.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kinesis-server} command line: {@code java -jar kinesis-server.jar serve --port 4567 --path ./data}.
 */
@Command(name = "kinesis-server", mixinStandardHelpOptions = true, version = "embedded-kinesis 0.1.0",
    description = "A Kinesis Data Streams endpoint for unchanged AWS SDK and CLI code.",
    subcommands = ServeCommand.class)
public final class KinesisServerCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments, e.g. {@code serve --port 4567}.
     */
    public static void main(final String[] args) {
        // This is an application, so it may choose how its logging looks: Chronicle's per-file INFO lines
        // are noise on a console. Explicit settings win.
        if (System.getProperty("org.slf4j.simpleLogger.log.net.openhft") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.net.openhft", "warn");
        }
        System.exit(run(args));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments.
     * @return the exit status: 0 after a clean stop, 2 for bad usage, 1 if serving failed.
     */
    public static int run(final String... args) {
        return new CommandLine(new KinesisServerCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(final Class<K> type) throws Exception {
                return type == ServeCommand.class ? type.cast(new ServeCommand(System.out))
                    : CommandLine.defaultFactory().create(type);
            }
        }).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command, e.g. serve");
    }
}
