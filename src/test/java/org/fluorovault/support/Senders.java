package org.fluorovault.support;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.fluorovault.tools.SendCommand;

/** Runs FluoroVault's own sender (the {@code send} command) from tests. */
public final class Senders {
    private Senders() {}

    /** Sends the files or folders to 127.0.0.1:port, AE title {@code calledAet}; returns the summary. */
    public static SendCommand.Summary send(int port, String calledAet, Path... files) throws Exception {
        SendCommand cmd = new SendCommand(System.out);
        new picocli.CommandLine(cmd)
                .parseArgs(Stream.concat(
                                Stream.of(
                                        "--host",
                                        "127.0.0.1",
                                        "--port",
                                        Integer.toString(port),
                                        "--called-aet",
                                        calledAet,
                                        "--no-progress"),
                                Stream.of(files).map(Path::toString))
                        .toArray(String[]::new));
        return cmd.send();
    }
}
