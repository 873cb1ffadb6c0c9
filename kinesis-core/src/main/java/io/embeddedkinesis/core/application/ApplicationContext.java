package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.metrics.ApplicationMeters;
import org.agrona.concurrent.EpochClock;

/**
 * What the workers of one application share: the broker, the settings, the lease table, the meters, and the
 * retrieval as bound to the application (an enhanced fan-out consumer registered once for all its shards).
 *
 * @param broker    the broker the stream is on.
 * @param config    the application's settings.
 * @param table     the lease table.
 * @param meters    the application's meters.
 * @param retrieval makes each shard's records source: the configured retrieval bound to this application.
 */
record ApplicationContext(KinesisBroker broker, ApplicationConfig config, LeaseTable table, ApplicationMeters meters,
    RetrievalFactory retrieval) {
    EpochClock clock() {
        return broker.config().clock();
    }

    /** Hands an error of a worker or a processor to the application's error handler. */
    void onError(final Throwable error) {
        config.errorHandler().onError(error);
    }
}
