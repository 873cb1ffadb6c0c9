package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.BrokerConfig;

/**
 * Sets what {@link EmbeddedKinesis}'s attributes do not, on the configuration of a test's broker:
 *
 * <pre>{@code
 * @EmbeddedKinesis(configurer = FastScaling.class)
 * class ScalingTest {
 *     static final class FastScaling implements BrokerConfigurer {
 *         public void configure(BrokerConfig.Builder config) {
 *             config.onDemandScaling(OnDemandScaling.DEFAULTS.withScaleUp(0.8, 10_000));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations need a constructor without arguments (it may be private); one instance is made for
 * each broker.
 */
@FunctionalInterface
public interface BrokerConfigurer {

    /**
     * Changes the configuration of a broker about to open. The directory and the clock are set afterwards,
     * by the extension: a test's broker always lives on its temporary directory and its {@link TestClock}.
     *
     * @param config the builder, with {@link EmbeddedKinesis}'s attributes applied.
     */
    void configure(BrokerConfig.Builder config);

    /**
     * Changes nothing: the default of {@link EmbeddedKinesis#configurer()}.
     */
    final class None implements BrokerConfigurer {
        /**
         * Made by the extension.
         */
        public None() {
        }

        @Override
        public void configure(final BrokerConfig.Builder config) {
            // Nothing to change: the annotation's attributes are the whole configuration.
        }
    }
}
