package io.embeddedkinesis.core.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds repeated {@link KinesisStream} declarations; Java writes it for them, so tests need not.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface KinesisStreams {

    /**
     * The declarations, in the order they were written.
     *
     * @return the declarations.
     */
    KinesisStream[] value();
}
