package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.log.SequenceNumber;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.routing.HashKeyRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records written by the real Kinesis Producer Library: our aggregator must write the same bytes for the same
 * user records, and our deaggregator must read them back.
 *
 * <p>The vectors are the KPL-generated records in {@code awslabs/kinesis-aggregation}'s
 * {@code python/test/test_deagg.py} (made with that project's SampleKPLProducer, read there from Lambda and
 * Kinesis Analytics events), with the user records that test says they hold.
 */
class KplVectorsTest {
    private static final long ARRIVAL_MS = 1_518_133_507_063L;

    /** A KPL record with its user records. */
    enum Vector {
        /** Four user records, each with its own partition key and explicit hash key. */
        WITH_EXPLICIT_HASH_KEYS(
            "84mawgokZmMwM2RkODgtM2U3OS00NDhhLWIwMWEtN2NmMWJkNDdiNzg0CiRjYWU0MWIxYy1lYTYxLTQzZjItOTBiZS1iODc1"
            + "NWViZjg4ZTIKJGQ0OTA2OTBjLWU3NGQtNGRiMi1hM2M4LWQ4ZjJmMTg0ZmQyMwokYzkyNGJjMDktYjg1ZS00N2YxLWIzMmUt"
            + "MzM2NTIyZWU1M2M4EiYzODQ4NjQ5NTg2NzUwODM5OTA3ODE1OTcyMzg0NjA1MTgwNzAyMBInMTkzNzg3NjAwMDM3NjgxNzA2"
            + "OTUyMTQzMzU3MDcxOTE2MzUyNjA0EicyNjY4ODA0MzY5NjQ5MzI0MjQyNjU0NjY5MTY3MzQwNjg2ODQ0MzkSJzMzOTYwNjYw"
            + "MDk0Mjk2NzM5MTg1NDYwMzU1MjQwMjAyMTg0NzI5MhomCAAQABogUkVDT1JEIDIyIHBlZW9iaGN6YnpkbXNrYm91cGd5cQoa"
            + "JggBEAEaIFJFQ09SRCAyMyB1c3dreGZ0eHJvZXVzc2N4c2pobm8KGiYIAhACGiBSRUNPUkQgMjQgY2FzZWhkZ2l2ZmF4ZXVz"
            + "dGx5c3p5ChomCAMQAxogUkVDT1JEIDI1IG52ZmZ2cG11b2dkb3BqaGFtZXZyawpRwVPQ3go0yp4Y6kvM0q3V",
            new UserRecord("fc03dd88-3e79-448a-b01a-7cf1bd47b784", "38486495867508399078159723846051807020",
                bytes("RECORD 22 peeobhczbzdmskboupgyq\n")),
            new UserRecord("cae41b1c-ea61-43f2-90be-b8755ebf88e2", "193787600037681706952143357071916352604",
                bytes("RECORD 23 uswkxftxroeusscxsjhno\n")),
            new UserRecord("d490690c-e74d-4db2-a3c8-d8f2f184fd23", "266880436964932424265466916734068684439",
                bytes("RECORD 24 casehdgivfaxeustlyszy\n")),
            new UserRecord("c924bc09-b85e-47f1-b32e-336522ee53c8", "339606600942967391854603552402021847292",
                bytes("RECORD 25 nvffvpmuogdopjhamevrk\n"))),
        /** Eight user records routed by their partition keys: no explicit hash key table. */
        WITHOUT_EXPLICIT_HASH_KEYS(
            "84mawgokNzhmZWIxMmEtZGJhMC00NWNhLWE5MWUtYmIxZjJmMTgxOWI0CiRjMmE3NTc4Ny00NjliLTQzMTAtODQwZC1kNDg2"
            + "ZGNhN2ViNWUKJDY1MGU5MzYyLTU3MmItNDQyNy1iM2ZjLTEzNTQ5ZDdlNWFlNQokMWQ4ZDk2MDAtMDBiNy00NmYzLWE5ODMt"
            + "ZGU4MzQ3NzU0MGMwCiRmMmU3MThhMC0zODliLTQ5NGEtYjc5Ni0zMzU1YjA3NTY5Y2MKJDk2NWI4ZGE0LWE2YmQtNDc1NS04"
            + "MWM5LWU3MTgxYWI3ZGM5YQokZDY5M2M1ZjAtNTc3Mi00NmM5LThkODYtMDhjNzA1NWJkYjc1CiQ4ZDkyNDc2Yi1lYjg5LTRl"
            + "ODEtOTlmYi1jMmJhNjNhZDZkOTAaJAgAGiBSRUNPUkQgMTggaWtscnBzdnloeG5lcm9kZmVoZXJ1ChokCAEaIFJFQ09SRCAx"
            + "OSBsbm1udWR5aHZwdmNncm9rZm16ZGgKGiQIAhogUkVDT1JEIDIwIHBqcXJjZmJ4YWZ6ZG5kem1iZ2FuZQoaJAgDGiBSRUNP"
            + "UkQgMjEgYWFmcmV5cm50d3V3eGxpeWdrYmhrChokCAQaIFJFQ09SRCAyMiBxc2FhZGhic2dtdnFnZGlmZ3V5b3UKGiQIBRog"
            + "UkVDT1JEIDIzIHdqb2tvaXd2enpobGZ0bHpocWZqawoaJAgGGiBSRUNPUkQgMjQgem9wY2FzY3J0aGJicG5qaXd1aGpiChok"
            + "CAcaIFJFQ09SRCAyNSB0eGJidm5venJ3c2JveHVvbXFib3EKvV1rrLdU+Sy2v8xkgZ5YaA==",
            UserRecord.of("78feb12a-dba0-45ca-a91e-bb1f2f1819b4", bytes("RECORD 18 iklrpsvyhxnerodfeheru\n")),
            UserRecord.of("c2a75787-469b-4310-840d-d486dca7eb5e", bytes("RECORD 19 lnmnudyhvpvcgrokfmzdh\n")),
            UserRecord.of("650e9362-572b-4427-b3fc-13549d7e5ae5", bytes("RECORD 20 pjqrcfbxafzdndzmbgane\n")),
            UserRecord.of("1d8d9600-00b7-46f3-a983-de83477540c0", bytes("RECORD 21 aafreyrntwuwxliygkbhk\n")),
            UserRecord.of("f2e718a0-389b-494a-b796-3355b07569cc", bytes("RECORD 22 qsaadhbsgmvqgdifguyou\n")),
            UserRecord.of("965b8da4-a6bd-4755-81c9-e7181ab7dc9a", bytes("RECORD 23 wjokoiwvzzhlftlzhqfjk\n")),
            UserRecord.of("d693c5f0-5772-46c9-8d86-08c7055bdb75", bytes("RECORD 24 zopcascrthbbpnjiwuhjb\n")),
            UserRecord.of("8d92476b-eb89-4e81-99fb-c2ba63ad6d90", bytes("RECORD 25 txbbvnozrwsboxuomqboq\n"))),
        /** Four user records sharing one partition key and one explicit hash key: one entry in each table. */
        SHARED_KEYS(
            "84mawgoNMTU2MjYwMjA3NDg5NhInMzM5NjA2NjAwOTQyOTY3MzkxODU0NjAzNTUyNDAyMDIxODQ3MjkyGicIABAAGiFSRUNP"
            + "UkQgMjAwNSBwanFyY2ZieGFmemRuZHptYmdhbmUaJwgAEAAaIVJFQ09SRCAyMDA2IHBqcXJjZmJ4YWZ6ZG5kem1iZ2FuZRon"
            + "CAAQABohUkVDT1JEIDIwMDcgcGpxcmNmYnhhZnpkbmR6bWJnYW5lGicIABAAGiFSRUNPUkQgMjAwOCBwanFyY2ZieGFmemRu"
            + "ZHptYmdhbmUHrLqXAgpJOT8v1lp81gM/",
            new UserRecord("1562602074896", "339606600942967391854603552402021847292",
                bytes("RECORD 2005 pjqrcfbxafzdndzmbgane")),
            new UserRecord("1562602074896", "339606600942967391854603552402021847292",
                bytes("RECORD 2006 pjqrcfbxafzdndzmbgane")),
            new UserRecord("1562602074896", "339606600942967391854603552402021847292",
                bytes("RECORD 2007 pjqrcfbxafzdndzmbgane")),
            new UserRecord("1562602074896", "339606600942967391854603552402021847292",
                bytes("RECORD 2008 pjqrcfbxafzdndzmbgane")));

