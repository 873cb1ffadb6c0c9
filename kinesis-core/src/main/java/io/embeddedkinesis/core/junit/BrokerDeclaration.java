package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.ShardLimits;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a test's broker is to be, read from the annotations: the nearest {@link EmbeddedKinesis} (the test
 * method's, else the class's, else an enclosing class's for a {@code @Nested} class, else the defaults)
 * and every {@link KinesisStream} on the way, outermost first.
 *
 * @param settings       the broker's settings.
 * @param settingsSource where they were declared, for messages.
 * @param streams        the streams to create, in order.
 */
record BrokerDeclaration(EmbeddedKinesis settings, String settingsSource, List<DeclaredStream> streams) {
    private static final EmbeddedKinesis DEFAULTS = Defaults.class.getAnnotation(EmbeddedKinesis.class);

    /** The declaration for the tests of a class. */
    static BrokerDeclaration forClass(final Class<?> testClass) {
        EmbeddedKinesis settings = DEFAULTS;
        String source = "the extension's defaults";
        final List<DeclaredStream> streams = new ArrayList<>();
        for (final Class<?> level : enclosingFirst(testClass)) {
            final EmbeddedKinesis found = AnnotationSupport.findAnnotation(level, EmbeddedKinesis.class).orElse(null);
            if (found != null) {
                settings = found;
                source = "class " + level.getName();
            }
            addStreams(found, level, "class " + level.getName(), streams);
        }
        return new BrokerDeclaration(settings, source, List.copyOf(streams));
    }

    /** The declaration for a test method that has a broker of its own. */
    static BrokerDeclaration forMethod(final Class<?> testClass, final Method method) {
        final BrokerDeclaration byClass = forClass(testClass);
        final String source = "method " + testClass.getName() + "." + method.getName() + "()";
        final EmbeddedKinesis own = AnnotationSupport.findAnnotation(method, EmbeddedKinesis.class).orElse(null);
        if (own != null && own.lifecycle() == EmbeddedKinesis.Lifecycle.PER_CLASS) {
            throw new ExtensionConfigurationException("@EmbeddedKinesis on " + source + " asks for a broker per"
                + " class, which only a class can declare: lifecycle=" + own.lifecycle());
        }
        final List<DeclaredStream> streams = new ArrayList<>(byClass.streams());
        addStreams(own, method, source, streams);
        return own == null ? new BrokerDeclaration(byClass.settings(), byClass.settingsSource(), List.copyOf(streams))
            : new BrokerDeclaration(own, source, List.copyOf(streams));
    }

    /** Whether a class or method declares anything itself, and so needs a broker made to its declaration. */
    static boolean declaresBroker(final AnnotatedElement element) {
        return AnnotationSupport.isAnnotated(element, EmbeddedKinesis.class)
            || !AnnotationSupport.findRepeatableAnnotations(element, KinesisStream.class).isEmpty();
    }

    /** Whether the tests share one broker. */
    boolean isPerClass() {
        return settings.lifecycle() == EmbeddedKinesis.Lifecycle.PER_CLASS;
    }

    /** Opens the broker in the system's temporary directory and creates the streams. */
    TestBroker open() {
        return open(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Opens the broker in a directory of its own under {@code parent} and creates the streams; a broker that
     * fails to get its streams is closed again and its directory deleted.
     */
    TestBroker open(final Path parent) {
        final BrokerConfig.Builder config = config();
        final TestClock clock = new TestClock(clockStart());
        final TestBroker broker = TestBroker.open(config, clock, parent);
        try {
            for (final DeclaredStream stream : streams) {
                stream.createIn(broker.broker());
            }
        } catch (final RuntimeException ex) {
            try {
                broker.close();
            } catch (final RuntimeException secondary) {
                ex.addSuppressed(secondary);
            }
            throw ex;
        }
        return broker;
    }

    private BrokerConfig.Builder config() {
        try {
            final BrokerConfig.Builder config = BrokerConfig.builder()
                .minimumRetentionPeriodHours(settings.minimumRetentionPeriodHours())
                .housekeepingIntervalMs(settings.housekeepingIntervalMs())
                .streamCreationDelayMs(settings.streamCreationDelayMs())
                .streamDeletionDelayMs(settings.streamDeletionDelayMs());
            if (!settings.throttling()) {
                config.shardLimits(ShardLimits.NONE);
            }
            if (settings.shardLimit() != 0) {
                config.shardLimit(settings.shardLimit());
            }
            ReflectionSupport.newInstance(settings.configurer()).configure(config);
            return config;
        } catch (final IllegalArgumentException ex) {
            throw new ExtensionConfigurationException("@EmbeddedKinesis on " + settingsSource + " is not a valid"
                + " broker configuration: " + ex.getMessage(), ex);
        }
    }

    private Instant clockStart() {
        if (settings.clockStart().isEmpty()) {
            return Instant.ofEpochMilli(System.currentTimeMillis());
        }
        try {
            return Instant.parse(settings.clockStart());
        } catch (final DateTimeParseException ex) {
            throw new ExtensionConfigurationException("@EmbeddedKinesis on " + settingsSource + ": clockStart must be"
                + " an ISO-8601 instant such as 2025-11-24T16:00:00Z: clockStart=" + settings.clockStart(), ex);
        }
    }

    private static void addStreams(final EmbeddedKinesis settings, final AnnotatedElement element,
        final String source, final List<DeclaredStream> into) {
        if (settings != null) {
            for (final KinesisStream stream : settings.streams()) {
                into.add(new DeclaredStream(stream, source));
            }
        }
        for (final KinesisStream stream : AnnotationSupport.findRepeatableAnnotations(element, KinesisStream.class)) {
            into.add(new DeclaredStream(stream, source));
        }
    }

    /** A {@code @Nested} class and the classes it is nested in, outermost first. */
    private static Deque<Class<?>> enclosingFirst(final Class<?> testClass) {
        final Deque<Class<?>> levels = new ArrayDeque<>();
        Class<?> level = testClass;
        levels.addFirst(level);
        while (!Modifier.isStatic(level.getModifiers()) && level.getEnclosingClass() != null) {
            level = level.getEnclosingClass();
            levels.addFirst(level);
        }
        return levels;
    }

    /** Carries the annotation's defaults, so that an undeclared broker is configured like a declared one. */
    @EmbeddedKinesis
    private static final class Defaults {
    }
}
