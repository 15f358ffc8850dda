package org.plugboard.rest.internal;

/** Where resources put events of their own on the stream (progress of a click-to-call). Never blocks. */
@FunctionalInterface
public interface EventPublisher {
    void publish(String type, Object data);
}
