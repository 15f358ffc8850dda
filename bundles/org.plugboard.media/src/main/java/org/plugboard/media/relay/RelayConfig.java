package org.plugboard.media.relay;

/**
 * Settings of the relay, read once per session when it opens (a change applies to new sessions).
 *
 * @param portMin              lowest port of the pool (rounded up to even: RTP even, RTCP odd)
 * @param portMax              highest port of the pool
 * @param bindAddress          address the relay sockets bind to; 0.0.0.0 for all
 * @param advertisedAddress    address put in c=/o= lines; empty: the local address that reaches the receiver
 * @param inactivityTimeoutSeconds no packet from any side for this long: {@code inactive} is reported; 0: off
 * @param latchAnyAddress      latch to a source of any IP, not only the SDP's or the signalling one
 * @param relatchAfterMillis   a latched source silent this long may be replaced by a new one (NAT rebinding)
 * @param threads              event loop threads; 0: one per core (applies when the gateway starts)
 * @param receiveBufferBytes   SO_RCVBUF of each socket; 0: the system default
 * @param sendBufferBytes      SO_SNDBUF of each socket; 0: the system default
 */
public record RelayConfig(int portMin, int portMax, String bindAddress, String advertisedAddress,
        int inactivityTimeoutSeconds, boolean latchAnyAddress, long relatchAfterMillis, int threads,
        int receiveBufferBytes, int sendBufferBytes) {

    public RelayConfig {
        if (portMin < 1 || portMax > 65535 || portMin + 1 > portMax) {
            throw new IllegalArgumentException("port range " + portMin + "-" + portMax
                    + " must lie in 1-65535 and hold at least one even/odd pair");
        }
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress.trim();
        advertisedAddress = advertisedAddress == null ? "" : advertisedAddress.trim();
        if (inactivityTimeoutSeconds < 0 || relatchAfterMillis < 0 || threads < 0 || receiveBufferBytes < 0
                || sendBufferBytes < 0) {
            throw new IllegalArgumentException("timeouts, threads and buffer sizes must not be negative");
        }
    }

    /** The defaults of the distribution: ports 20000-29999 on every address. */
    public static RelayConfig defaults() {
        return new RelayConfig(20000, 29999, "0.0.0.0", "", 60, false, 2000, 0, 0, 0);
    }

    public RelayConfig withPorts(int min, int max) {
        return new RelayConfig(min, max, bindAddress, advertisedAddress, inactivityTimeoutSeconds, latchAnyAddress,
                relatchAfterMillis, threads, receiveBufferBytes, sendBufferBytes);
    }

    public RelayConfig withBindAddress(String bind) {
        return new RelayConfig(portMin, portMax, bind, advertisedAddress, inactivityTimeoutSeconds, latchAnyAddress,
                relatchAfterMillis, threads, receiveBufferBytes, sendBufferBytes);
    }

    public RelayConfig withAdvertisedAddress(String advertised) {
        return new RelayConfig(portMin, portMax, bindAddress, advertised, inactivityTimeoutSeconds, latchAnyAddress,
                relatchAfterMillis, threads, receiveBufferBytes, sendBufferBytes);
    }

    public RelayConfig withInactivityTimeout(int seconds) {
        return new RelayConfig(portMin, portMax, bindAddress, advertisedAddress, seconds, latchAnyAddress,
                relatchAfterMillis, threads, receiveBufferBytes, sendBufferBytes);
    }

    public RelayConfig withLatchAnyAddress(boolean any) {
        return new RelayConfig(portMin, portMax, bindAddress, advertisedAddress, inactivityTimeoutSeconds, any,
                relatchAfterMillis, threads, receiveBufferBytes, sendBufferBytes);
    }

    public RelayConfig withRelatchAfterMillis(long millis) {
        return new RelayConfig(portMin, portMax, bindAddress, advertisedAddress, inactivityTimeoutSeconds,
                latchAnyAddress, millis, threads, receiveBufferBytes, sendBufferBytes);
    }

    public RelayConfig withThreads(int count) {
        return new RelayConfig(portMin, portMax, bindAddress, advertisedAddress, inactivityTimeoutSeconds,
                latchAnyAddress, relatchAfterMillis, count, receiveBufferBytes, sendBufferBytes);
    }

    /** Threads to start: the configured number, or one per core. */
    int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
