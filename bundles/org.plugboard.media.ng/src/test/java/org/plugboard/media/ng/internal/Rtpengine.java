package org.plugboard.media.ng.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real rtpengine daemon for a test class: started in the foreground, ready once it answers ping, always killed. */
final class Rtpengine implements AutoCloseable {
    static final String BINARY = "/usr/bin/rtpengine";

    private final Process process;
    private final Path log;
    private final Thread killer;

    private Rtpengine(Process process, Path log) {
        this.process = process;
        this.log = log;
        // a JVM that dies in the middle of the tests still takes the daemon with it
        this.killer = new Thread(process::destroyForcibly, "kill-rtpengine");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static boolean installed() {
        return new File(BINARY).canExecute();
    }

    /** Starts rtpengine with its ng socket on 127.0.0.1:{@code ngPort} and media ports in [portMin, portMax]. */
    static Rtpengine start(int ngPort, int portMin, int portMax, String... options) throws Exception {
        Path log = Files.createTempFile("rtpengine-", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(BINARY, "--foreground", "--table=-1", "--interface=127.0.0.1",
                "--listen-ng=127.0.0.1:" + ngPort, "--port-min=" + portMin, "--port-max=" + portMax, "--log-stderr",
                "--delete-delay=0", "--num-threads=2"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Rtpengine engine = new Rtpengine(p, log);
        try (NgTransport probe = new NgTransport("probe", Addresses.parse("127.0.0.1:" + ngPort, "probe"), 100, 0)) {
            for (int i = 0; i < 50; i++) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("rtpengine exited: " + engine.log());
                }
                try {
                    if (Ng.PONG.equals(probe.call(NgCommands.ping()).string(Ng.RESULT))) {
                        return engine;
                    }
                } catch (org.plugboard.api.media.MediaException e) {
                    // not listening yet
                }
            }
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
        engine.close();
        throw new IllegalStateException("rtpengine did not answer ping within 5 s: " + engine.log());
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
