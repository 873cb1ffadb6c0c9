/**
 * Kinesis Data Streams in one JVM: {@link io.embeddedkinesis.core.KinesisBroker} is the entry point,
 * configured by {@link io.embeddedkinesis.core.BrokerConfig}.
 *
 * <h2>Architecture</h2>
 * <pre>
 *  producer ── putRecord / putRecords ──▶ RecordWriter ──▶ Stream ──route(MD5 of the key)──▶ StoredShard
 *                                          (validate)        (ShardRouter)                  (limiters + ShardLog)
 *  consumer ◀── getRecords(iterator) ──── RecordFetcher ◀── ShardLog.read (zero-copy LogEntry views)
 *  subscriber ◀── onNext (kinesis-fanout) ── ShardSubscriptions ◀── AppendSignal from the write path
 *  control plane: StreamRegistry (create, delete, persist), StreamCatalog (describe, list, paging), StreamTags,
 *                 ResourcePolicies (stored, not enforced), AccountSettings (the billing commitment)
 * </pre>
 * <ul>
 *   <li>{@code core.model}: requests and results, named as the Kinesis API names them.</li>
 *   <li>{@code core.exception}: one exception per Kinesis error name.</li>
 *   <li>{@code core.stream}: streams, their lifecycle, metadata on disk, and the write path.</li>
 *   <li>{@code core.shard}: a shard's identity, log and limiters.</li>
 *   <li>{@code core.log}: the shard log API and its Chronicle Queue implementation; the only package that
 *       touches Chronicle, and the log API the sibling modules build on.</li>
 *   <li>{@code core.routing} and {@code core.throttle}: pure logic (hashing, routing, token buckets).</li>
 *   <li>{@code core.consumer}: shard iterators and {@code GetRecords}, and the reading rules push
 *       subscriptions share.</li>
 *   <li>{@code core.fanout}: enhanced fan-out consumers and their {@code SubscribeToShard} subscriptions.</li>
 *   <li>{@code core.application}: consumer applications in the KCL's model (workers, leases, checkpoints,
 *       shard record processors), reading through the broker's public API.</li>
 *   <li>{@code core.account}: the account's settings: the billing commitment that warm throughput needs.</li>
 *   <li>{@code core.token}: sealed, tamper-proof iterator and paging tokens.</li>
 *   <li>{@code core.metrics}: CloudWatch's metrics into an optional Micrometer registry, per stream and
 *       (with enhanced monitoring) per shard, and the usage meter behind {@code usage(stream)}; the only
 *       package that touches Micrometer.</li>
 *   <li>{@code core.junit}: the JUnit 5 extension for users' tests ({@code @EmbeddedKinesis}); the only
 *       package that touches JUnit, an optional dependency.</li>
 *   <li>{@code core.kpl}: KPL-compatible aggregation of user records into Kinesis records, and KCL-compatible
 *       deaggregation; the only package that touches protobuf.</li>
 * </ul>
 *
 * <h2>Threads and time</h2>
 * Every operation runs on the caller's thread; the broker's threads are an optional housekeeping agent
 * (retention, timed fsync) and, once something subscribes to a shard, the fan-out dispatcher that pushes
 * records to subscribers. All time comes from the configured {@code EpochClock}, so tests move time
 * instead of sleeping.
 */
package io.embeddedkinesis.core;
