package dev.s3legacy.client.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.s3legacy.client.model.ErrorDocument;

/**
 * Malformed, truncated, mutated and hostile documents: every parser either returns or throws
 * {@link S3XmlException}, {@link S3Xml#parseError(byte[])} never throws, and no entity is ever
 * resolved (a secret file's content, and /etc/passwd's, never shows in a result or message).
 */
class S3XmlHostileTest {

    private static final long SEED = 0x53_33_58_4D_4CL;
    private static final int FUZZED_DOCUMENTS = 2000;
    private static final Map<String, Function<InputStream, Object>> PARSERS = S3XmlSamples.streamParsers();

    /** Fragments worth splicing into a document: markup, entities, DTD pieces, odd numbers. */
    private static final String[] TOKENS = {"<", ">", "&", "&amp;", "&#0;", "&#x110000;", "&#65;", "]]>", "<![CDATA[x",
        "<!--", "-->", "<?pi x?>", "<?xml version=\"1.0\"?>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
        "&e;", "</", "<Contents>", "</Contents>", "<Error>", "</Error>", "<Key>", "</Key>", "<Size>-1</Size>",
        "<Size>99999999999999999999</Size>", "<IsTruncated>yes</IsTruncated>", "\"", "'", "\u0000", "\uFFFF",
        "\uD83D\uDE00", "xmlns:a=\"\"", "<a:b>", "<LastModified>2009-13-45T99:00:00Z</LastModified>"};

    @TempDir
    Path tempDir;

    private Path secretFile;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void writeSecrets() throws IOException {
        secretFile = tempDir.resolve("secret.txt");
        String secret = "S3XML-SECRET-" + System.nanoTime();
        Files.writeString(secretFile, secret);
        secrets.add(secret);
        Path passwd = Path.of("/etc/passwd");
        if (Files.isReadable(passwd)) {
            Files.readAllLines(passwd).stream().filter(line -> line.length() > 8).forEach(secrets::add);
        }
    }

