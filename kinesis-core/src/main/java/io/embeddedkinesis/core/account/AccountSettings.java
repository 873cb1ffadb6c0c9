package io.embeddedkinesis.core.account;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.embeddedkinesis.core.BrokerConfig;
import io.embeddedkinesis.core.exception.InternalFailureException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.LimitExceededException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.files.DurableFiles;
import io.embeddedkinesis.core.model.AccountSettingsResult;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentInput;
import io.embeddedkinesis.core.model.MinimumThroughputBillingCommitmentOutputStatus;
import io.embeddedkinesis.core.model.UpdateAccountSettingsRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The account's settings, as {@code DescribeAccountSettings} and {@code UpdateAccountSettings} show and change
 * them: the minimum throughput billing commitment (see {@link BillingCommitment} for its rules), kept in
 * {@code account.json} in the broker directory, replaced atomically on every change so that it survives a
 * restart or a crash. The broker bills nothing; the commitment matters because warm throughput needs it.
 *
 * <p>Thread-safe: updates are serialized by this object's lock; reads see the last update whole.
 */
public final class AccountSettings {
    private static final String ACCOUNT_FILE = "account.json";
    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final BrokerConfig config;
    private final ObjectMapper mapper = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private volatile BillingCommitment commitment;

    /**
     * Reads the settings a previous broker left in a directory, if any.
     *
     * @param brokerDirectory the broker directory.
     * @param config          the broker's configuration.
     */
    public AccountSettings(final Path brokerDirectory, final BrokerConfig config) {
        this.file = brokerDirectory.resolve(ACCOUNT_FILE);
        this.config = config;
        try {
            this.commitment = Files.isRegularFile(file)
                ? mapper.readValue(file.toFile(), AccountFile.class).minimumThroughputBillingCommitment() : null;
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /**
     * The account's settings now. An account that never asked for a commitment has no
     * {@code MinimumThroughputBillingCommitment} (inferred: the model makes the member optional but its status
     * required, which reads as no member rather than a DISABLED one; no AWS sample was found).
     *
     * @return the settings.
     */
    public AccountSettingsResult describe() {
        final BillingCommitment current = commitment;
        return new AccountSettingsResult(current == null ? null : current.output(config.clock().time()));
    }

    /**
     * Enables or disables the commitment and persists it.
     *
     * @param request the status asked for.
     * @return the settings after the update.
     */
    public AccountSettingsResult update(final UpdateAccountSettingsRequest request) {
        final MinimumThroughputBillingCommitmentInput asked = request.minimumThroughputBillingCommitment();
        new ValidationErrors()
            .notNull("minimumThroughputBillingCommitment", asked != null)
            .notNull("minimumThroughputBillingCommitment.status", asked == null || asked.status() != null)
            .throwIfAny();
        synchronized (this) {
            final long nowMs = config.clock().time();
            final BillingCommitment current = commitment == null ? BillingCommitment.NEVER_ENABLED : commitment;
            final BillingCommitment changed = current.update(asked.status(), nowMs);
            if (!changed.equals(commitment)) {
                save(changed);
                commitment = changed;
            }
            return new AccountSettingsResult(changed.output(nowMs));
        }
    }

    /**
     * Refuses warm throughput the account may not have: any without a commitment in force (a scheduled disable
     * still counts as in force until it takes effect), and more than {@link BrokerConfig#maxWarmThroughputMiBps()}.
     *
     * @param targetMiBps the warm throughput asked for a stream.
     * @throws InvalidArgumentException if no commitment is in force.
     * @throws LimitExceededException   if the target is over the limit.
     */
    public void checkWarmThroughput(final int targetMiBps) {
        if (!isCommitted()) {
            // Inferred: the documentation says warm throughput needs the commitment, but no sample of the refusal
            // was found; the wording follows UpdateShardCount's on-demand refusal.
            throw new InvalidArgumentException("Request is invalid. MinimumThroughputBillingCommitment is not enabled"
                + " for account " + config.accountId() + ".");
        }
        if (targetMiBps > config.maxWarmThroughputMiBps()) {
            // Inferred: the documentation names the default limit (10 GiBps) but no sample of the refusal was
            // found; the wording follows the on-demand stream count limit's.
            throw new LimitExceededException("This request would exceed the limit on the warm throughput of an"
                + " On-Demand stream for the account " + config.accountId() + " in " + config.region()
                + ". Requested warm throughput: " + targetMiBps + " MiBps. Limit: " + config.maxWarmThroughputMiBps()
                + " MiBps.");
        }
    }

    /**
     * Whether the account has On-demand Advantage now: its minimum throughput billing commitment is enabled
     * (or, after a request to end it, still running until its earliest allowed end). That is what gives its
     * on-demand streams warm throughput and up to 50 enhanced fan-out consumers.
     *
     * @return true while the commitment is in force.
     */
    public boolean isCommitted() {
        final BillingCommitment current = commitment;
        return current != null
            && current.status(config.clock().time()) != MinimumThroughputBillingCommitmentOutputStatus.DISABLED;
    }

    private void save(final BillingCommitment changed) {
        try {
            DurableFiles.replace(file, mapper.writeValueAsBytes(new AccountFile(FORMAT_VERSION, changed)));
        } catch (final IOException ex) {
            throw new InternalFailureException("Internal service failure.", ex);
        }
    }

    /**
     * The content of {@code account.json}.
     *
     * @param formatVersion                      the layout of this file; 1 today.
     * @param minimumThroughputBillingCommitment the commitment.
     */
    record AccountFile(int formatVersion, BillingCommitment minimumThroughputBillingCommitment) {
    }
}
