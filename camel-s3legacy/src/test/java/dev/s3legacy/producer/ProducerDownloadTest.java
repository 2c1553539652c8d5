package dev.s3legacy.producer;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.s3legacy.S3LegacyBody;
import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.SignatureVersion;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads through routes: a spooled object written with {@code to("file:...")} is moved into place (no
 * copy) on the same file system and copied across file systems, leaving nothing in the spool directory;
 * with spoolDownloads=false the body is the network stream.
 */
class ProducerDownloadTest extends S3ProxyRouteTestSupport {

    private static final SignatureVersion V = SignatureVersion.V4;

    @TempDir
    Path spool;
    @TempDir
    Path target;

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(in.readAllBytes());
        return HexFormat.of().formatHex(d.digest());
    }

    /** get, then to("file:dir"); records whether the written file is the spool file itself (same inode). */
    private Exchange getToFile(String bucket, Path dir, AtomicReference<Boolean> sameFile) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to-file").to(uri(V, bucket, "operation=get&downloadPartSize=65536&spoolDirectory=" + spool))
                        .to("file:" + dir)
                        .process(x -> {
                            File spooled = x.getMessage().getBody(S3LegacyBody.class).getFile();
                            Path written = dir.resolve(x.getMessage().getHeader(Exchange.FILE_NAME, String.class));
                            sameFile.set(Files.isSameFile(spooled.toPath(), written));
                        });
            }
        });
        return template.send("direct:to-file", x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin");
            x.getMessage().setHeader(Exchange.FILE_NAME, "big.bin");
        });
    }

    @Test
    void aSpooledObjectIsMovedIntoPlaceNotCopiedAndNothingStaysInTheSpoolDirectory() throws Exception {
        String bucket = newBucket(V);
        byte[] bytes = data(300_000);
        put(V, bucket, "big.bin", bytes);
        AtomicReference<Boolean> sameFile = new AtomicReference<>();

        Exchange e = getToFile(bucket, target, sameFile);

        assertThat(e.getException()).isNull();
        assertThat(sameFile.get()).as("the target is the spooled file itself: renamed, not copied").isTrue();
        assertThat(files(target)).containsExactly(target.resolve("big.bin"));
        try (InputStream in = Files.newInputStream(target.resolve("big.bin"))) {
            assertThat(sha256(in)).isEqualTo(sha256(new ByteArrayInputStream(bytes)));
        }
        assertThat(files(spool)).as("nothing left in the spool directory").isEmpty();
    }

    @Test
    void theBodyStaysReadableAfterTheMoveForASecondFileWrite() throws Exception {
        String bucket = newBucket(V);
        byte[] bytes = data(200_000);
        put(V, bucket, "big.bin", bytes);
        Path second = target.resolve("second");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:twice").to(uri(V, bucket, "operation=get&spoolDirectory=" + spool))
                        .to("file:" + target).to("file:" + second);
            }
        });
        Exchange e = template.send("direct:twice", x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin");
            x.getMessage().setHeader(Exchange.FILE_NAME, "big.bin");
        });
        assertThat(e.getException()).isNull();
        assertThat(Files.readAllBytes(target.resolve("big.bin"))).isEqualTo(bytes);
        assertThat(Files.readAllBytes(second.resolve("big.bin"))).isEqualTo(bytes);
        assertThat(files(spool)).isEmpty();
    }

    @Test
    void noLocalWorkFileIsNamedUntilAFileProducerAsksSoAReplacedBodyIsWhatIsWritten() throws Exception {
        String bucket = newBucket(V);
        put(V, bucket, "big.bin", data(200_000));
        AtomicReference<Object> headerAfterGet = new AtomicReference<>("unset");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:replaced").to(uri(V, bucket, "operation=get&spoolDirectory=" + spool))
                        // an FTP producer would upload a named local work file instead of the body: none may be named here
                        .process(x -> headerAfterGet.set(x.getMessage().getHeader(Exchange.FILE_LOCAL_WORK_PATH)))
                        .setBody(constant("replaced"))
                        .to("file:" + target);
            }
        });
        Exchange e = template.send("direct:replaced", x -> {
            x.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin");
            x.getMessage().setHeader(Exchange.FILE_NAME, "big.bin");
        });
        assertThat(e.getException()).isNull();
        assertThat(headerAfterGet.get()).isNull();
        assertThat(Files.readString(target.resolve("big.bin"))).isEqualTo("replaced");
        assertThat(files(spool)).isEmpty();
    }

    @Test
    void acrossFileSystemsTheObjectIsCopiedAndNothingStaysInTheSpoolDirectory() throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no tmpfs at /dev/shm");
        FileStore spoolStore = Files.getFileStore(spool);
        Assumptions.assumeTrue(!Files.getFileStore(shm).equals(spoolStore), "/dev/shm is on the spool's file system");
        Path other = Files.createTempDirectory(shm, "s3legacy-handoff-test");
        try {
            String bucket = newBucket(V);
            byte[] bytes = data(300_000);
            put(V, bucket, "big.bin", bytes);
            AtomicReference<Boolean> sameFile = new AtomicReference<>();

            Exchange e = getToFile(bucket, other, sameFile);

            assertThat(e.getException()).isNull();
            assertThat(sameFile.get()).as("another file system: a copy").isFalse();
            assertThat(files(other)).containsExactly(other.resolve("big.bin"));
            assertThat(Files.readAllBytes(other.resolve("big.bin"))).isEqualTo(bytes);
            assertThat(files(spool)).as("nothing left in the spool directory").isEmpty();
        } finally {
            try (Stream<Path> s = Files.list(other)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(other);
        }
    }

    @Test
    void unspooledTheBodyIsTheNetworkStreamReadOnce() throws Exception {
        String bucket = newBucket(V);
        byte[] bytes = data(3_000_000);
        put(V, bucket, "big.bin", bytes);
        AtomicReference<Object> body = new AtomicReference<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // stream caching would copy the stream into Camel's own cache: off for this route, as the guide says
                from("direct:stream").streamCache("false")
                        .to(uri(V, bucket, "operation=get&spoolDownloads=false&spoolDirectory=" + spool))
                        .process(x -> {
                            body.set(x.getMessage().getBody());
                            assertThat(files(spool)).as("nothing spooled").isEmpty();
                        })
                        .convertBodyTo(byte[].class);
            }
        });
        Exchange e = template.send("direct:stream", x -> x.getMessage().setHeader(S3LegacyConstants.KEY, "big.bin"));
        assertThat(e.getException()).isNull();
        assertThat(body.get()).isInstanceOf(InputStream.class).isNotInstanceOf(StreamCache.class);
        assertThat(e.getMessage().getBody(byte[].class)).isEqualTo(bytes);
        assertThat(e.getMessage().getHeader(S3LegacyConstants.CONTENT_LENGTH)).isEqualTo((long) bytes.length);
    }
}
