package org.plugboard.callback.internal;

import java.util.List;
import java.util.Map;

/** What the console shows of the call-back service (a service of this bundle only, not exported). */
public interface CallbackStatus {
    /**
     * @param listening e.g. "127.0.0.1:5080", "off (port 0)" or "bind failed: ..."
     * @param allowed the allowed addresses, empty for any
     * @param invalid entries of allowedAddresses that are no IP address
     */
    record Status(String listening, List<String> allowed, List<String> invalid, int maxDatagramBytes, int requestsPerSecond,
            int answerTimeout, int maxLive, Map<String, Long> counters) {
    }

    Status status();
}
