import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk's durable ceiling for the ingest benchmark: writes the bytes of every file in SRC to
 * OUT the way a durable receiver must (write to a temporary file, fsync, rename into a folder,
 * fsync the folder), with nothing else: no network, no parsing, no hashing, no index. Prints the
 * seconds taken. Files are read into memory first, so only the writes are timed.
 *
 *   java src/bench/DiskCeiling.java SRC OUT
 */
public class DiskCeiling {
    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]), out = Path.of(args[1]);
        List<byte[]> data = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(src, "*.dcm")) {
            for (Path p : ds) data.add(Files.readAllBytes(p));
        }
        Path tmp = Files.createDirectories(out.resolve("tmp")), dir = Files.createDirectories(out.resolve("objects"));
        long t0 = System.nanoTime();
        for (int i = 0; i < data.size(); i++) {
            Path part = tmp.resolve(i + ".part");
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bb = ByteBuffer.wrap(data.get(i));
                while (bb.hasRemaining()) ch.write(bb);
                ch.force(true);
            }
            Files.move(part, dir.resolve(i + ".dcm"), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
        System.out.printf("%.6f%n", (System.nanoTime() - t0) / 1e9);
    }
}
