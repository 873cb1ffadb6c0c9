package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.BenchmarkJvm;
import org.openjdk.jmh.annotations.Fork;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a JVM started as JMH starts a benchmark's fork, with the arguments the benchmarks give
 * theirs: this JVM's {@code java}, the arguments {@link BenchmarkJvm} gives every fork (Chronicle's flags and the
 * benchmarks' heap), and this JVM's class path. Unlike JMH, which passes on the launching JVM's own arguments
 * when given none, it passes on only those: {@code java -Xmx4g -cp ...} does not change the started JVM's heap.
 */
final class ForkedJvm {
    private ForkedJvm() {
    }

    /**
     * {@code java <fork arguments> -cp <this class path> <main class> <arguments>}.
     *
     * @param mainClass the class whose {@code main} the JVM runs.
     * @param arguments its arguments.
     * @return the command.
     */
    static List<String> command(final Class<?> mainClass, final List<String> arguments) {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(BenchmarkJvm.class.getAnnotation(Fork.class).jvmArgsAppend()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        return command;
    }
}
