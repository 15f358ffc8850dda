package org.plugboard.callback.internal;

import java.net.InetSocketAddress;

/** Where answers go: the listener's socket (a recording list in tests). Never blocks the caller. */
interface Replies {
    void send(InetSocketAddress to, String text);
}
