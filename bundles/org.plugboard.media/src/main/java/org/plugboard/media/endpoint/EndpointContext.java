package org.plugboard.media.endpoint;

import java.net.InetAddress;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.plugboard.media.audio.Tones;
import org.plugboard.media.relay.RelayConfig;

/**
 * What every terminated leg of an engine shares.
 *
 * @param engine     the engine's name
 * @param config     the relay's settings now (latching rules)
 * @param advertised the address to put in the SDP for a receiver ({@code toAddress} of the SDP methods)
 * @param io         the executor for file I/O (prompts, recordings)
 * @param prompts    prompts read once
 * @param tones      country tone profiles
 * @param closed     told when a leg closed
 */
record EndpointContext(String engine, Supplier<RelayConfig> config, Function<String, InetAddress> advertised,
        Executor io, PromptCache prompts, Tones tones, Consumer<LegEndpoint> closed) {
}
