package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

/**
 * What the extension injects, and how: a test's broker, clock, reader or the {@link TestBroker} itself,
 * into parameters and into the non-final fields of those exact types, the test class's own and its
 * superclasses'.
 */
final class FieldInjector {
    private static final Set<Class<?>> INJECTABLE = Set.of(KinesisBroker.class, TestBroker.class,
        TestClock.class, CachedEpochClock.class, EpochClock.class, StreamReader.class);

    private FieldInjector() {
    }

    /** Whether a parameter or field of this type gets something from the test's broker. */
    static boolean isInjectable(final Class<?> type) {
        return INJECTABLE.contains(type);
    }

    /** What a parameter or field of an injectable type gets. */
    static Object valueFor(final Class<?> type, final TestBroker broker) {
        if (type == KinesisBroker.class) {
            return broker.broker();
        }
        if (type == StreamReader.class) {
            return broker.reader();
        }
        return type == TestBroker.class ? broker : broker.clock();
    }

    /** Sets the instance fields of a test instance. */
    static void injectInstance(final Object instance, final TestBroker broker) {
        for (final Field field : fields(instance.getClass(), false)) {
            set(field, instance, broker);
        }
    }

    /** Sets the static fields of a test class, for a broker the class's tests share. */
    static void injectStatic(final Class<?> testClass, final TestBroker broker) {
        for (final Field field : fields(testClass, true)) {
            set(field, null, broker);
        }
    }

    /** Refuses static fields where every test has a broker of its own: which one would they hold? */
    static void requireNoStaticFields(final Class<?> testClass) {
        final List<Field> statics = fields(testClass, true);
        if (!statics.isEmpty()) {
            throw new ExtensionConfigurationException("static field " + statics.get(0).getName() + " of "
                + testClass.getName() + " can only be injected with a broker per class: declare"
                + " @EmbeddedKinesis(lifecycle = Lifecycle.PER_CLASS), or make the field an instance field");
        }
    }

    private static List<Field> fields(final Class<?> testClass, final boolean statics) {
        return ReflectionSupport.findFields(testClass, field -> isInjectable(field.getType())
            && !Modifier.isFinal(field.getModifiers()) && Modifier.isStatic(field.getModifiers()) == statics,
            HierarchyTraversalMode.TOP_DOWN);
    }

    private static void set(final Field field, final Object target, final TestBroker broker) {
        try {
            field.setAccessible(true);
            field.set(target, valueFor(field.getType(), broker));
        } catch (final IllegalAccessException | RuntimeException ex) {
            throw new ExtensionConfigurationException("could not inject field " + field.getName() + " of "
                + field.getDeclaringClass().getName(), ex);
        }
    }
}
