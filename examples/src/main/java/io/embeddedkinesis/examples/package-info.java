/**
 * Runnable programs for the use cases embedded-kinesis is for, one {@code main()} per scenario.
 *
 * <p>Each scenario keeps its logic in a method that takes a directory and a duration and returns what
 * happened, so that its test can run the same code briefly on a temporary directory and check the
 * outcome: an example that stops working fails the build.
 *
 * <ul>
 *   <li>{@link io.embeddedkinesis.examples.ClickstreamDemo}: page views from several producers through a
 *       4-shard stream with Kinesis's limits on, one polling reader per shard, every record accounted
 *       for.</li>
 *   <li>{@link io.embeddedkinesis.examples.ConsumerFailoverDemo}: a consumer application of two workers
 *       sharing a stream's shards through leases; one is halted midway, the other takes its leases over
 *       and resumes from the checkpoints, and every record is processed at least once.</li>
 *   <li>{@link io.embeddedkinesis.examples.FanOutDemo}: enhanced fan-out, three consumers pushed every
 *       record of a stream, one of them slow on a thread of its own, each receiving every record once.</li>
 *   <li>{@link io.embeddedkinesis.examples.TradingDashboardDemo}: the trading platform; trades go into a
 *       stream and a Lambda-style trigger runs an unchanged Lambda function with tumbling windows, which
 *       keeps a dashboard of each symbol's volume and VWAP per window.</li>
 * </ul>
 */
package io.embeddedkinesis.examples;
