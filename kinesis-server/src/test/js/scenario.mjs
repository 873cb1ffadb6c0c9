// Runs unchanged AWS SDK for JavaScript v3 code against a kinesis-server endpoint and checks every answer.
//
//   node scenario.mjs <endpoint-url> <stream-name> [http2|http1.1]
//
// The client is configured as any user would point it at a local endpoint: region us-east-1, static
// dummy credentials, an endpoint override, no retries. Its HTTP handler is the SDK's default for Kinesis,
// NodeHttp2Handler (HTTP/2, with prior knowledge on http:// URLs), or with http1.1 the SDK's
// NodeHttpHandler, which users pick to pass their own http.Agent. On success it prints one JSON line with
// "ok":true and exits 0. On the first mismatch it prints what differed on stderr, a JSON line with
// "ok":false on stdout, and exits 1. Exit 2 is bad usage, 3 is missing dependencies (run `npm ci` here).
// JavaScriptSdkIT in kinesis-server runs it in every `mvn verify`.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const MAX_HASH_KEY = '340282366920938463463374607431768211455';

let sdk;
let NodeHttpHandler;
try {
  sdk = await import('@aws-sdk/client-kinesis');
  ({ NodeHttpHandler } = await import('@smithy/node-http-handler'));
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND') {
    throw error;
  }
  console.error(`${error.message}\nThe AWS SDK for JavaScript is not installed: run \`npm ci\` in ${HERE}`);
  process.exit(3);
}

const [endpoint, streamName, transport = 'http2'] = process.argv.slice(2);
if (!endpoint || !streamName || !['http2', 'http1.1'].includes(transport)) {
  console.error('usage: node scenario.mjs <endpoint-url> <stream-name> [http2|http1.1]');
  process.exit(2);
}

/** A check that failed: the scenario stops at the first one. */
class Mismatch extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new Mismatch(message);
  }
}

function checkEqual(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  check(a === e, `${what}: expected ${e} but was ${a}`);
}

const text = new TextEncoder();
const hex = (bytes) => Buffer.from(bytes).toString('hex');

