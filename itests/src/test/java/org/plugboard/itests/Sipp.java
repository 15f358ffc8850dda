package org.plugboard.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real SIPp (Debian sip-tester) once against the PBX and keeps the messages it exchanged. */
public final class Sipp {
    private final File scenario;
    private final int pbxPort;
    private String localIp = "127.0.0.1";
    private int localPort = 0;
    private String user = "0";
    private String password = "";
    private int expires = 3600;
    private String expectFinal = "200";

    public record Result(int exitCode, String messages) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    Sipp(File scenario, int pbxPort) {
        this.scenario = scenario;
        this.pbxPort = pbxPort;
    }

    public Sipp from(String ip, int port) {
        this.localIp = ip;
        this.localPort = port;
        return this;
    }

    public Sipp user(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public Sipp expires(int seconds) {
        this.expires = seconds;
        return this;
    }

    /** The final status the scenario expects after the authenticated request. */
    public Sipp expect(int status) {
        this.expectFinal = Integer.toString(status);
        return this;
    }

    public Result run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sipp");
        Path sf = dir.resolve(scenario.getName());
        Files.writeString(sf, Files.readString(scenario.toPath(), StandardCharsets.ISO_8859_1)
                .replace("@FINAL@", expectFinal), StandardCharsets.ISO_8859_1);
        Path messages = dir.resolve("messages.log");
        List<String> cmd = new ArrayList<>(List.of("sipp", "127.0.0.1:" + pbxPort, "-sf", sf.toString(), "-m", "1",
                "-t", "u1", "-i", localIp, "-s", user, "-au", user, "-ap", password, "-key", "expires",
                Integer.toString(expires), "-timeout", "8s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file",
                messages.toString()));
        if (localPort > 0) {
            cmd.addAll(List.of("-p", Integer.toString(localPort)));
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("screen.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("SIPp did not finish in 30 s");
        }
        String log = Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
        return new Result(p.exitValue(), log);
    }
}
