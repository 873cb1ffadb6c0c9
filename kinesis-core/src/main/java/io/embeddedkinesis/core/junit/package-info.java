/**
 * A JUnit 5 extension for tests against an in-process Kinesis: {@link io.embeddedkinesis.core.junit.EmbeddedKinesis}
 * on a test class or method gives it a broker on a temporary directory with a
 * {@link io.embeddedkinesis.core.junit.TestClock} the test moves, creates the streams declared with
 * {@link io.embeddedkinesis.core.junit.KinesisStream} before each test, injects the broker, and closes and
 * deletes it afterwards. {@link io.embeddedkinesis.core.junit.StreamReader} reads whole streams and waits
 * for records that other threads put.
 *
 * <p>kinesis-core depends on {@code junit-jupiter-api} only optionally: this is the one package that uses
 * it (the build's import-control checks that), and nothing else loads it, so applications that embed the
 * broker need not have JUnit. kinesis-server adds an endpoint for SDK tests in
 * {@code io.embeddedkinesis.server.junit}.
 */
package io.embeddedkinesis.core.junit;
