package org.plugboard.recording.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;

/** Real H2 databases in memory, configurations with defaults, and WAV files for the tests. */
public final class TestSupport {
    private TestSupport() {
    }

    public static JdbcDataSource h2() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db.setUser("sa");
        return db;
    }

    /** A configuration as SCR gives it: the defaults of the annotation, some replaced. */
    public static RecordingConfig config(Map<String, Object> values) {
        return (RecordingConfig) Proxy.newProxyInstance(RecordingConfig.class.getClassLoader(), new Class<?>[] {RecordingConfig.class},
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> RecordingConfig.class;
                        case "hashCode" -> 0;
                        case "equals" -> proxy == args[0];
                        default -> "RecordingConfig" + values;
                    };
                });
    }

    /**
     * A 16-bit PCM WAV at 8000 Hz with {@code dataBytes} of audio on disk and {@code headerBytes} in its header's data
     * size (less than on disk: a header not yet brought up to date; 0: never).
     */
    public static Path wav(Path file, int channels, int dataBytes, int headerBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + headerBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(8000)
                .putInt(8000 * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16);
        b.put("data".getBytes()).putInt(headerBytes);
        Files.createDirectories(file.getParent());
        Files.write(file, b.array());
        return file;
    }
}