    @Test
    void fuzzedSamplesEitherParseOrFailWithS3XmlException() {
        Random random = new Random(SEED);
        int parsed = 0;
        int failed = 0;
        for (int i = 0; i < FUZZED_DOCUMENTS; i++) {
            String sample = S3XmlSamples.ALL[random.nextInt(S3XmlSamples.ALL.length)];
            byte[] doc = sample.getBytes(UTF_8);
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                doc = mutate(random, doc);
            }
            int ok = parseWithEveryParser("fuzzed document #" + i, doc);
            parsed += ok;
            failed += PARSERS.size() - ok;
        }
        // both outcomes must have been exercised, or the fuzzing proves nothing
        assertThat(parsed).isGreaterThan(20);
        assertThat(failed).isGreaterThan(FUZZED_DOCUMENTS);
    }

    @Test
    void xxeSystemEntityIsRefusedAndNoFileIsRead() {
        for (String target : List.of("file:///etc/passwd", secretFile.toUri().toString())) {
            for (String root : List.of("ListBucketResult", "Error", "CompleteMultipartUploadResult")) {
                String doc = "<?xml version=\"1.0\"?><!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + target
                        + "\">]><" + root + "><Name>&xxe;</Name><Code>&xxe;</Code><Key>&xxe;</Key></" + root + ">";
                assertThat(assertEveryParserFails(doc, "DOCTYPE").getFields()).isEmpty();
            }
        }
    }

    @Test
    void parameterEntityXxeIsRefused() {
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY % p SYSTEM \"" + secretFile.toUri()
                + "\"> %p;]><Error><Code>x</Code></Error>";

        assertThat(assertEveryParserFails(doc, "DOCTYPE").getFields()).isEmpty();
    }

    @Test
    void externalDtdAndEntitiesAreNeverFetched() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(assertEveryParserFails("<?xml version=\"1.0\"?><!DOCTYPE Error SYSTEM \"" + base
                    + "/evil.dtd\"><Error><Code>x</Code></Error>", "DOCTYPE").getFields()).isEmpty();
            assertThat(assertEveryParserFails("<!DOCTYPE Error [<!ENTITY e SYSTEM \"" + base
                    + "/e\">]><Error><Code>&e;</Code></Error>", "DOCTYPE").getFields()).isEmpty();
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void billionLaughsFailsAtOnceWithoutExpanding() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doc.append("]><Error><Code>&lol9;</Code></Error>");

        ErrorDocument error = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertEveryParserFails(doc.toString(), "DOCTYPE"));
        assertThat(error.getFields()).isEmpty();
    }

    @Test
    void undeclaredEntityReferenceFails() {
        assertThat(assertEveryParserFails("<Error><Code>&xxe;</Code></Error>", "xxe").getFields()).isEmpty();
    }

    @Test
    void htmlGatewayPageFailsAndReadsAsAnEmptyError() {
        assertThat(assertEveryParserFails("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 "
                + "Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "root element is <html>")
                .getFields()).isEmpty();
        assertThat(assertEveryParserFails("<!DOCTYPE html><html><body><p>Bad Gateway<br></body></html>", "DOCTYPE")
                .getFields()).isEmpty();
    }

    @Test
    void emptyAndBlankBodiesFailAndReadAsEmptyErrors() {
        assertThat(assertEveryParserFails("", "").getFields()).isEmpty();
        assertThat(assertEveryParserFails(" \r\n\t ", "").getFields()).isEmpty();
        assertThat(S3Xml.parseError(null).getFields()).isEmpty();
    }

    @Test
    void oneMebibyteOfGarbageFails() {
        byte[] garbage = new byte[1 << 20];
        new Random(SEED).nextBytes(garbage);
        garbage[0] = '<';

        assertThat(assertEveryParserFails(garbage, "").getFields()).isEmpty();
    }

    @Test
    void invalidUtf8FailsAndParseErrorReadsItWithAReplacementCharacter() {
        byte[] badUtf8 = "<Error><Code>ab</Code></Error>".getBytes(UTF_8);
        badUtf8[13] = (byte) 0xC3; // a lead byte followed by '(' instead of a continuation byte
        badUtf8[14] = (byte) 0x28;

        ErrorDocument error = assertEveryParserFails(badUtf8, "MalformedInputException");

        assertThat(error.getCode()).isEqualTo("\uFFFD(");
    }

    @Test
    void deeplyNestedElementsFailEarlyAndParseErrorKeepsWhatCameBefore() {
        String doc = "<Error><Code>Deep</Code>" + "<a>".repeat(100_000);

        ErrorDocument error = assertEveryParserFails(doc, "deeper than " + XmlWalker.MAX_DEPTH);

        assertThat(error.getFields()).containsOnlyKeys("Code").containsEntry("Code", "Deep");
    }

    @Test
    void truncatedErrorKeepsTheFieldsReadBeforeTheCut() {
        String doc = S3XmlSamples.ERROR_NO_SUCH_KEY;
        byte[] cut = doc.substring(0, doc.indexOf("4442587F")).getBytes(UTF_8);

        ErrorDocument error = S3Xml.parseError(cut);

        assertThat(error.getCode()).isEqualTo("NoSuchKey");
        assertThat(error.getResource()).isEqualTo("/mybucket/myfoto.jpg");
        assertThat(error.getRequestId()).isNull();
    }

    /** Runs every parser; each returns or throws S3XmlException, parseError returns. Counts the returns. */
    private int parseWithEveryParser(String label, byte[] doc) {
        int parsed = 0;
        for (Map.Entry<String, Function<InputStream, Object>> parser : PARSERS.entrySet()) {
            try {
                assertNoSecret(parser.getValue().apply(new ByteArrayInputStream(doc)));
                parsed++;
            } catch (S3XmlException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                assertNoSecret(expected.getMessage());
            } catch (Throwable other) {
                fail(parser.getKey() + " threw " + other + " on " + label + ": " + show(doc), other);
            }
        }
        try {
            assertNoSecret(S3Xml.parseError(doc));
        } catch (Throwable other) {
            fail("parseError threw " + other + " on " + label + ": " + show(doc), other);
        }
        return parsed;
    }

    private ErrorDocument assertEveryParserFails(String doc, String messagePart) {
        return assertEveryParserFails(doc.getBytes(UTF_8), messagePart);
    }

    /**
     * Every stream parser fails with exactly S3XmlException saying messagePart and nothing secret;
     * returns what parseError read of the same document (nothing secret either).
     */
    private ErrorDocument assertEveryParserFails(byte[] doc, String messagePart) {
        for (Map.Entry<String, Function<InputStream, Object>> parser : PARSERS.entrySet()) {
            assertThatThrownBy(() -> parser.getValue().apply(new ByteArrayInputStream(doc)))
                    .as(parser.getKey())
                    .isExactlyInstanceOf(S3XmlException.class)
                    .hasMessageContaining(messagePart)
                    .satisfies(e -> assertNoSecret(e.getMessage()));
        }
        ErrorDocument error = S3Xml.parseError(doc);
        assertNoSecret(error);
        return error;
    }

    private void assertNoSecret(Object result) {
        String text = String.valueOf(result);
        for (String secret : secrets) {
            if (text.contains(secret)) { // plain loop: this runs some 500,000 times in the fuzz
                fail("file content " + secret + " leaked into " + text);
            }
        }
    }

    private static byte[] mutate(Random random, byte[] doc) {
        if (doc.length == 0) {
            return token(random);
        }
        int at = random.nextInt(doc.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length + 64);
        switch (random.nextInt(6)) {
            case 0 -> out.write(doc, 0, at); // truncate
            case 1 -> { // delete a short run
                out.write(doc, 0, at);
                int end = Math.min(doc.length, at + 1 + random.nextInt(20));
                out.write(doc, end, doc.length - end);
            }
            case 2 -> { // insert random bytes
                out.write(doc, 0, at);
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                out.writeBytes(noise);
                out.write(doc, at, doc.length - at);
            }
            case 3 -> { // insert a markup token
                out.write(doc, 0, at);
                out.writeBytes(token(random));
                out.write(doc, at, doc.length - at);
            }
            case 4 -> { // flip one bit
                byte[] copy = doc.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                out.writeBytes(copy);
            }
            default -> { // duplicate a slice
                int end = Math.min(doc.length, at + 1 + random.nextInt(80));
                out.write(doc, 0, end);
                out.write(doc, at, doc.length - at);
            }
        }
        return out.toByteArray();
    }

    private static byte[] token(Random random) {
        return TOKENS[random.nextInt(TOKENS.length)].getBytes(UTF_8);
    }

    private static String show(byte[] doc) {
        String text = new String(doc, UTF_8);
        return XmlText.escaped(text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
    }
}
