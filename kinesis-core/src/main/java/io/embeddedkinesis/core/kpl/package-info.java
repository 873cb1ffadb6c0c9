/**
 * Aggregation as the Kinesis Producer Library (KPL) does it, and deaggregation as the Kinesis Client
 * Library (KCL) does it, byte for byte compatible with both.
 *
 * <p>A producer packs many small user records into one Kinesis record to spend fewer records (each one
 * costs at least a PUT payload unit and counts against a shard's 1,000 records a second);
 * {@link io.embeddedkinesis.core.kpl.RecordAggregator} does that, and
 * {@link io.embeddedkinesis.core.kpl.RecordDeaggregator} turns a record read back from a shard into its user
 * records again. Records written by the real KPL deaggregate here, and aggregates made here deaggregate in
 * the real KCL.
 *
 * <h2>Format</h2>
 * <pre>
 *   offset 0             4                                4 + n                      4 + n + 16
 *          +-------------+--------------------------------+--------------------------+
 *          | F3 89 9A C2 | AggregatedRecord, protobuf     | MD5 of the protobuf      |
 *          | magic       | n bytes                        | 16 bytes                 |
 *          +-------------+--------------------------------+--------------------------+
 *
 *   AggregatedRecord (proto2)
 *     1  repeated string partition_key_table       each distinct partition key once, in first-use order
 *     2  repeated string explicit_hash_key_table   each distinct explicit hash key (decimal) once
 *     3  repeated Record records
 *   Record
 *     1  required uint64 partition_key_index
 *     2  optional uint64 explicit_hash_key_index   absent when the user record had no explicit hash key
 *     3  required bytes  data
 *     4  repeated Tag    tags                      {1 key, 2 value}; unused by the KPL and the KCL
 * </pre>
 * The message is defined in {@code src/main/proto/kpl_aggregated_record.proto} and compiled by protoc at
 * build time into {@code core.kpl.protobuf}; that generated code is the only protobuf code, and this
 * package the only one that uses it.
 *
 * <h2>Routing</h2>
 * An aggregate of several user records has the partition key {@code "a"} and, as its explicit hash key, the
 * hash key of its first user record (that record's explicit hash key, or the MD5 of its partition key), so
 * it goes to the shard of its first user record. The KPL only packs user records bound for the same shard
 * together, and the KCL, reading a shard, drops an aggregate holding a user record whose hash key lies
 * outside the shard's range: such an aggregate was misrouted by a stale shard map, and the producer sends
 * its user records again. A single user record goes unaggregated, under its own partition key.
 */
package io.embeddedkinesis.core.kpl;
