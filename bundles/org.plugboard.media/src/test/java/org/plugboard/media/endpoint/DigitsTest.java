package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.Digits.Ending;
import org.plugboard.api.media.MediaEndpoint;

/** RFC 4733 digits sent by a real peer, collected with the real event loop's timers (waiting for the effect). */
class DigitsTest extends EndpointFixture {
    @Test
    void digitsWithRetransmittedEndPacketsAreCollectedOnceEachUpToTheTerminator() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0 101", 20);
        CompletionStage<Digits> collected = leg.collect(new DigitCollection(10, "#", Duration.ofSeconds(5),
                Duration.ofSeconds(5), true));
        int seq = 100;
        long ts = 8000;
        for (char d : "1231#".toCharArray()) {
            peer.digit(d, seq, ts); // two progress packets and three end packets each
            seq += 5;
            ts += 1600;
        }
        assertEquals(new Digits("1231", "#", Ending.TERMINATOR), await(collected), "each digit once, the repeat kept");
    }

    @Test
    void noDigitEndsWithNoInputAfterTheFirstDigitTimeout() throws Exception {
        MediaEndpoint leg = leg(peer(), "0 101", 20);
        long start = System.nanoTime();
        Digits d = await(leg.collect(new DigitCollection(4, "#", Duration.ofMillis(300), Duration.ofSeconds(5), true)));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(new Digits("", "", Ending.NO_INPUT), d);
        assertTrue(took >= 290 && took < 3000, "after about 300 ms: " + took);
    }

    @Test
    void someDigitsThenSilenceEndWithTheInterDigitTimeout() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0 101", 20);
        CompletionStage<Digits> collected = leg.collect(new DigitCollection(4, "#", Duration.ofSeconds(5),
                Duration.ofMillis(300), true));
        peer.digit('4', 1, 800);
        peer.digit('2', 6, 2400);
        assertEquals(new Digits("42", "", Ending.INTER_DIGIT_TIMEOUT), await(collected));
    }

    @Test
    void aDigitFromSignallingCountsLikeOneFromRtp() throws Exception {
        MediaEndpoint leg = leg(peer(), "0", 20); // no telephone-event offered: SIP INFO is the way
        CompletionStage<Digits> collected = leg.collect(DigitCollection.of(2));
        leg.receivedDigit('7');
        leg.receivedDigit('x'); // not a digit: ignored
        leg.receivedDigit('*');
        assertEquals(new Digits("7*", "", Ending.MAX_DIGITS), await(collected));
    }

    @Test
    void aDtmfFloodKeepsTheFirst64AndNothingBreaks() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0 101", 20);
        for (int i = 0; i < 200; i++) {
            peer.rtp(101, false, i, 1000L * i, 0xF100D, RtpPeer.dtmf(i % 10, true, 400));
        }
        Digits d = await(leg.collect(new DigitCollection(64, "", Duration.ofMillis(200), Duration.ofMillis(200), false)));
        assertEquals(64, d.digits().length());
        assertTrue(d.digits().startsWith("0123456789012"), d.digits());
        assertEquals(Ending.MAX_DIGITS, d.ending());
    }

    @Test
    void oneCollectionAtATime() throws Exception {
        MediaEndpoint leg = leg(peer(), "0 101", 20);
        CompletionStage<Digits> first = leg.collect(DigitCollection.of(4));
        assertInstanceOf(IllegalStateException.class, failure(leg.collect(DigitCollection.of(4))));
        leg.receivedDigit('#');
        assertEquals(Ending.TERMINATOR, await(first).ending());
    }

    @Test
    void cancellingACollectionStopsIt() throws Exception {
        MediaEndpoint leg = leg(peer(), "0 101", 20);
        leg.collect(DigitCollection.of(4)).toCompletableFuture().cancel(false);
        CompletionStage<Digits> next = leg.collect(DigitCollection.of(1));
        leg.receivedDigit('3');
        assertEquals("3", await(next).digits(), "the next collection may start at once");
    }
}
