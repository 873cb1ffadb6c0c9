package io.embeddedkinesis.server;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same short conversation with either SDK client: create a stream, put a small and a large record, read
 * both back, and ask for a stream that does not exist. The large record (512 KiB) spans many HTTP/2 DATA
 * frames and several flow-control windows.
 */
final class KinesisConversation {
    static final int LARGE_RECORD_BYTES = 512 * 1024;
    private static final String MISSING = "Stream missing under account 000000000000 not found.";

    private KinesisConversation() {
    }

    static void run(final KinesisClient kinesis, final String stream) {
        kinesis.createStream(b -> b.streamName(stream).shardCount(1));
        final PutRecordResponse small = kinesis.putRecord(b -> b.streamName(stream).partitionKey("a")
            .data(SdkBytes.fromUtf8String("hello")));
        kinesis.putRecord(b -> b.streamName(stream).partitionKey("b").data(SdkBytes.fromByteArray(large())));
        final String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(small.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertReadBack(kinesis.getRecords(b -> b.shardIterator(iterator)), small);

        assertThatThrownBy(() -> kinesis.describeStream(b -> b.streamName("missing")))
            .isInstanceOfSatisfying(ResourceNotFoundException.class, KinesisConversation::assertMissing);
    }

    static void run(final KinesisAsyncClient kinesis, final String stream) {
        kinesis.createStream(b -> b.streamName(stream).shardCount(1)).join();
        final PutRecordResponse small = kinesis.putRecord(b -> b.streamName(stream).partitionKey("a")
            .data(SdkBytes.fromUtf8String("hello"))).join();
        kinesis.putRecord(b -> b.streamName(stream).partitionKey("b").data(SdkBytes.fromByteArray(large()))).join();
        final String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(small.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();
        assertReadBack(kinesis.getRecords(b -> b.shardIterator(iterator)).join(), small);

        assertThatThrownBy(() -> kinesis.describeStream(b -> b.streamName("missing")).join())
            .isInstanceOf(CompletionException.class).cause()
            .isInstanceOfSatisfying(ResourceNotFoundException.class, KinesisConversation::assertMissing);
    }

    static byte[] large() {
        final byte[] data = new byte[LARGE_RECORD_BYTES];
        Arrays.fill(data, (byte) 'x');
        data[data.length - 1] = '!';
        return data;
    }

    private static void assertReadBack(final GetRecordsResponse response, final PutRecordResponse small) {
        final List<Record> records = response.records();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).data().asUtf8String()).isEqualTo("hello");
        assertThat(records.get(0).sequenceNumber()).isEqualTo(small.sequenceNumber());
        assertThat(records.get(1).data().asByteArray()).isEqualTo(large());
    }

    private static void assertMissing(final ResourceNotFoundException ex) {
        assertThat(ex.statusCode()).isEqualTo(400);
        assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(MISSING);
    }
}
