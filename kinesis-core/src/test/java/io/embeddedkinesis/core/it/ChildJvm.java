package io.embeddedkinesis.core.it;

import io.embeddedkinesis.core.log.ChronicleRuntime;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a main class of the test classpath in a separate JVM, as a user's process would run.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Starts a child JVM.
     *
     * @param withChronicleFlags whether to pass the flags Chronicle Queue needs.
     * @param jvmOptions         further JVM options, e.g. {@code -Xmx128m}.
     * @param mainClass          the class to run.
     * @param args               its arguments.
     * @return the running process, with stderr merged into stdout.
     * @throws IOException if the JVM cannot be started.
     */
    static Process start(final boolean withChronicleFlags, final List<String> jvmOptions, final Class<?> mainClass,
        final String... args) throws IOException {
        final Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        final List<String> command = new ArrayList<>();
        command.add(java.toString());
        if (withChronicleFlags) {
            command.addAll(ChronicleRuntime.REQUIRED_JVM_FLAGS);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return builder.start();
    }
}
