package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * The parameters of {@code PutRecords}.
 *
 * @param stream  the stream.
 * @param records 1 to 500 records, at most 10 MiB in all.
 */
public record PutRecordsRequest(StreamRequest stream, List<PutRecordsRequestEntry> records) {
}
