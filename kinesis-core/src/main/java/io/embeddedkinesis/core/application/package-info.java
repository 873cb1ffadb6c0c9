/**
 * Consumer applications in the KCL's model, in process: {@link io.embeddedkinesis.core.application.Worker}s
 * share a stream's shards through leases, run a
 * {@link io.embeddedkinesis.core.application.ShardRecordProcessor} per shard, and checkpoint progress
 * into a lease table kept in the broker's directory.
 *
 * <h2>Architecture</h2>
 * <pre>
 *  ConsumerApplication ── LeaseTable (one JSON file per lease, conditional on leaseCounter)
 *        │
 *        ├─ Worker (Agent: doWork) ── ShardSyncer (ListShards → new leases)
 *        │                         ├─ LeaseTaker (expired leases first, else steal from the most loaded)
 *        │                         └─ ShardConsumer per held lease:
 *        │                              WAITING_ON_PARENT_SHARDS → INITIALIZING → PROCESSING → SHARD_ENDING
 *        │                              ShardRecordsSource (PollingRecordsSource: GetRecords, or
 *        │                                FanOutRecordsSource: SubscribeToShard) → deaggregation → processor
 *        │                              ShardCheckpointer → HeldLease → LeaseTable
 *        └─ Worker ...
 * </pre>
 * Retrieval sits behind {@link io.embeddedkinesis.core.application.RetrievalFactory} and
 * {@link io.embeddedkinesis.core.application.ShardRecordsSource}: polling
 * ({@link io.embeddedkinesis.core.application.PollingConfig}) or enhanced fan-out
 * ({@link io.embeddedkinesis.core.application.FanOutConfig}, whose consumer
 * {@code StreamConsumerRegistration} registers once per application). Whatever the source, the shard consumer
 * deaggregates KPL records, as the KCL does, so records reach processors as
 * {@link io.embeddedkinesis.core.application.KinesisClientRecord}s carrying the user record's sub-sequence
 * number, which checkpoints take too; an application that wants records as they were put (as Lambda-style
 * triggers do) turns that off with {@code deaggregateRecords(false)}.
 *
 * <h2>Threads and time</h2>
 * A worker does everything in {@code doWork()} on the thread that drives it: an Agrona {@code AgentRunner}
 * thread in production, the test's own thread in tests. Lease expiry, renewal, polling intervals and
 * backoffs follow the broker's clock.
 */
package io.embeddedkinesis.core.application;
