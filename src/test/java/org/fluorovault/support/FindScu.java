package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.io.DicomReader;

/** dcmtk findscu with {@code -X}: the response identifiers it wrote, in order, and its output. */
public final class FindScu {
    public record Result(List<Attributes> responses, String output) {}

    private FindScu() {}

    /**
     * Runs {@code findscu -v OPTIONS -X} against 127.0.0.1:{@code port} in a new folder below
     * {@code dir}; {@code options} selects the model ({@code -P}, {@code -S}, {@code -W}) and
     * more; each key is passed with {@code -k}. Fails when findscu exits with an error.
     */
    public static Result run(Path dir, String calledAet, int port, List<String> options, String... keys)
            throws Exception {
        Peers.require("findscu");
        Path out = Files.createTempDirectory(dir, "find");
        List<String> cmd = new ArrayList<>(List.of("findscu", "-v"));
        cmd.addAll(options);
        cmd.addAll(List.of("-X", "-od", out.toString(), "-aec", calledAet, "127.0.0.1", Integer.toString(port)));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        Peers.Result r = Peers.run(out, 60, cmd);
        assertEquals(0, r.exitCode(), r.output());
        List<Attributes> rsp = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("rsp"))
                    .sorted()
                    .toList()) {
                try (InputStream in = Files.newInputStream(p);
                        DicomReader rd = new DicomReader(in, p)) {
                    rsp.add(rd.readFile(null));
                }
            }
        }
        return new Result(rsp, r.output());
    }
}
