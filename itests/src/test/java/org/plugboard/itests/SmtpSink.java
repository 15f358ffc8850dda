package org.plugboard.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server for a test, small enough to run inside the Karaf probe (GreenMail there would need Jakarta Mail's
 * providers to be found through OSGi): it speaks EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT on 127.0.0.1 and
 * hands each mail over as received. A mail's MIME parts are read back without a mail library: the top-level multipart
 * split at its boundary, a base64 part decoded.
 */
final class SmtpSink implements AutoCloseable {
    /** One mail as the server took it. */
    record Mail(String from, List<String> to, String data) {
        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*(.*)$").matcher(headers(data));
            return m.find() ? m.group(1).trim() : null;
        }

        /** @return the body of the part whose Content-Type starts with {@code type}, decoded when base64, or null */
        byte[] part(String type) {
            Matcher b = Pattern.compile("boundary=\"?([^\";\\r\\n]+)\"?").matcher(headers(data));
            if (!b.find()) {
                return null;
            }
            for (String part : data.split(Pattern.quote("--" + b.group(1)))) {
                String p = part.replaceFirst("^\\r?\\n", "");
                int end = p.indexOf("\r\n\r\n");
                if (end < 0) {
                    continue;
                }
                String headers = p.substring(0, end);
                String body = p.substring(end + 4);
                if (headers.toLowerCase().matches("(?s).*content-type:\\s*" + Pattern.quote(type.toLowerCase()) + ".*")) {
                    return headers.toLowerCase().contains("base64") ? Base64.getMimeDecoder().decode(body.trim())
                            : body.getBytes(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        private static String headers(String data) {
            int end = data.indexOf("\r\n\r\n");
            return end < 0 ? data : data.substring(0, end);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Mail> mails = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    private SmtpSink(int port) throws IOException {
        server = new ServerSocket(port, 10, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(this::accept, "smtp-sink-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SmtpSink start(int port) throws IOException {
        return new SmtpSink(port);
    }

    /** @return the next mail, or fails after {@code millis} */
    Mail await(long millis) throws InterruptedException {
        Mail m = mails.poll(millis, TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no mail reached the SMTP server on port " + server.getLocalPort() + " within " + millis + " ms");
        }
        return m;
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                converse(s);
            } catch (IOException e) {
                // closed, or a client gone: take the next one
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        reply(out, "220 sink ESMTP");
        String from = null;
        List<String> to = new ArrayList<>();
        for (String line; (line = in.readLine()) != null;) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 sink");
                case "MAIL" -> {
                    from = line.substring(line.indexOf(':') + 1).trim();
                    to = new ArrayList<>();
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    to.add(line.substring(line.indexOf(':') + 1).trim());
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    for (String d; (d = in.readLine()) != null && !d.equals(".");) {
                        data.append(d.startsWith(".") ? d.substring(1) : d).append("\r\n");
                    }
                    mails.add(new Mail(from, List.copyOf(to), data.toString()));
                    reply(out, "250 OK queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 OK"); // RSET, NOOP
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join(5000);
    }
}
