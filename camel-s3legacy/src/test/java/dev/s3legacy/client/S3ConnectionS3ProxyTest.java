package dev.s3legacy.client;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.s3legacy.client.model.Bucket;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.ListEntry;
import dev.s3legacy.test.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every classic operation s3proxy implements, under V2 and V4, against a real signature-checking server. */
class S3ConnectionS3ProxyTest {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;

    @TempDir
    Path spoolDir;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private S3Connection connection(SignatureVersion version) {
        return new S3Connection(config(version).build());
    }

    private S3ClientConfig.Builder config(SignatureVersion version) {
        return S3ClientConfig.builder().credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .endpoint(server.endpoint()).signatureVersion(version).spoolDirectory(spoolDir)
                .retryBaseDelay(Duration.ofMillis(5));
    }

    private static String newBucket(S3Connection s3) {
        String bucket = "bucket-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        return bucket;
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void createListAndDeleteBuckets(SignatureVersion version) {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);

        assertThat(s3.listAllMyBuckets().getBuckets()).extracting(Bucket::getName).contains(bucket);
        assertThat(s3.getBucketLocation(bucket)).isEmpty();

        s3.deleteBucket(bucket);
        assertThat(s3.listAllMyBuckets().getBuckets()).extracting(Bucket::getName).doesNotContain(bucket);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void putGetHeadDeleteWithMetadata(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        String key = "dir/sub dir/ünïcødé +$&@=;,.txt";

        S3Response put = s3.put(bucket, key, RequestBody.ofString("hello, s3"), "text/plain",
                Map.of("color", "blue", "reviewedby", List.of("joe@example.com", "jane@example.com")));
        assertThat(put.eTag()).isEqualTo(md5Hex("hello, s3"));

        try (S3Response get = s3.get(bucket, key)) {
            assertThat(get.body().asString()).isEqualTo("hello, s3");
            assertThat(get.contentType()).isEqualTo("text/plain");
            assertThat(get.eTag()).isEqualTo(md5Hex("hello, s3"));
            assertThat(get.metadata()).containsEntry("color", List.of("blue"));
            assertThat(get.metadata()).containsEntry("reviewedby", List.of("joe@example.com,jane@example.com"));
        }
        S3Response head = s3.head(bucket, key);
        assertThat(head.contentLength()).isEqualTo(9);
        assertThat(head.body().length()).isZero();

        s3.delete(bucket, key);
        assertThatThrownBy(() -> s3.get(bucket, key)).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
        });
        assertThatThrownBy(() -> s3.head(bucket, key)).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
        });
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void uploadsFromFileAndStreamAndSpoolsLargeDownloads(SignatureVersion version) throws Exception {
        S3Connection s3 = new S3Connection(config(version).spoolThreshold(64 * 1024).build());
        String bucket = newBucket(s3);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        Path file = Files.write(spoolDir.resolve("upload.bin"), data);

        s3.put(bucket, "from-file", RequestBody.ofFile(file));
        s3.put(bucket, "from-stream", RequestBody.ofStream(Files.newInputStream(file), data.length));

        for (String key : List.of("from-file", "from-stream")) {
            Path spooled;
            try (S3Response get = s3.get(bucket, key)) {
                assertThat(get.body().isSpooled()).isTrue();
                spooled = get.body().file();
                assertThat(spooled.getParent()).isEqualTo(spoolDir);
                try (InputStream in = get.body().openStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                // a spooled body can be read again
                try (InputStream in = get.body().openStream()) {
                    assertThat(in.readAllBytes()).hasSize(data.length);
                }
            }
            assertThat(spooled).doesNotExist();
        }
        try (S3Response small = s3.get(bucket, "from-file")) {
            assertThat(small.body().length()).isEqualTo(data.length);
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void listsWithPrefixDelimiterAndPages(SignatureVersion version) {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(String.format("in/%03d.txt", i));
        }
        keys.addAll(List.of("in/sub/a.txt", "in/sub/b.txt", "out/x.txt"));
        keys.forEach(k -> s3.put(bucket, k, RequestBody.ofString(k)));

        ListBucketResponse first = s3.listBucket(bucket, "in/", null, 10, null);
        assertThat(first.getEntries()).hasSize(10);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.getNextMarker()).isEqualTo("in/009.txt");
        assertThat(first.getEntries().get(0).getSize()).isEqualTo("in/000.txt".length());
        assertThat(first.getEntries().get(0).getETag()).isEqualTo(md5Hex("in/000.txt"));
        assertThat(first.getEntries().get(0).getLastModified()).isBefore(Instant.now().plusSeconds(60));

        List<String> all = new ArrayList<>();
        for (ListBucketResponse page : s3.listBucketPages(bucket, "in/", 10, null)) {
            page.getEntries().stream().map(ListEntry::getKey).forEach(all::add);
        }
        assertThat(all).hasSize(27).doesNotHaveDuplicates().allMatch(k -> k.startsWith("in/"));

        ListBucketResponse oneLevel = s3.listBucket(bucket, "in/", null, null, "/");
        assertThat(oneLevel.getCommonPrefixes()).containsExactly("in/sub/");
        assertThat(oneLevel.getEntries()).hasSize(25);

        ListBucketResponse afterMarker = s3.listBucket(bucket, null, "in/sub/b.txt", null, null);
        assertThat(afterMarker.getEntries()).extracting(ListEntry::getKey).containsExactly("out/x.txt");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void objectAndBucketAcls(SignatureVersion version) {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        s3.put(bucket, "acl.txt", RequestBody.ofString("x"));

        String acl = s3.getAcl(bucket, "acl.txt");
        assertThat(acl).contains("AccessControlPolicy").contains("FULL_CONTROL");
        s3.putAcl(bucket, "acl.txt", acl.replace("</AccessControlList>",
                "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
                        + "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>"
                        + "<Permission>READ</Permission></Grant></AccessControlList>"));
        assertThat(s3.getAcl(bucket, "acl.txt")).contains("AllUsers");

        String bucketAcl = s3.getBucketAcl(bucket);
        assertThat(bucketAcl).contains("AccessControlPolicy");
        s3.putBucketAcl(bucket, bucketAcl);
        assertThat(s3.getBucketAcl(bucket)).contains("FULL_CONTROL");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void copyKeepsOrReplacesMetadata(SignatureVersion version) {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        String target = newBucket(s3);
        s3.put(bucket, "src key.txt", RequestBody.ofString("copy me"), "text/plain", Map.of("origin", "a"));

        assertThat(s3.copy(bucket, "src key.txt", target, "kept.txt", null).getETag()).isEqualTo(md5Hex("copy me"));
        s3.copy(bucket, "src key.txt", target, "replaced.txt", Map.of("origin", "b"));

        try (S3Response kept = s3.get(target, "kept.txt"); S3Response replaced = s3.get(target, "replaced.txt")) {
            assertThat(kept.body().asString()).isEqualTo("copy me");
            assertThat(kept.metadata()).containsEntry("origin", List.of("a"));
            assertThat(replaced.metadata()).containsEntry("origin", List.of("b"));
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void deleteObjectsRemovesEveryKey(SignatureVersion version) {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        List<String> keys = List.of("d/1", "d/2", "d/3");
        keys.forEach(k -> s3.put(bucket, k, RequestBody.ofString(k)));

        assertThat(s3.deleteObjects(bucket, keys).getErrors()).isEmpty();
        assertThat(s3.listBucket(bucket, "d/", null, null, null).getEntries()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void wrongSecretIsRejectedWithoutLeakingIt(SignatureVersion version) {
        String wrongSecret = "WrongSecretKeyValue/1234567890abcdefghijk";
        S3Connection s3 = new S3Connection(config(version).credentials(S3ProxyServer.ACCESS_KEY, wrongSecret).build());
        assertThatThrownBy(s3::listAllMyBuckets).isInstanceOfSatisfying(S3LegacyException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.getMessage()).doesNotContain(wrongSecret);
        });
        assertThat(s3.toString()).doesNotContain(wrongSecret);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void presignedUrlsWorkWithAPlainClientUntilTheyExpire(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        s3.put(bucket, "shared/report 1.txt", RequestBody.ofString("report"));
        QueryStringAuthGenerator generator = new QueryStringAuthGenerator(s3);
        HttpClient plain = HttpClient.newHttpClient();

        HttpResponse<String> got = plain.send(HttpRequest.newBuilder(URI.create(generator.get(bucket, "shared/report 1.txt"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("report");

        String putUrl = generator.put(bucket, "uploaded.txt");
        HttpResponse<String> put = plain.send(HttpRequest.newBuilder(URI.create(putUrl))
                .PUT(HttpRequest.BodyPublishers.ofString("via url")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        try (S3Response check = s3.get(bucket, "uploaded.txt")) {
            assertThat(check.body().asString()).isEqualTo("via url");
        }

        HttpResponse<String> list = plain.send(HttpRequest.newBuilder(
                URI.create(generator.listBucket(bucket, "shared/", null, 10, null))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("shared/report 1.txt"); // a pre-signed listing asks for plain keys

        String expired = generator.withExpiresIn(Duration.ofSeconds(1)).get(bucket, "shared/report 1.txt");
        Thread.sleep(2100);
        HttpResponse<String> denied = plain.send(HttpRequest.newBuilder(URI.create(expired)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void presignedUrlHasTheSchemesParameters(SignatureVersion version) {
        QueryStringAuthGenerator generator = new QueryStringAuthGenerator(connection(version));
        String url = generator.withExpiresIn(Duration.ofSeconds(300)).get("bucket-x", "k");
        if (version == SignatureVersion.V2) {
            assertThat(url).contains("AWSAccessKeyId=" + S3ProxyServer.ACCESS_KEY, "Expires=", "Signature=");
        } else {
            assertThat(url).contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Expires=300", "X-Amz-Signature=");
        }
        assertThat(url).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void anonymousReadOfPublicObject(SignatureVersion version) throws Exception {
        S3Connection s3 = connection(version);
        String bucket = newBucket(s3);
        s3.execute(S3Requests.put(bucket, "public.txt", RequestBody.ofString("open"), null, null).header("x-amz-acl", "public-read"));

        S3Connection anonymous = new S3Connection(S3ClientConfig.builder().endpoint(server.endpoint())
                .signatureVersion(version).build());
        try (S3Response r = anonymous.get(bucket, "public.txt")) {
            assertThat(r.body().asString()).isEqualTo("open");
        }
    }

    static String md5Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
