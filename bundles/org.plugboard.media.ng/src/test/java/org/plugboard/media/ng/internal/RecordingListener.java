package org.plugboard.media.ng.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;

/** Keeps every event as text ("inactive", "failed: reason", "dtmf 5") for assertions. */
final class RecordingListener implements MediaListener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void dtmf(MediaSession session, DtmfEvent event) {
        events.add("dtmf " + event.digit());
    }

    @Override
    public void inactive(MediaSession session, long idleMillis) {
        events.add("inactive");
    }

    @Override
    public void failed(MediaSession session, String reason) {
        events.add("failed: " + reason);
    }

    String next(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }
}
