package dev.s3legacy.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spool files: none left behind by a failed write, flush or close; stale ones of a crashed JVM swept. */
class SpoolerTest {

    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dir;

    /** A real file channel whose writes or close can be made to fail, like a full or vanished disk. */
    private static final class FailingChannel implements WritableByteChannel {
        private final FileChannel file;
        private final boolean failWrites;
        private final boolean failClose;

        FailingChannel(Path path, boolean failWrites, boolean failClose) throws IOException {
            this.file = FileChannel.open(path, StandardOpenOption.WRITE);
            this.failWrites = failWrites;
            this.failClose = failClose;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (failWrites) {
                file.write(src.slice(src.position(), Math.min(10, src.remaining()))); // a partial write, then the disk is full
                throw new IOException("No space left on device");
            }
            return file.write(src);
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
            if (failClose) {
                throw new IOException("close failed (delayed write error)");
            }
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void aFailedLastFlushLeavesNoPartialSpoolFile() throws Exception {
        Spooler spooler = new Spooler(0, dir, path -> new FailingChannel(path, true, false));
        spooler.write(ByteBuffer.wrap(new byte[1000])); // staged; the file exists, nothing written yet
        assertThat(files()).hasSize(1);

        assertThatThrownBy(spooler::finish).isInstanceOf(IOException.class).hasMessageContaining("No space left");
        assertThat(files()).as("deleted by the failed finish itself").isEmpty();
        spooler.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void aFailedCloseOfTheSpoolFileLeavesNoFile() throws Exception {
        Spooler spooler = new Spooler(0, dir, path -> new FailingChannel(path, false, true));
        spooler.write(ByteBuffer.wrap(new byte[1000]));

        assertThatThrownBy(spooler::finish).isInstanceOf(IOException.class).hasMessageContaining("close failed");
        spooler.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void aFailedWriteDeletesTheSpoolFileAtOnce() throws Exception {
        Spooler spooler = new Spooler(0, dir, path -> new FailingChannel(path, true, false));
        ByteBuffer big = ByteBuffer.wrap(new byte[600 * 1024]); // more than the staging buffer: written while fed

        assertThatThrownBy(() -> spooler.write(big)).isInstanceOf(IOException.class);
        assertThat(files()).as("no partial file waits for the caller's close").isEmpty();
        assertThatThrownBy(() -> spooler.write(ByteBuffer.wrap(new byte[1]))).isInstanceOf(IOException.class);
        assertThatThrownBy(spooler::finish).isInstanceOf(IOException.class);
        spooler.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void aFinishedSpoolFileIsNamedForTheSweepAndKeptUntilItsBodyCloses() throws Exception {
        SpooledBody body;
        try (Spooler spooler = new Spooler(0, dir)) {
            spooler.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            body = spooler.finish();
        }
        assertThat(body.file().getFileName().toString()).matches("s3legacy-spool-\\d+\\.tmp");
        assertThat(body.bytes()).containsExactly(1, 2, 3);
        body.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void sweepStaleDeletesOnlyThisComponentsOldSpoolFiles() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(3));
        Path oldSpool = aged(Files.createFile(dir.resolve("s3legacy-spool-123456789.tmp")), old);
        Path oldSpoolOfAnOlderVersion = aged(Files.createFile(dir.resolve("s3legacy-987654321.tmp")), old);
        Path freshSpool = Files.createFile(dir.resolve("s3legacy-spool-42.tmp"));
        Path usersFile = aged(Files.createFile(dir.resolve("s3legacy-report.tmp")), old);
        Path usersOtherFile = aged(Files.createFile(dir.resolve("spool-1.tmp")), old);
        Path usersTxt = aged(Files.createFile(dir.resolve("s3legacy-spool-77.txt")), old);
        Path oldDirectory = aged(Files.createDirectory(dir.resolve("s3legacy-spool-5.tmp")), old);
        Path outside = aged(Files.createFile(Files.createDirectory(dir.resolve("elsewhere")).resolve("precious")), old);
        Path link = Files.createSymbolicLink(dir.resolve("s3legacy-spool-6.tmp"), outside);
        agedLink(link, old);

        assertThat(Spooler.sweepStale(dir, DAY)).isEqualTo(2);

        assertThat(oldSpool).doesNotExist();
        assertThat(oldSpoolOfAnOlderVersion).doesNotExist();
        assertThat(freshSpool).exists();
        assertThat(usersFile).exists();
        assertThat(usersOtherFile).exists();
        assertThat(usersTxt).exists();
        assertThat(oldDirectory).isDirectory();
        assertThat(Files.isSymbolicLink(link)).as("a link is never followed nor removed").isTrue();
        assertThat(outside).exists();
    }

    @Test
    void sweepStaleNeverFailsTheCaller() throws Exception {
        assertThat(Spooler.sweepStale(dir.resolve("missing"), DAY)).isZero();
        Path notADirectory = Files.createFile(dir.resolve("plain"));
        assertThat(Spooler.sweepStale(notADirectory, DAY)).isZero();
        assertThatThrownBy(() -> Spooler.sweepStale(dir, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("olderThan");
    }

    private static Path aged(Path path, Instant time) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(time));
        return path;
    }

    /** Sets the link's own time (not its target's), with the JDK where it can, else with touch -h. */
    private static void agedLink(Path link, Instant time) throws Exception {
        try {
            Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(time), null, null);
        } catch (IOException | UnsupportedOperationException e) {
            Process touch = new ProcessBuilder("touch", "-h", "-d", "@" + time.getEpochSecond(), link.toString())
                    .inheritIO().start();
            assertThat(touch.waitFor()).isZero();
        }
        assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant()).isBefore(Instant.now().minus(DAY));
    }
}