// What the SDK put on the wire and got back, seen just before the HTTP handler sends each request.
const wire = { hosts: new Set(), requestContentTypes: new Set(), responseContentTypes: new Set(), signed: true };
const recordWire = (next) => async (args) => {
  const request = args.request;
  wire.hosts.add(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`);
  wire.requestContentTypes.add(request.headers['content-type']);
  wire.signed &&= /^AWS4-HMAC-SHA256 Credential=AKIDUMMY\//.test(request.headers.authorization ?? '');
  const result = await next(args);
  wire.responseContentTypes.add(result.response.headers['content-type']);
  return result;
};

const client = new sdk.KinesisClient({
  region: REGION,
  endpoint,
  credentials: { accessKeyId: 'AKIDUMMY', secretAccessKey: 'dummy-secret' },
  // One attempt, so a server error surfaces instead of being retried away.
  maxAttempts: 1,
  ...(transport === 'http1.1' ? { requestHandler: new NodeHttpHandler({ requestTimeout: 10_000 }) } : {}),
});
client.middlewareStack.add(recordWire, { step: 'deserialize', priority: 'low', name: 'recordWire' });

const results = { ok: false, node: process.version, sdk: sdkVersion(), stream: streamName, transport,
  requestHandler: client.config.requestHandler.constructor.name, steps: [] };
const startMs = Date.now();

function sdkVersion() {
  const manifest = new URL('./node_modules/@aws-sdk/client-kinesis/package.json', import.meta.url);
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

async function step(name, body) {
  results.failedStep = name;
  await body();
  results.steps.push(name);
  delete results.failedStep;
}

/** Runs a call that must fail and returns the error the SDK threw. */
async function expectError(command) {
  try {
    await client.send(command);
  } catch (error) {
    return error;
  }
  throw new Mismatch(`${command.constructor.name} succeeded but should have failed`);
}

function checkServiceError(error, name, message, modeledClass) {
  check(error instanceof sdk.KinesisServiceException,
    `expected a KinesisServiceException but got ${error?.constructor?.name}: ${error?.message}`);
  if (modeledClass) {
    check(error instanceof modeledClass, `expected an instance of ${modeledClass.name}`);
  }
  checkEqual(error.name, name, 'error name');
  checkEqual(error.message, message, `${name} message`);
  checkEqual(error.$fault, 'client', `${name} $fault`);
  checkEqual(error.$metadata.httpStatusCode, 400, `${name} HTTP status`);
  check(typeof error.$metadata.requestId === 'string', `${name} has no request id`);
}

// Records to put: partition keys and data that must come back byte for byte, beyond ASCII included.
const entries = [
  { PartitionKey: 'plain-ascii', Data: text.encode('hello, kinesis') },
  { PartitionKey: 'ключ-🔑', Data: text.encode('héllo wörld ✓ 日本語 🚀') },
  { PartitionKey: 'every-byte', Data: Uint8Array.from({ length: 256 }, (_, i) => i) },
  { PartitionKey: '日本', Data: new Uint8Array([0]) },
  { PartitionKey: 'empty-data', Data: new Uint8Array(0) },
  { PartitionKey: 'k'.repeat(256), Data: text.encode('{"longest":"partition key"}') },
];
const put = []; // { entry, ShardId, SequenceNumber } in put order

async function scenario() {
  let streamARN;
  let shardIds;

  await step('CreateStream', async () => {
    await client.send(new sdk.CreateStreamCommand({ StreamName: streamName, ShardCount: 2 }));
    const waited = await sdk.waitUntilStreamExists({ client, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
      { StreamName: streamName });
    checkEqual(waited.state, 'SUCCESS', 'waitUntilStreamExists state');
  });

  await step('DescribeStreamSummary', async () => {
    const { StreamDescriptionSummary: summary } =
      await client.send(new sdk.DescribeStreamSummaryCommand({ StreamName: streamName }));
    streamARN = summary.StreamARN;
    checkEqual(summary.StreamName, streamName, 'StreamName');
    checkEqual(streamARN, `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`, 'StreamARN');
    checkEqual(summary.StreamStatus, 'ACTIVE', 'StreamStatus');
    checkEqual(summary.OpenShardCount, 2, 'OpenShardCount');
    checkEqual(summary.RetentionPeriodHours, 24, 'RetentionPeriodHours');
    checkEqual(summary.StreamModeDetails, { StreamMode: 'PROVISIONED' }, 'StreamModeDetails');
    checkRecent(summary.StreamCreationTimestamp, 'StreamCreationTimestamp');
  });

  await step('ListStreams', async () => {
    const listed = await client.send(new sdk.ListStreamsCommand({}));
    check(listed.StreamNames.includes(streamName), `StreamNames ${listed.StreamNames} lack ${streamName}`);
    checkEqual(listed.HasMoreStreams, false, 'HasMoreStreams');
    const summary = listed.StreamSummaries.find((s) => s.StreamName === streamName);
    check(summary !== undefined, `StreamSummaries lack ${streamName}`);
    checkEqual([summary.StreamARN, summary.StreamStatus], [streamARN, 'ACTIVE'], 'StreamSummaries entry');
    checkRecent(summary.StreamCreationTimestamp, 'StreamSummaries StreamCreationTimestamp');
  });

  await step('ListShards', async () => {
    const { Shards: shards } = await client.send(new sdk.ListShardsCommand({ StreamName: streamName }));
    shardIds = shards.map((shard) => shard.ShardId);
    checkEqual(shardIds, ['shardId-000000000000', 'shardId-000000000001'], 'ShardIds');
    checkEqual(shards[0].HashKeyRange.StartingHashKey, '0', 'first StartingHashKey');
    checkEqual(shards[1].HashKeyRange.EndingHashKey, MAX_HASH_KEY, 'last EndingHashKey');
    checkEqual(String(BigInt(shards[0].HashKeyRange.EndingHashKey) + 1n), shards[1].HashKeyRange.StartingHashKey,
      'the shards\' hash key ranges meet');
    check(shards.every((shard) => /^\d+$/.test(shard.SequenceNumberRange.StartingSequenceNumber)),
      'every shard has a StartingSequenceNumber');
  });

  await step('PutRecord', async () => {
    const entry = entries[0];
    const result = await client.send(new sdk.PutRecordCommand({ StreamName: streamName, ...entry }));
    checkPutResult(result, 'PutRecord');
    put.push({ entry, ...result });
  });

  await step('PutRecords', async () => {
    const batch = entries.slice(1);
    const result = await client.send(new sdk.PutRecordsCommand({ StreamName: streamName, Records: batch }));
    checkEqual(result.FailedRecordCount, 0, 'FailedRecordCount');
    checkEqual(result.Records.length, batch.length, 'PutRecords result count');
    result.Records.forEach((entryResult, i) => {
      checkPutResult(entryResult, `PutRecords entry ${i}`);
      put.push({ entry: batch[i], ...entryResult });
    });
  });

  await step('GetRecords', async () => {
    for (const shardId of shardIds) {
      const expected = put.filter((p) => p.ShardId === shardId);
      const { ShardIterator: iterator } = await client.send(new sdk.GetShardIteratorCommand(
        { StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
      check(typeof iterator === 'string' && iterator.length > 0, `no ShardIterator for ${shardId}`);
      const read = await client.send(new sdk.GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      check(typeof read.NextShardIterator === 'string', `no NextShardIterator for ${shardId}`);
      checkEqual(read.MillisBehindLatest, 0, `MillisBehindLatest of ${shardId}`);
      checkEqual(read.Records.length, expected.length, `records read from ${shardId}`);
      read.Records.forEach((record, i) => checkRecord(record, expected[i], `${shardId} record ${i}`));
    }
    results.records = put.length;
    results.recordsPerShard = shardIds.map((id) => put.filter((p) => p.ShardId === id).length);
  });

  await step('SubscribeToShard', async () => {
    // Enhanced fan-out: the SDK's event stream (HTTP/2, or a chunked HTTP/1.1 body) pushes what was put.
    const consumerName = `${streamName}-consumer`;
    const { Consumer: registered } = await client.send(new sdk.RegisterStreamConsumerCommand(
      { StreamARN: streamARN, ConsumerName: consumerName }));
    const ConsumerARN = registered.ConsumerARN;
    check(ConsumerARN.startsWith(`${streamARN}/consumer/${consumerName}:`), `unexpected ConsumerARN ${ConsumerARN}`);
    for (let i = 0; ; i++) {
      const { ConsumerDescription: described } =
        await client.send(new sdk.DescribeStreamConsumerCommand({ ConsumerARN }));
      if (described.ConsumerStatus === 'ACTIVE') break;
      check(i < 20, `consumer still ${described.ConsumerStatus}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const shardId = put[0].ShardId;
    const expected = put.filter((p) => p.ShardId === shardId);
    const subscription = await client.send(new sdk.SubscribeToShardCommand(
      { ConsumerARN, ShardId: shardId, StartingPosition: { Type: 'TRIM_HORIZON' } }));
    let event;
    for await (const message of subscription.EventStream) {
      if (message.SubscribeToShardEvent) {
        event = message.SubscribeToShardEvent;
        break;
      }
    }
    check(event !== undefined, 'the event stream ended without a SubscribeToShardEvent');
    checkEqual(event.Records.length, expected.length, `records pushed from ${shardId}`);
    event.Records.forEach((record, i) => checkRecord(record, expected[i], `pushed ${shardId} record ${i}`));
    checkEqual(event.ContinuationSequenceNumber, expected[expected.length - 1].SequenceNumber,
      'ContinuationSequenceNumber');
    checkEqual(event.MillisBehindLatest, 0, 'MillisBehindLatest of the pushed event');
    const error = await expectError(new sdk.SubscribeToShardCommand(
      { ConsumerARN, ShardId: shardId, StartingPosition: { Type: 'LATEST' } }));
    checkServiceError(error, 'ResourceInUseException', 'Another active subscription exists for this consumer: '
      + `${ACCOUNT}:${streamName}:${shardId}:${consumerName}`, sdk.ResourceInUseException);
    await client.send(new sdk.DeregisterStreamConsumerCommand({ ConsumerARN }));
  });

  await step('StreamARN', async () => {
    const byArn = { StreamARN: streamARN };
    const { StreamDescriptionSummary: summary } =
      await client.send(new sdk.DescribeStreamSummaryCommand(byArn));
    checkEqual(summary.StreamName, streamName, 'StreamName described by StreamARN');
    const { Shards: shards } = await client.send(new sdk.ListShardsCommand(byArn));
    checkEqual(shards.map((shard) => shard.ShardId), shardIds, 'ShardIds listed by StreamARN');
    const entry = { PartitionKey: 'by-arn-ü', Data: text.encode('addressed by ARN ✓') };
    const result = await client.send(new sdk.PutRecordCommand({ ...byArn, ...entry }));
    checkPutResult(result, 'PutRecord by StreamARN');
    const { ShardIterator: iterator } = await client.send(new sdk.GetShardIteratorCommand({ ...byArn,
      ShardId: result.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: result.SequenceNumber }));
    const read = await client.send(new sdk.GetRecordsCommand({ ...byArn, ShardIterator: iterator }));
    checkEqual(read.Records.length, 1, 'records read by StreamARN');
    checkRecord(read.Records[0], { entry, ...result }, 'record read by StreamARN');
  });

  await step('ResourceNotFoundException', async () => {
    const missing = `${streamName}-missing`;
    const error = await expectError(new sdk.DescribeStreamCommand({ StreamName: missing }));
    checkServiceError(error, 'ResourceNotFoundException',
      `Stream ${missing} under account ${ACCOUNT} not found.`, sdk.ResourceNotFoundException);
  });

  await step('ResourceInUseException', async () => {
    const error = await expectError(new sdk.CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
    checkServiceError(error, 'ResourceInUseException',
      `Stream ${streamName} under account ${ACCOUNT} already exists.`, sdk.ResourceInUseException);
  });

  await step('ValidationException', async () => {
    // Not in the Kinesis model, so the SDK raises its generic service exception under the wire name.
    const error = await expectError(new sdk.CreateStreamCommand({ StreamName: `${streamName}-zero`, ShardCount: 0 }));
    checkServiceError(error, 'ValidationException', "1 validation error detected: Value '0' at 'shardCount' "
      + 'failed to satisfy constraint: Member must have value greater than or equal to 1', null);
  });

  await step('Wire', async () => {
    checkEqual([...wire.hosts], [new URL(endpoint).origin],
      'hosts requests went to (StreamARN calls included)');
    checkEqual([...wire.requestContentTypes], ['application/x-amz-json-1.1'], 'request content types');
    checkEqual([...wire.responseContentTypes], ['application/x-amz-json-1.1', 'application/vnd.amazon.eventstream'],
      'response content types (SubscribeToShard answers with an event stream)');
    check(wire.signed, 'every request is signed with SigV4 and the dummy access key');
    checkEqual(results.requestHandler, transport === 'http2' ? 'NodeHttp2Handler' : 'NodeHttpHandler',
      `the SDK's handler for ${transport}`);
    results.contentType = 'application/x-amz-json-1.1';
  });
}

