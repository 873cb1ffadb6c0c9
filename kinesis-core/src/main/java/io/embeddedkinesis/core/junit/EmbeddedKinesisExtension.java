package io.embeddedkinesis.core.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit Jupiter extension behind {@link EmbeddedKinesis}: opens each test's broker, creates the declared
 * streams, injects the broker, and closes it and deletes its directory afterwards. Registered by the
 * annotation; {@code @ExtendWith(EmbeddedKinesisExtension.class)} alone gives every test a broker with the
 * defaults.
 *
 * <p>A broker per method is opened in {@code beforeEach} and closed in {@code afterEach}, around the test's
 * own {@code @BeforeEach} and {@code @AfterEach} methods; a broker per class is opened in {@code beforeAll}
 * and closed in {@code afterAll}. Each lives in the JUnit store of the context that opened it, so
 * {@code @Nested} classes see their enclosing class's broker. Another extension can reach the broker of
 * a test through {@link #testBroker(ExtensionContext)}, as kinesis-server's endpoint extension does.
 *
 * <p>Stateless, so one instance serves any number of test classes and threads; a broker per class is
 * shared by that class's tests, so tests that run in parallel should each have their own (the default).
 */
public final class EmbeddedKinesisExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(EmbeddedKinesisExtension.class);
    private static final String CLASS_BROKER = "classBroker";
    private static final String METHOD_BROKER = "methodBroker";

    /**
     * Made by JUnit, for {@link EmbeddedKinesis} or {@code @ExtendWith}.
     */
    public EmbeddedKinesisExtension() {
    }

    /**
     * The broker that the tests of a context use: a test method's own broker, or the broker per class of
     * its class or an enclosing class.
     *
     * @param context a test method's or a test class's context.
     * @return the broker, or empty if none is open for the context (e.g. the class context of a class whose
     *         tests each have their own).
     */
    public static Optional<TestBroker> testBroker(final ExtensionContext context) {
        final ExtensionContext.Store store = context.getStore(NAMESPACE);
        final TestBroker own = store.get(METHOD_BROKER, TestBroker.class);
        return Optional.ofNullable(own != null ? own : store.get(CLASS_BROKER, TestBroker.class));
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        final Class<?> testClass = context.getRequiredTestClass();
        final BrokerDeclaration declaration = BrokerDeclaration.forClass(testClass);
        if (!declaration.isPerClass()) {
            FieldInjector.requireNoStaticFields(testClass);
            return;
        }
        final ExtensionContext.Store store = context.getStore(NAMESPACE);
        TestBroker broker = store.get(CLASS_BROKER, TestBroker.class);
        if (broker == null || BrokerDeclaration.declaresBroker(testClass)) {
            broker = declaration.open();
            store.put(CLASS_BROKER, broker);
        }
        FieldInjector.injectStatic(testClass, broker);
        final TestBroker shared = broker;
        context.getTestInstance().ifPresent(instance -> FieldInjector.injectInstance(instance, shared));
        shared.onReopen(() -> FieldInjector.injectStatic(testClass, shared));
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        final Class<?> testClass = context.getRequiredTestClass();
        final TestBroker broker;
        final TestBroker shared = context.getStore(NAMESPACE).get(CLASS_BROKER, TestBroker.class);
        if (shared == null || !BrokerDeclaration.forClass(testClass).isPerClass()
            || BrokerDeclaration.declaresBroker(context.getRequiredTestMethod())) {
            broker = BrokerDeclaration.forMethod(testClass, context.getRequiredTestMethod()).open();
            context.getStore(NAMESPACE).put(METHOD_BROKER, broker);
        } else {
            broker = shared;
        }
        final List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        final Runnable inject = () -> instances.forEach(instance -> FieldInjector.injectInstance(instance, broker));
        inject.run();
        broker.onReopen(broker == shared ? () -> {
            FieldInjector.injectStatic(testClass, broker);
            inject.run();
        } : inject);
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        final TestBroker own = context.getStore(NAMESPACE).remove(METHOD_BROKER, TestBroker.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        // Only the broker this class opened: remove() does not reach an enclosing class's store.
        final TestBroker own = context.getStore(NAMESPACE).remove(CLASS_BROKER, TestBroker.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext context) {
        return FieldInjector.isInjectable(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext context) {
        if (parameterContext.getDeclaringExecutable() instanceof Constructor) {
            throw new ParameterResolutionException("a test's broker opens after its test instance is made: inject it"
                + " into a field or a method parameter, not into a constructor of "
                + context.getRequiredTestClass().getName());
        }
        final TestBroker broker = testBroker(context).orElseThrow(() -> new ParameterResolutionException(
            "no broker is open for " + context.getRequiredTestClass().getName() + "'s @BeforeAll and @AfterAll"
                + " methods: each test has a broker of its own unless the class declares"
                + " @EmbeddedKinesis(lifecycle = Lifecycle.PER_CLASS)"));
        return FieldInjector.valueFor(parameterContext.getParameter().getType(), broker);
    }
}
