package io.embeddedkinesis.core.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionKeyHasherTest {
    private final PartitionKeyHasher hasher = new PartitionKeyHasher();

    @ParameterizedTest
    @CsvSource({
        // MD5 digests from RFC 1321's test suite, read as unsigned big-endian integers.
        "a, 0cc175b9c0f1b6a831c399e269772661",
        "abc, 900150983cd24fb0d6963f7d28e17f72",
        "message digest, f96b697d7cb7938d525a2f31aaf161d0",
    })
    void shouldHashTheUtf8KeyWithMd5AsAnUnsignedInteger(final String key, final String md5Hex) {
        final HashKey expected = HashKey.of(new BigInteger(md5Hex, 16));

        assertThat(hasher.hash(key).hashKey()).isEqualTo(expected);
    }

    @Test
    void shouldEncodeNonAsciiKeysAsUtf8() {
        final PartitionKeyHasher.HashedKey hashed = hasher.hash("clé-ü");

        assertThat(hashed.utf8()).isEqualTo("clé-ü".getBytes(StandardCharsets.UTF_8));
        assertThat(hashed.hashKey()).isEqualTo(PartitionKeyHasher.compute("clé-ü").hashKey());
    }

    @Test
    void shouldReturnTheSameResultFromTheCacheForEqualKeys() {
        final String first = new String("user-42".toCharArray());
        final String second = new String("user-42".toCharArray());

        assertThat(hasher.hash(second)).isSameAs(hasher.hash(first));
    }

    @Test
    void shouldKeepMostOfARealisticKeySetCached() {
        final int keys = 10_000;
        final PartitionKeyHasher.HashedKey[] firstPass = new PartitionKeyHasher.HashedKey[keys];
        for (int i = 0; i < keys; i++) {
            firstPass[i] = hasher.hash("user-" + i);
        }

        int hits = 0;
        for (int i = 0; i < keys; i++) {
            if (hasher.hash("user-" + i) == firstPass[i]) {
                hits++;
            }
        }

        assertThat(hits).as("keys still cached after one pass over 10,000").isGreaterThan(keys * 8 / 10);
    }

    @Test
    void shouldNotConfuseKeysThatShareACacheSlot() {
        for (int i = 0; i < 20_000; i++) {
            final String key = "key-" + i;
            assertThat(hasher.hash(key).partitionKey()).isEqualTo(key);
            assertThat(hasher.hash(key).hashKey()).isEqualTo(PartitionKeyHasher.compute(key).hashKey());
        }
    }
}
