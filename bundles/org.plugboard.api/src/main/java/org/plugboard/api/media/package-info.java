/**
 * The media gateway: relays RTP/RTCP between the legs of a call, in process or on a remote engine (a Plugboard
 * media node or rtpengine, both driven by rtpengine's ng protocol). The call side hands over SDP offers and
 * answers and gets back the SDP to send on; no Netty or engine type crosses this package. Since 1.2 an engine may
 * also terminate a leg ({@link org.plugboard.api.media.MediaEndpoint}): play prompts and tones, collect digits,
 * record. Since 1.3 endpoints open and negotiate on completion stages
 * ({@link org.plugboard.api.media.MediaGateway#openEndpoint}), so a remote engine never blocks a call's thread.
 * Since 1.4 an engine may record calls ({@link org.plugboard.api.media.CallRecording}), mix conferences
 * ({@link org.plugboard.api.media.Conference}) and mix a third party into a call
 * ({@link org.plugboard.api.media.SessionMix}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.plugboard.api.media;