function checkRecent(date, what) {
  check(date instanceof Date && Math.abs(date.getTime() - Date.now()) < 600_000,
    `${what} should be a Date close to now but was ${date}`);
}

function checkPutResult(result, what) {
  check(/^shardId-00000000000[01]$/.test(result.ShardId), `${what}: unexpected ShardId ${result.ShardId}`);
  check(/^\d+$/.test(result.SequenceNumber), `${what}: unexpected SequenceNumber ${result.SequenceNumber}`);
  check(result.ErrorCode === undefined, `${what}: ${result.ErrorCode} ${result.ErrorMessage}`);
}

function checkRecord(record, expected, what) {
  checkEqual(record.SequenceNumber, expected.SequenceNumber, `${what} SequenceNumber`);
  checkEqual(record.PartitionKey, expected.entry.PartitionKey, `${what} PartitionKey`);
  check(record.Data instanceof Uint8Array, `${what} Data should be a Uint8Array`);
  checkEqual(hex(record.Data), hex(expected.entry.Data), `${what} Data (hex)`);
  checkRecent(record.ApproximateArrivalTimestamp, `${what} ApproximateArrivalTimestamp`);
}

let exitCode = 0;
try {
  await scenario();
  results.ok = true;
} catch (error) {
  exitCode = 1;
  results.error = error instanceof Mismatch ? error.message : `${error.name}: ${error.message}`;
  console.error(`MISMATCH in step ${results.failedStep}: ${results.error}`);
  if (!(error instanceof Mismatch)) {
    console.error(error);
  }
} finally {
  client.destroy();
}
results.durationMs = Date.now() - startMs;
console.log(JSON.stringify(results));
process.exitCode = exitCode;
