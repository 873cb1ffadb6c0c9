package io.embeddedkinesis.server.junit;

import io.embeddedkinesis.core.junit.EmbeddedKinesisExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves the broker of an {@link io.embeddedkinesis.core.junit.EmbeddedKinesis} test on a local endpoint,
 * for tests of code that talks to Kinesis through an AWS SDK or the CLI:
 *
 * <pre>{@code
 * @EmbeddedKinesis(streams = @KinesisStream(name = "orders"))
 * @KinesisEndpoint
 * class OrderPublisherTest {
 *     KinesisServer endpoint;                   // injected, like the broker
 *
 *     @Test
 *     void shouldPublish(StreamReader reader) {
 *         KinesisClient sdk = KinesisClient.builder().endpointOverride(endpoint.endpoint())...build();
 *         new OrderPublisher(sdk).publish("order-1");
 *         assertThat(reader.readAll("orders")).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p>A {@link io.embeddedkinesis.server.KinesisServer} on a free port of 127.0.0.1, over HTTP without TLS
 * and accepting any credentials, is started for each broker the test gets, after the broker and its
 * streams, and closed before it: per test method by default, per class with a broker per class. Inject it
 * as a {@code KinesisServer} parameter or non-final instance field. It serves the broker the test started
 * with; after {@code TestBroker.reopen()} it still points at the closed one.
 *
 * <p>With {@link #configureSdk()}, code that builds its AWS SDK for Java v2 clients without an endpoint, as
 * production code does ({@code KinesisClient.create()}), reaches the test's endpoint too.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({EmbeddedKinesisExtension.class, KinesisEndpointExtension.class})
public @interface KinesisEndpoint {
    /**
     * Whether the AWS SDK for Java v2 clients built while the endpoint runs reach it without being told: the
     * SDK's system properties {@code aws.endpointUrlKinesis} and {@code aws.endpointUrlSts} name it, and
     * {@code aws.region}, {@code aws.accessKeyId} and {@code aws.secretAccessKey} are set to the broker's
     * region and placeholder keys where neither a system property nor the environment gives them. They are put
     * back as they were when the endpoint stops. System properties belong to the whole JVM, so tests that use
     * this must not run in parallel with other tests that build SDK clients.
     *
     * @return true to point the SDK's clients at the endpoint; false (the default) to leave them alone.
     */
    boolean configureSdk() default false;
}
