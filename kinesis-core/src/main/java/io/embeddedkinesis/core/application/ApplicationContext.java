package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.metrics.ApplicationMeters;
import org.agrona.concurrent.EpochClock;

/**
 * What the workers of one application share: the broker, the settings, the lease table and the meters.
 *
 * @param broker the broker the stream is on.
 * @param config the application's settings.
 * @param table  the lease table.
 * @param meters the application's meters.
 */
record ApplicationContext(KinesisBroker broker, ApplicationConfig config, LeaseTable table, ApplicationMeters meters) {
    EpochClock clock() {
        return broker.config().clock();
    }

    /** Hands an error of a worker or a processor to the application's error handler. */
    void onError(final Throwable error) {
        config.errorHandler().onError(error);
    }
}
