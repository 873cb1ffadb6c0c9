package io.embeddedkinesis.server.junit;

import io.embeddedkinesis.core.junit.EmbeddedKinesisExtension;
import io.embeddedkinesis.core.junit.TestBroker;
import io.embeddedkinesis.server.KinesisServer;
import io.embeddedkinesis.server.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * The JUnit Jupiter extension behind {@link KinesisEndpoint}: starts a {@link KinesisServer} for the broker
 * that kinesis-core's {@link EmbeddedKinesisExtension} opened for a test, and closes it again. It must run
 * after that extension, which {@link KinesisEndpoint} ensures by registering both in that order: JUnit runs
 * "before" callbacks in registration order and "after" callbacks in reverse, so the server starts after
 * its broker and stops before it.
 *
 * <p>A server lives in the JUnit store of the context whose broker it serves, so the tests that share a
 * broker per class share its server too. Stateless otherwise.
 */
public final class KinesisEndpointExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(KinesisEndpointExtension.class);
    private static final String SERVER = "server";

    /**
     * Made by JUnit, for {@link KinesisEndpoint}.
     */
    public KinesisEndpointExtension() {
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        EmbeddedKinesisExtension.testBroker(context).ifPresent(broker -> serve(context, broker));
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        final TestBroker broker = EmbeddedKinesisExtension.testBroker(context).orElseThrow(() ->
            new ExtensionConfigurationException("@KinesisEndpoint found no broker for "
                + context.getRequiredTestClass().getName() + ": register EmbeddedKinesisExtension before"
                + " KinesisEndpointExtension, as @KinesisEndpoint does"));
        final KinesisServer server = serve(context, broker);
        for (final Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance, server);
        }
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        stop(context);
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        stop(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext context) {
        return parameterContext.getParameter().getType() == KinesisServer.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext context) {
        final ServedBroker served = context.getStore(NAMESPACE).get(SERVER, ServedBroker.class);
        if (served == null) {
            throw new ParameterResolutionException("no endpoint is running for "
                + parameterContext.getDeclaringExecutable() + ": it starts with the test's broker, after the test"
                + " instance is made and, unless the class declares a broker per class, after @BeforeAll");
        }
        return served.server();
    }

    /** The server of a context's broker: the one an enclosing context started for it, or a new one. */
    private static KinesisServer serve(final ExtensionContext context, final TestBroker broker) {
        final ExtensionContext.Store store = context.getStore(NAMESPACE);
        final ServedBroker visible = store.get(SERVER, ServedBroker.class);
        if (visible != null && visible.broker() == broker) {
            return visible.server();
        }
        final KinesisServer server = KinesisServer.start(broker.broker(), ServerConfig.builder().build());
        final ServedBroker served = new ServedBroker(broker, server, configuresSdk(context)
            ? SdkEndpointProperties.set(server.endpoint(), broker.broker().config().region()) : null);
        store.put(SERVER, served);
        return served.server();
    }

    /** Whether the nearest {@link KinesisEndpoint} (on the test method, its class or an enclosing class) asks. */
    private static boolean configuresSdk(final ExtensionContext context) {
        for (ExtensionContext at = context; at != null; at = at.getParent().orElse(null)) {
            final Optional<KinesisEndpoint> found = at.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, KinesisEndpoint.class));
            if (found.isPresent()) {
                return found.get().configureSdk();
            }
        }
        return false;
    }

    /** Stops the server this context started, if it started one; an enclosing context's stays. */
    private static void stop(final ExtensionContext context) {
        final ServedBroker own = context.getStore(NAMESPACE).remove(SERVER, ServedBroker.class);
        if (own != null) {
            own.close();
        }
    }

    private static void inject(final Object instance, final KinesisServer server) {
        for (final Field field : ReflectionSupport.findFields(instance.getClass(),
            f -> f.getType() == KinesisServer.class && !Modifier.isFinal(f.getModifiers())
                && !Modifier.isStatic(f.getModifiers()), HierarchyTraversalMode.TOP_DOWN)) {
            try {
                field.setAccessible(true);
                field.set(instance, server);
            } catch (final IllegalAccessException | RuntimeException ex) {
                throw new ExtensionConfigurationException("could not inject field " + field.getName() + " of "
                    + field.getDeclaringClass().getName(), ex);
            }
        }
    }

    /**
     * A server and the test broker it serves, kept together so that a context can tell whether the server
     * it sees is for its own broker.
     *
     * @param broker        the test's broker.
     * @param server        the endpoint serving it.
     * @param sdkProperties the SDK's properties pointing at it, or null.
     */
    private record ServedBroker(TestBroker broker, KinesisServer server, SdkEndpointProperties sdkProperties)
        implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                if (sdkProperties != null) {
                    sdkProperties.close();
                }
            }
        }
    }
}
