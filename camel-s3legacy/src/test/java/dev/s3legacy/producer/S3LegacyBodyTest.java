package dev.s3legacy.producer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.s3legacy.S3LegacyBody;
import dev.s3legacy.client.SpooledBody;
import dev.s3legacy.client.Spooler;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The get body: a stream cache over memory or a spooled file, re-readable from the start. */
class S3LegacyBodyTest {

    @TempDir
    Path dir;

    private SpooledBody spooled(String text, long threshold) throws Exception {
        try (InputStream in = new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            return Spooler.spool(in, threshold, dir);
        }
    }

    @Test
    void afterCloseTheNextReadStartsOverAndPositionAndAvailableSaySo() throws Exception {
        S3LegacyBody body = new S3LegacyBody(spooled("0123456789", 4));
        assertThat(body.inMemory()).isFalse();
        assertThat(body.readAllBytes()).hasSize(10);
        assertThat(body.position()).isEqualTo(10);
        assertThat(body.available()).isZero();
        // Camel's converters close a stream they read; the body is still whole for the next reader
        body.close();
        assertThat(body.position()).isZero();
        assertThat(body.available()).isEqualTo(10);
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
        assertThat(body.available()).isZero();
    }

    @Test
    void resetCopyAndWriteToEachSeeAllBytes() throws Exception {
        S3LegacyBody body = new S3LegacyBody(spooled("abcdef", 1_000));
        assertThat(body.inMemory()).isTrue();
        assertThat(body.read()).isEqualTo('a');
        body.reset();
        assertThat(body.position()).isZero();
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abcdef");

        CamelContext camel = new DefaultCamelContext();
        Exchange exchange = new DefaultExchange(camel);
        S3LegacyBody copy = (S3LegacyBody) body.copy(exchange);
        assertThat(copy.position()).isZero();
        assertThat(new String(copy.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abcdef");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        body.writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("abcdef");
        assertThat(body.length()).isEqualTo(6);
    }

    @Test
    void closingTheStreamKeepsTheFileClosingTheSpooledBodyDeletesIt() throws Exception {
        SpooledBody spooled = spooled("x".repeat(100), 10);
        S3LegacyBody body = new S3LegacyBody(spooled);
        body.readAllBytes();
        body.close();
        assertThat(spooled.file()).exists();
        spooled.close();
        assertThat(spooled.file()).doesNotExist();
        assertThat(Files.list(dir)).isEmpty();
    }
}
