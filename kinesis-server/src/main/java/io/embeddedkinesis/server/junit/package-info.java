/**
 * {@link io.embeddedkinesis.server.junit.KinesisEndpoint}: a local Kinesis endpoint for the broker of an
 * {@code @EmbeddedKinesis} test, for tests that drive code through an AWS SDK. Built on kinesis-core's
 * extension; like it, the one package of its module that uses JUnit, which is an optional dependency.
 */
package io.embeddedkinesis.server.junit;
