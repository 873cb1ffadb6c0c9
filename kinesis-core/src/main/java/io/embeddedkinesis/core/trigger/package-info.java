/**
 * Lambda-style triggers: event source mappings that invoke a user's unchanged AWS Lambda
 * {@code RequestHandler} with batches of a stream's records, as Lambda's event source mapping for Kinesis
 * does, in process.
 *
 * <h2>Architecture</h2>
 * <pre>
 *  EventSourceMapping ── ConsumerApplication "trigger-&lt;uuid&gt;" with one Worker (leases, checkpoints,
 *        │                 parents before children, restart resume: core.application)
 *        │
 *        └─ per shard: TriggerRecordsSource (polls GetRecords once a second while the lanes want records;
 *                       │                    holds back the shard's end until all is done)
 *                       ShardTrigger ── TriggerLane × ParallelizationFactor (by partition key)
 *                                        │  batching: size, 6 MB, batching window, tumbling window
 *                                        │  retries, bisection, partial batch responses, record age
 *                                        │  TumblingWindow: state, final invocation
 *                                        └─ FunctionInvoker (KinesisEvents, LambdaContext, ResponseReader)
 *                       CheckpointTracker: checkpoint after the last record before which all are done
 *                       FailureDestination: Lambda's invocation record into another stream
 * </pre>
 *
 * <h2>Threads and time</h2>
 * Everything but the function runs on the worker's thread; invocations run on a pool ({@code start}) or on
 * the thread that drives the mapping ({@code create} and {@code doWork()}), and their outcomes are picked up
 * by the worker. Batching windows, retries, record ages and tumbling windows follow the broker's clock.
 *
 * <h2>Dependencies</h2>
 * {@code com.amazonaws:aws-lambda-java-core} and {@code aws-lambda-java-events} are optional dependencies of
 * kinesis-core, used only here: add them to use triggers.
 */
package io.embeddedkinesis.core.trigger;
