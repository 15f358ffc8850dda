package org.plugboard.api.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One side of a call terminated by the media engine (an IVR, voicemail, an announcement): the engine answers that
 * side's SDP with its own, speaking G.711 (PCMU or PCMA) with RFC 4733 telephone events, and plays, generates
 * tones, collects digits and records on it. Opened by {@link MediaGateway#endpoint}. Since 1.2.
 * <p>
 * The SDP methods are synchronous and short (they run on the engine's thread and return); the media operations
 * return at once and complete later, on an engine thread: never block in a dependent stage, hand longer work to
 * your own executor ({@code thenComposeAsync(..., executor)}). Cancelling the {@link CompletableFuture} an
 * operation returned stops it. One prompt or tone plays at a time (a new one stops the one playing), one collection
 * and one recording run at a time; a recording and a collection may run during a prompt.
 * <p>
 * Digits the peer sends are kept (up to 64) until a collection takes them, so a digit that interrupted a prompt is
 * the first one a following {@link #collect} sees, unless it flushes. {@link #close} stops everything: prompts,
 * tones and collections complete exceptionally with a {@link MediaException} ({@link MediaException.Kind#NO_SESSION}),
 * a recording completes normally with {@link Recording.Ending#CLOSED} once its file is written, and the ports go
 * back to the engine's pool.
 */
@ProviderType
public interface MediaEndpoint {
    /** Unique across engines. */
    String id();

    /** The call id given to {@link MediaGateway#endpoint}. */
    String callId();

    /** The side of the call this endpoint terminates (the caller's leg for an IVR). */
    Side side();

    /** The name of the engine holding it. */
    String engine();

    /**
     * The peer's offer (initial or a re-offer): returns the engine's answer. The first audio line with PCMU or PCMA
     * is accepted (the offer's order of preference decides), with telephone-event when offered and the offer's
     * ptime (10-60 ms, else 20); every other m-line is refused with port 0. A re-offer keeps the ports and, when
     * still offered, the codec; {@code sendonly}, {@code inactive} or {@code c=0.0.0.0} put the endpoint on hold
     * (prompts keep their time but send nothing).
     *
     * @param fromAddress IP address the offer's SIP message came from: media from it may latch; null if unknown
     * @param toAddress   IP address the answer is sent to: the engine advertises its address toward it
     * @throws MediaException {@link MediaException.Kind#BAD_SDP}, or {@link MediaException.Kind#NO_USABLE_MEDIA} when
     *                        no audio line offers PCMU or PCMA over RTP/AVP(F)
     */
    String answer(String offer, String fromAddress, String toAddress) throws MediaException;

    /**
     * The engine's own offer (the peer sent none: late offer, or to re-offer): PCMU, PCMA and telephone-event at
     * 20 ms. The peer's answer comes through {@link #answered}.
     */
    String offer(String toAddress) throws MediaException;

    /** The peer's answer to {@link #offer}: the codec is the first of PCMU/PCMA it names. */
    void answered(String answer, String fromAddress) throws MediaException;

    /**
     * {@link #answer} without blocking the caller (a remote engine answers by a round trip): completes with the
     * engine's answer or exceptionally with the {@link MediaException} {@link #answer} would throw. The default
     * wraps {@link #answer}. Since 1.3.
     */
    default CompletionStage<String> answerAsync(String offer, String fromAddress, String toAddress) {
        return MediaEndpoints.stage(() -> answer(offer, fromAddress, toAddress));
    }

    /** {@link #offer} without blocking the caller; see {@link #answerAsync}. Since 1.3. */
    default CompletionStage<String> offerAsync(String toAddress) {
        return MediaEndpoints.stage(() -> offer(toAddress));
    }

    /** {@link #answered} without blocking the caller; see {@link #answerAsync}. Since 1.3. */
    default CompletionStage<Void> answeredAsync(String answer, String fromAddress) {
        return MediaEndpoints.stage(() -> {
            answered(answer, fromAddress);
            return null;
        });
    }

    /** The negotiated law (PCMU or PCMA), or null before negotiation. */
    AudioEncoding encoding();

    /** The negotiated packet time in milliseconds (20 before negotiation). */
    int ptime();

    /**
     * Plays a WAV file: 8000 Hz mono G.711 u-law or A-law, or 16-bit linear PCM (encoded, and transcoded between the
     * laws when the file's differs from the leg's). Fails with a {@link MediaFileException} naming the file and the
     * fault for anything else (stereo, another rate, MP3, not a WAV).
     *
     * @param stopDigits digits that interrupt it (barge-in), e.g. {@link Digits#ALL}; empty: none
     */
    CompletionStage<Playback> play(Path wav, String stopDigits);

    /**
     * Generates a call-progress tone of a country profile.
     *
     * @param country    ISO 3166 code of the profile ({@code us}, {@code gb}, {@code de}, ...); an unknown one fails
     *                   with an {@link IllegalArgumentException} listing the known ones
     * @param length     how long to play; null: once through its cadence
     * @param stopDigits digits that interrupt it; empty: none
     */
    CompletionStage<Playback> tone(Tone tone, String country, Duration length, String stopDigits);

    /** Collects digits; see {@link DigitCollection}. */
    CompletionStage<Digits> collect(DigitCollection collection);

    /**
     * Records what the peer sends into {@code wav} (8000 Hz mono): written under a temporary name and moved into
     * place when it ends, so the file is either absent or complete. Gaps in the RTP timestamps become silence. A file
     * that cannot be written fails the stage with a {@link MediaFileException}.
     */
    CompletionStage<Recording> record(Path wav, Recording.Options options);

    /**
     * A digit that came by signalling (SIP INFO {@code application/dtmf-relay}, the fallback for peers without RFC
     * 4733): handled as one received as a telephone event. Anything but 0-9, *, #, A-D is ignored.
     */
    void receivedDigit(char digit);

    /** Stops everything and gives the ports back. Idempotent; never throws. */
    void close();

    /** True once {@link #close} ran (or the engine closed it). */
    boolean closed();
}