        final byte[] data;
        final List<UserRecord> userRecords;

        Vector(final String base64, final UserRecord... userRecords) {
            this.data = Base64.getDecoder().decode(base64);
            this.userRecords = List.of(userRecords);
        }
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void shouldWriteTheBytesTheKplWroteForTheSameUserRecords(final Vector vector) {
        final List<AggregatedRecord> aggregates =
            new RecordAggregator().aggregate(vector.userRecords, List.of(HashKeyRange.ALL));

        assertThat(aggregates).hasSize(1);
        final AggregatedRecord aggregate = aggregates.get(0);
        assertThat(aggregate.data()).isEqualTo(vector.data);
        assertThat(aggregate.partitionKey()).as("the KPL's partition key for an aggregate").isEqualTo("a");
        assertThat(aggregate.explicitHashKey()).as("the first user record's hash key")
            .isEqualTo(vector.userRecords.get(0).hashKey().toString());
        assertThat(aggregate.userRecords()).isEqualTo(vector.userRecords);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void shouldReadTheUserRecordsTheKplWrote(final Vector vector) {
        final Record record = new Record(new SequenceNumber(7, 3, 42), ARRIVAL_MS, vector.data, bytes("a"));

        final List<DeaggregatedRecord> read = RecordDeaggregator.deaggregate(record);

        assertThat(RecordDeaggregator.isAggregated(vector.data)).isTrue();
        assertThat(read).hasSameSizeAs(vector.userRecords);
        for (int i = 0; i < read.size(); i++) {
            final DeaggregatedRecord userRecord = read.get(i);
            final UserRecord expected = vector.userRecords.get(i);
            assertThat(userRecord.partitionKey()).isEqualTo(expected.partitionKey());
            assertThat(userRecord.explicitHashKey()).isEqualTo(expected.explicitHashKey());
            assertThat(userRecord.data()).isEqualTo(expected.data());
            assertThat(userRecord.subSequenceNumber()).isEqualTo(i);
            assertThat(userRecord.sequenceNumber()).isEqualTo(record.sequenceNumber());
            assertThat(userRecord.approximateArrivalTimestampMs()).isEqualTo(ARRIVAL_MS);
            assertThat(userRecord.isAggregated()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void shouldDropARealKplRecordReadFromAShardThatDoesNotOwnAllItsUserRecords(final Vector vector) {
        final Record record = new Record(new SequenceNumber(7, 3, 42), ARRIVAL_MS, vector.data, bytes("a"));
        final List<HashKeyRange> halves = HashKeyRange.evenSplit(2);
        final List<DeaggregatedRecord> read = new ArrayList<>();

        for (final HashKeyRange half : halves) {
            read.addAll(RecordDeaggregator.deaggregate(record, half));
        }

        final boolean oneHalfOwnsAll = halves.stream().anyMatch(half -> vector.userRecords.stream()
            .allMatch(user -> half.contains(user.hashKey().high(), user.hashKey().low())));
        assertThat(read).hasSize(oneHalfOwnsAll ? vector.userRecords.size() : 0);
    }

    @Test
    void shouldPassAnUnaggregatedKplRecordThroughAsOneUserRecord() {
        // The KPL sends a lone user record as it is: here one from the same source, read via Kinesis Analytics.
        final byte[] data = Base64.getDecoder().decode("UkVDT1JEIDc0OSBwanFyY2ZieGFmemRuZHptYmdhbmU=");
        final Record record = new Record(new SequenceNumber(7, 0, 1), ARRIVAL_MS, data, bytes("1562602074896"));

        final List<DeaggregatedRecord> read = RecordDeaggregator.deaggregate(record);

        assertThat(RecordDeaggregator.isAggregated(data)).isFalse();
        assertThat(read).singleElement().satisfies(user -> {
            assertThat(user.partitionKey()).isEqualTo("1562602074896");
            assertThat(new String(user.data(), StandardCharsets.UTF_8)).isEqualTo("RECORD 749 pjqrcfbxafzdndzmbgane");
            assertThat(user.explicitHashKey()).isNull();
            assertThat(user.subSequenceNumber()).isZero();
            assertThat(user.isAggregated()).isFalse();
        });
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
