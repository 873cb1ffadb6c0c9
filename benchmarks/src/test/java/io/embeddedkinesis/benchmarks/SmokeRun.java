package io.embeddedkinesis.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Runs a benchmark class once, briefly and in this JVM (which the build starts with Chronicle's flags), to
 * show that its set-up, measured methods and tear-down work; the scores mean nothing.
 */
public final class SmokeRun {
    private SmokeRun() {
    }

    /**
     * Runs a class's benchmarks.
     *
     * @param benchmark the class.
     * @param params    JMH parameters to override, as name, value, name, value...
     * @return one result per benchmark method and parameter combination.
     * @throws RunnerException if JMH fails, which includes any benchmark failing.
     */
    public static Collection<RunResult> run(final Class<?> benchmark, final String... params) throws RunnerException {
        // JMH refuses to start while another JMH run holds its lock file, e.g. a benchmark run elsewhere.
        System.setProperty("jmh.ignoreLock", "true");
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT);
        for (int i = 0; i < params.length; i += 2) {
            options.param(params[i], params[i + 1]);
        }
        return new Runner(options.build()).run();
    }
}
