package org.plugboard.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;

/**
 * Reads a prompt: a RIFF/WAVE file, 8000 Hz mono, G.711 u-law (format 7), A-law (6) or 16-bit PCM (1), plain or
 * WAVE_FORMAT_EXTENSIBLE. Anything else fails with a {@link MediaFileException} naming the file, the fault and the
 * fix. Blocking file I/O: call it off the event loop.
 */
public final class WavReader {
    /** Larger prompts are refused: 16 MB is over half an hour of G.711. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    static final int FORMAT_PCM = 1;
    static final int FORMAT_ALAW = 6;
    static final int FORMAT_ULAW = 7;
    static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final String FIX = "; prompts must be WAV, 8000 Hz mono, G.711 u-law/A-law or 16-bit PCM "
            + "(convert: sox <in> -r 8000 -c 1 -e u-law <out>.wav)";

    private WavReader() {
    }

    public static Audio read(Path file) throws MediaException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw bad(file, "it is " + size + " bytes, more than the " + MAX_BYTES + " a prompt may have");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MediaFileException(file, "prompt " + file + " does not exist");
        } catch (IOException e) {
            throw new MediaFileException(file, "prompt " + file + " cannot be read: " + e, e);
        }
        return parse(file, bytes);
    }

    static Audio parse(Path file, byte[] bytes) throws MediaException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
            throw bad(file, "it is not a WAV file (" + guess(bytes) + ")");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int position = 12;
        while (position + 8 <= bytes.length) {
            String id = new String(bytes, position, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long length = b.getInt(position + 4) & 0xFFFFFFFFL;
            int body = position + 8;
            if ("fmt ".equals(id)) {
                if (length < 16 || body + 16 > bytes.length) {
                    throw bad(file, "its fmt chunk is truncated");
                }
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && length >= 40 && body + 26 <= bytes.length) {
                    format = b.getShort(body + 24) & 0xFFFF; // the sub-format GUID starts with the format code
                }
            } else if ("data".equals(id)) {
                if (format < 0) {
                    throw bad(file, "its data chunk comes before any fmt chunk");
                }
                AudioEncoding encoding = encoding(file, format, channels, rate, bits);
                // a writer that never finished leaves the length 0 or too long: take what is there
                long available = bytes.length - body;
                int take = (int) (length == 0 || length > available ? available : length);
                if (encoding == AudioEncoding.LINEAR16) {
                    take -= take % 2;
                }
                if (take == 0) {
                    throw bad(file, "it holds no audio");
                }
                return new Audio(encoding, Arrays.copyOfRange(bytes, body, body + take));
            }
            position = (int) Math.min(Integer.MAX_VALUE, body + length + (length % 2)); // chunks are word-aligned
        }
        throw bad(file, format < 0 ? "it has no fmt chunk" : "it has no data chunk");
    }

    private static AudioEncoding encoding(Path file, int format, int channels, int rate, int bits) throws MediaException {
        if (channels != 1) {
            throw bad(file, "it has " + channels + " channels" + (channels == 2 ? " (stereo)" : "") + ", not 1 (mono)");
        }
        if (rate != Audio.RATE) {
            throw bad(file, "its sample rate is " + rate + " Hz, not 8000 Hz");
        }
        switch (format) {
            case FORMAT_ULAW:
                return checkBits(file, AudioEncoding.PCMU, bits, 8);
            case FORMAT_ALAW:
                return checkBits(file, AudioEncoding.PCMA, bits, 8);
            case FORMAT_PCM:
                return checkBits(file, AudioEncoding.LINEAR16, bits, 16);
            default:
                throw bad(file, "its encoding is " + formatName(format) + ", not G.711 or 16-bit PCM");
        }
    }

    private static AudioEncoding checkBits(Path file, AudioEncoding e, int bits, int expected) throws MediaException {
        if (bits != expected) {
            throw bad(file, "it has " + bits + "-bit " + e + " samples, not " + expected + "-bit");
        }
        return e;
    }

    private static String formatName(int format) {
        return switch (format) {
            case 2 -> "MS ADPCM (2)";
            case 3 -> "32-bit float (3)";
            case 0x11 -> "IMA ADPCM (0x11)";
            case 0x31 -> "GSM 6.10 (0x31)";
            case 0x55 -> "MP3 (0x55)";
            default -> "format code " + format;
        };
    }

    /** What the bytes look like when they are not RIFF/WAVE. */
    private static String guess(byte[] bytes) {
        if (bytes.length == 0) {
            return "the file is empty";
        }
        if (bytes.length >= 3 && tag(bytes, 0, "ID3")
                || bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0) {
            return "it looks like MP3 audio";
        }
        if (bytes.length >= 4 && tag(bytes, 0, "OggS")) {
            return "it looks like Ogg audio";
        }
        if (bytes.length >= 4 && tag(bytes, 0, "fLaC")) {
            return "it looks like FLAC audio";
        }
        return "no RIFF/WAVE header";
    }

    private static boolean tag(byte[] bytes, int at, String tag) {
        for (int i = 0; i < tag.length(); i++) {
            if (at + i >= bytes.length || bytes[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static MediaFileException bad(Path file, String problem) {
        return new MediaFileException(file, "prompt " + file + " cannot be played: " + problem + FIX);
    }
}
