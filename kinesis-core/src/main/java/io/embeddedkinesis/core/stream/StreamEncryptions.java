package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.EncryptionType;
import io.embeddedkinesis.core.model.StreamEncryptionRequest;
import io.embeddedkinesis.core.model.StreamStatus;

import java.util.List;

/**
 * {@code StartStreamEncryption} and {@code StopStreamEncryption}: turn a stream's server-side encryption on
 * (or move it to another KMS key) and off, with Kinesis's rules. The stream is UPDATING for the broker's
 * reshard delay after a change, records put from the change on carry the new {@code EncryptionType}, records
 * already written keep theirs, and each operation may change a stream at most 25 times in a rolling 24 hours.
 *
 * <p>The broker holds no keys: any key id is accepted and shown back as given, and the bytes are stored as
 * they came, so an application sees what it would see of encryption on Kinesis, without KMS.
 *
 * <p>Thread-safe: changes are serialized by the registry's lock.
 */
public final class StreamEncryptions {
    /** Kinesis's limit on each of the two operations, per stream. */
    static final int CHANGES_PER_DAY = 25;

    private final StreamRegistry registry;
    private final BrokerConfig config;

    /**
     * @param registry the streams.
     */
    public StreamEncryptions(final StreamRegistry registry) {
        this.registry = registry;
        this.config = registry.config();
    }

    /**
     * Turns server-side encryption on with a key, or moves an encrypted stream to another key.
     *
     * @param request the stream, {@code KMS} and the key.
     */
    public void start(final StreamEncryptionRequest request) {
        change(request, true);
    }

    /**
     * Turns server-side encryption off. A stream that is not encrypted stays as it is, and the call counts
     * against no limit.
     *
     * @param request the stream, {@code KMS} and the key it is encrypted with.
     */
    public void stop(final StreamEncryptionRequest request) {
        change(request, false);
    }

    private void change(final StreamEncryptionRequest request, final boolean start) {
        // The model's members are StreamName, EncryptionType, KeyId, StreamARN; the stream is checked last, as
        // in the codebase's other operations.
        StreamRegistry.check(new ValidationErrors()
            .notNull("encryptionType", request.encryptionType() != null)
            .string("keyId", request.keyId(), true, null, null, 1, 2048), request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
        synchronized (registry) {
            final Stream stream = registry.find(request.stream());
            if (request.encryptionType() != EncryptionType.KMS) {
                // Inferred: the documentation says "The only valid value is KMS"; no sample of the service's
                // answer to NONE was found. kinesis-mock answers with this text.
                throw new InvalidArgumentException("KMS is the only valid EncryptionType for this request");
            }
            final long nowMs = config.clock().time();
            final StreamStatus status = stream.status(nowMs);
            if (status != StreamStatus.ACTIVE) {
                throw new ResourceInUseException("Stream " + stream.streamName() + " under account "
                    + config.accountId() + " not ACTIVE, instead in state " + status);
            }
            final StreamEncryption current = stream.encryption();
            if (!start && current.encryptionType() == EncryptionType.NONE) {
                return;
            }
            final List<Long> changes = Stream.lastDayWith(start ? current.startsMs() : current.stopsMs(), nowMs);
            if (changes.size() > CHANGES_PER_DAY) {
                // Kinesis documents the limit but no sample of its text was found; this follows the wording of
                // UpdateShardCount's daily limit.
                throw new LimitExceededException((start ? "StartStreamEncryption" : "StopStreamEncryption")
                    + " cannot be called more than " + CHANGES_PER_DAY + " times in a rolling 24 hour period for"
                    + " stream " + stream.streamName() + " under account " + config.accountId() + ".");
            }
            registry.updateEncryption(stream, start
                ? new StreamEncryption(EncryptionType.KMS, request.keyId(), changes, current.stopsMs())
                : new StreamEncryption(EncryptionType.NONE, null, current.startsMs(), changes));
            stream.updatingUntil(nowMs + config.reshardDelayMs());
        }
    }
}
