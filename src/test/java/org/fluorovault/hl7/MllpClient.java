package org.fluorovault.hl7;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An MLLP client (0x0B message 0x1C 0x0D) over TCP or a given socket, and the ER7 templates in test resources. */
final class MllpClient implements Closeable {
    private final Socket socket;

    MllpClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
    }

    /** Over a socket already connected (a TLS socket, for instance). */
    MllpClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(20_000);
    }

    /** Sends one framed message and returns the framed answer (its content). */
    Ack send(String er7) throws IOException {
        writeRaw(frame(er7.getBytes(StandardCharsets.UTF_8)));
        return read();
    }

    void writeRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next framed answer; null when the server closed the connection. */
    Ack read() throws IOException {
        InputStream in = socket.getInputStream();
        int b;
        while ((b = in.read()) != 0x0B) {
            if (b < 0) return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1C) {
            if (b < 0) return null;
            out.write(b);
        }
        if (in.read() != 0x0D) throw new IOException("answer frame not ended by 0x1C 0x0D");
        return new Ack(out.toString(StandardCharsets.UTF_8));
    }

    static byte[] frame(byte[] content) {
        byte[] f = new byte[content.length + 3];
        f[0] = 0x0B;
        System.arraycopy(content, 0, f, 1, content.length);
        f[f.length - 2] = 0x1C;
        f[f.length - 1] = 0x0D;
        return f;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * The test message {@code name} from src/test/resources/hl7 with its ${KEY} placeholders
     * replaced (pairs of key, value), segments separated by CR.
     */
    static String message(String name, String... keyValues) throws IOException {
        String text;
        try (InputStream in = MllpClient.class.getResourceAsStream("/hl7/" + name)) {
            if (in == null) throw new IOException("no test message " + name);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) values.put(keyValues[i], keyValues[i + 1]);
        for (var e : values.entrySet()) text = text.replace("${" + e.getKey() + "}", e.getValue());
        if (text.contains("${")) throw new IllegalArgumentException("unfilled placeholder in " + name + ": " + text);
        return text.strip().replace("\n", "\r");
    }

    /** An ACK's segments and the fields the tests look at. */
    record Ack(String text) {
        String field(String segment, int n) {
            for (String seg : text.split("\r")) {
                if (seg.startsWith(segment + "|")) {
                    String[] f = seg.split("\\|", -1);
                    return n < f.length ? f[n] : "";
                }
            }
            return null;
        }

        String code() {
            return field("MSA", 1);
        }

        String controlId() {
            return field("MSA", 2);
        }

        /** MSA-3 with the HL7 escapes (\\F\\ \\S\\ \\T\\ \\R\\ \\E\\) undone. */
        String message() {
            return unescape(field("MSA", 3));
        }

        static String unescape(String s) {
            return s == null
                    ? null
                    : s.replace("\\F\\", "|")
                            .replace("\\S\\", "^")
                            .replace("\\T\\", "&")
                            .replace("\\R\\", "~")
                            .replace("\\E\\", "\\");
        }

        /** ERR-3.1, the HL7 table 0357 code. */
        String errorCode() {
            String e = field("ERR", 3);
            return e == null ? null : e.split("\\^")[0];
        }
    }
}
