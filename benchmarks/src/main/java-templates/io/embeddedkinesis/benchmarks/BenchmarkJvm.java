package io.embeddedkinesis.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * The base class of every benchmark: it gives their forked JVMs the flags Chronicle Queue needs, plus the
 * benchmarks' own JVM options, so that a fork works however JMH is launched ({@code java -jar
 * benchmarks.jar}, a benchmark's {@code main()}, an IDE).
 *
 * <p><b>Generated</b> by the build from {@code src/main/java-templates}: the arguments below come from the
 * parent pom's {@code chronicle.jvm.flags} and {@code chronicle.jvm.properties} and this module's
 * {@code benchmark.jvm.options}, where they are defined once. {@code @Fork} needs one compile-time constant
 * per argument, which a Maven property cannot give directly.
 *
 * <p>JMH resolves each {@code @Fork} attribute separately, from the method up through the superclasses,
 * so a benchmark class may declare its own {@code @Fork(2)} and still inherit {@code jvmArgsAppend} from
 * here. A command-line {@code -jvmArgsAppend} replaces these arguments: add options with
 * {@code -jvmArgsPrepend} instead.
 */
@Fork(jvmArgsAppend = {"${benchmark.fork.jvm.args}"})
public abstract class BenchmarkJvm {
    /** For subclasses only. */
    protected BenchmarkJvm() {
    }
}
