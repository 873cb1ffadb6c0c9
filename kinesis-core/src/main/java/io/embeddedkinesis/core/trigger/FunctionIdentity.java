package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The function as its context and on-failure records describe it.
 *
 * @param name             the function's name.
 * @param arn              {@code arn:aws:lambda:<region>:<account>:function:<name>}.
 * @param instanceId       32 hex digits naming this run of the function, in its log stream name.
 * @param timeoutSeconds   the timeout its context counts down.
 * @param memorySizeInMB   the memory its context reports.
 * @param logger           its logger.
 */
record FunctionIdentity(String name, String arn, String instanceId, int timeoutSeconds, int memorySizeInMB,
    LambdaLogger logger) {
}
