package dev.s3legacy.client.xml;

import static dev.s3legacy.client.xml.S3XmlSamples.stream;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.s3legacy.client.model.Bucket;
import dev.s3legacy.client.model.CompleteMultipartUploadResult;
import dev.s3legacy.client.model.CopyObjectResult;
import dev.s3legacy.client.model.DeleteError;
import dev.s3legacy.client.model.DeleteResult;
import dev.s3legacy.client.model.ErrorDocument;
import dev.s3legacy.client.model.InitiateMultipartUploadResult;
import dev.s3legacy.client.model.ListAllMyBucketsResponse;
import dev.s3legacy.client.model.ListBucketResponse;
import dev.s3legacy.client.model.ListEntry;
import dev.s3legacy.client.model.Owner;
import dev.s3legacy.client.model.PartETag;

class S3XmlTest {

    private static final Owner MTD = new Owner("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a",
            "mtd@amazon.com");

    // --- ListObjects (V1)

    @Test
    void listObjectsSampleReadsEveryField() {
        ListBucketResponse list = S3Xml.parseListBucket(stream(S3XmlSamples.LIST_OBJECTS));

        assertThat(list.getName()).isEqualTo("bucket");
        assertThat(list.getPrefix()).isEmpty();
        assertThat(list.getMarker()).isEmpty();
        assertThat(list.getDelimiter()).isNull();
        assertThat(list.getMaxKeys()).isEqualTo(1000);
        assertThat(list.isTruncated()).isFalse();
        assertThat(list.getNextMarker()).isNull();
        assertThat(list.getCommonPrefixes()).isEmpty();
        assertThat(list.getEntries()).containsExactly(
                new ListEntry("my-image.jpg", Instant.parse("2009-10-12T17:50:30Z"),
                        "fba9dede5f27731c9771645a39863328", 434234, "STANDARD", MTD),
                new ListEntry("my-third-image.jpg", Instant.parse("2009-10-12T17:50:30Z"),
                        "1b2cf535f27731c974343645a3985328", 64994, "STANDARD_IA", MTD));
    }

    @Test
    void listWithDelimiterReadsCommonPrefixesAndTheServersNextMarker() {
        ListBucketResponse list = S3Xml.parseListBucket(stream(S3XmlSamples.LIST_WITH_DELIMITER));

        assertThat(list.getPrefix()).isEqualTo("photos/2006/");
        assertThat(list.getDelimiter()).isEqualTo("/");
        assertThat(list.isTruncated()).isTrue();
        assertThat(list.getNextMarker()).isEqualTo("photos/2006/January/");
        assertThat(list.getCommonPrefixes()).containsExactly("photos/2006/January/");
        ListEntry entry = list.getEntries().get(0);
        assertThat(entry.getKey()).isEqualTo("photos/2006/index.html");
        assertThat(entry.getETag()).isEqualTo("ce1acdafcc879d7eee54cf4e97334078");
        assertThat(entry.getOwner()).isEqualTo(new Owner(
                "214153b66967d86f031c7249d1d9a80249109428335cd08f1cdc487b4566cb1b", "John Smith"));
    }

    @Test
    void truncatedListWithoutNextMarkerContinuesAfterTheLastKey() {
        String xml = S3XmlSamples.LIST_OBJECTS.replace("<IsTruncated>false</IsTruncated>",
                "<IsTruncated>true</IsTruncated>");

        assertThat(S3Xml.parseListBucket(stream(xml)).getNextMarker()).isEqualTo("my-third-image.jpg");
    }

    @Test
    void truncatedListWithoutNextMarkerContinuesAfterTheLastCommonPrefixWhenItSortsLater() {
        String xml = S3XmlSamples.LIST_WITH_DELIMITER.replace("<NextMarker>photos/2006/January/</NextMarker>", "");

        // "photos/2006/January/" sorts before the key "photos/2006/index.html" ('J' < 'i'), "photos/2006/soon/" after
        assertThat(S3Xml.parseListBucket(stream(xml)).getNextMarker()).isEqualTo("photos/2006/index.html");
        String later = xml.replace("<Prefix>photos/2006/January/</Prefix>", "<Prefix>photos/2006/soon/</Prefix>");
        assertThat(S3Xml.parseListBucket(stream(later)).getNextMarker()).isEqualTo("photos/2006/soon/");
    }

    @Test
    void nextMarkerFallbackComparesLikeS3ByUtf8BytesNotJavaChars() {
        // U+FF21 is a higher char than the surrogate pair of U+1F600, but a lower UTF-8 sequence
        String xml = list("<IsTruncated>true</IsTruncated>" + contents("\uFF21", "1")
                + "<CommonPrefixes><Prefix>\uD83D\uDE00/</Prefix></CommonPrefixes>");

        assertThat(S3Xml.parseListBucket(stream(xml)).getNextMarker()).isEqualTo("\uD83D\uDE00/");
    }

    @Test
    void emptyNextMarkerCountsAsAbsent() {
        String xml = list("<IsTruncated>true</IsTruncated><NextMarker/>" + contents("a", "1"));

        assertThat(S3Xml.parseListBucket(stream(xml)).getNextMarker()).isEqualTo("a");
    }

    @Test
    void eTagIsUnquotedWhetherQuotesAreLiteralEscapedOrEscapedTwice() {
        String xml = list(contents("a", "1").replace("</Key>", "</Key><ETag>\"e1\"</ETag>")
                + contents("b", "1").replace("</Key>", "</Key><ETag>&quot;e2&quot;</ETag>")
                + contents("c", "1").replace("</Key>", "</Key><ETag>&amp;quot;e3&amp;quot;</ETag>")
                + contents("d", "1").replace("</Key>", "</Key><ETag> e4 </ETag>"));

        assertThat(S3Xml.parseListBucket(stream(xml)).getEntries()).extracting(ListEntry::getETag)
                .containsExactly("e1", "e2", "e3", "e4");
    }

    @Test
    void listIgnoresElementOrderUnknownElementsAndNamespacePrefixes() {
        String xml = """
                <s3:ListBucketResult xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">
                  <s3:Contents><s3:Generation>17</s3:Generation><s3:Size>5</s3:Size>
                    <s3:Unknown><s3:Key>not-this</s3:Key></s3:Unknown>
                    <s3:LastModified>2017-04-21T22:06:03Z</s3:LastModified><s3:Key> spaced key </s3:Key></s3:Contents>
                  <s3:IsTruncated>false</s3:IsTruncated>
                  <s3:Name>gcs-bucket</s3:Name>
                </s3:ListBucketResult>""";

        ListBucketResponse list = S3Xml.parseListBucket(stream(xml));

        assertThat(list.getName()).isEqualTo("gcs-bucket");
        assertThat(list.getEntries()).containsExactly(
                new ListEntry(" spaced key ", Instant.parse("2017-04-21T22:06:03Z"), null, 5, null, null));
    }

    @Test
    void urlEncodedListingIsDecodedEvenWhenEncodingTypeComesLast() {
        String xml = list("<Prefix>dir%2F</Prefix><Delimiter>%2F</Delimiter><IsTruncated>true</IsTruncated>"
                + contents("dir%2Fa+b%01c%E2%82%AC", "3")
                + "<CommonPrefixes><Prefix>dir%2Fsub%2F</Prefix></CommonPrefixes><EncodingType>url</EncodingType>");

        ListBucketResponse list = S3Xml.parseListBucket(stream(xml));

        assertThat(list.getPrefix()).isEqualTo("dir/");
        assertThat(list.getDelimiter()).isEqualTo("/");
        assertThat(list.getEntries().get(0).getKey()).isEqualTo("dir/a b\u0001c\u20AC");
        assertThat(list.getCommonPrefixes()).containsExactly("dir/sub/");
        assertThat(list.getNextMarker()).isEqualTo("dir/sub/");
    }

    @Test
    void urlEncodedNextMarkerIsDecodedAndAListingWithoutEncodingTypeIsTakenAsListed() {
        // the consumer sends the decoded marker back: the client encodes it once more on the wire
        ListBucketResponse encoded = S3Xml.parseListBucket(stream(list("<IsTruncated>true</IsTruncated>"
                + "<NextMarker>c%0Dd%2Be</NextMarker>" + contents("c%0Dd%2Be", "1") + "<EncodingType>url</EncodingType>")));
        assertThat(encoded.getNextMarker()).isEqualTo("c\rd+e");
        assertThat(encoded.getEntries().get(0).getKey()).isEqualTo("c\rd+e");

        // a store that ignores encoding-type=url answers without EncodingType: '%' and '+' belong to the key
        ListBucketResponse plain = S3Xml.parseListBucket(stream(list("<IsTruncated>true</IsTruncated>"
                + "<NextMarker>100%25+off</NextMarker>" + contents("100%25+off", "1"))));
        assertThat(plain.getNextMarker()).isEqualTo("100%25+off");
        assertThat(plain.getEntries().get(0).getKey()).isEqualTo("100%25+off");
    }

    @Test
    void datesWithoutMillisOrWithAnOffsetAreRead() {
        String xml = list(contents("a", "1").replace("</Key>", "</Key><LastModified>2009-10-12T17:50:30Z</LastModified>")
                + contents("b", "1").replace("</Key>",
                        "</Key><LastModified>2019-12-11T23:32:47+00:00</LastModified>"));

        assertThat(S3Xml.parseListBucket(stream(xml)).getEntries()).extracting(ListEntry::getLastModified)
                .containsExactly(Instant.parse("2009-10-12T17:50:30Z"), Instant.parse("2019-12-11T23:32:47Z"));
    }

    // --- ListAllMyBuckets

    @Test
    void listAllMyBucketsSampleReadsOwnerAndBuckets() {
        ListAllMyBucketsResponse all = S3Xml.parseListAllMyBuckets(stream(S3XmlSamples.LIST_ALL_MY_BUCKETS));

        assertThat(all.getOwner()).isEqualTo(new Owner("bcaf1ffd86f41161ca5fb16fd081034f", "webfile"));
        assertThat(all.getBuckets()).containsExactly(
                new Bucket("quotes", Instant.parse("2006-02-03T16:45:09Z")),
                new Bucket("samples", Instant.parse("2006-02-03T16:41:58Z")));
    }

    // --- Error documents

    @Test
    void noSuchKeyErrorReadsCodeMessageResourceAndRequestId() {
        ErrorDocument error = S3Xml.parseError(S3XmlSamples.ERROR_NO_SUCH_KEY.getBytes(UTF_8));

        assertThat(error.getCode()).isEqualTo("NoSuchKey");
        assertThat(error.getMessage()).isEqualTo("The resource you requested does not exist");
        assertThat(error.getResource()).isEqualTo("/mybucket/myfoto.jpg");
        assertThat(error.getRequestId()).isEqualTo("4442587FB7D0A2F9");
        assertThat(error.getHostId()).isNull();
        assertThat(error.getEndpoint()).isNull();
        assertThat(error.getServerTime()).isNull();
    }

    @Test
    void permanentRedirectErrorReadsEndpointAndBucket() {
        ErrorDocument error = S3Xml.parseError(S3XmlSamples.ERROR_PERMANENT_REDIRECT.getBytes(UTF_8));

        assertThat(error.getCode()).isEqualTo("PermanentRedirect");
        assertThat(error.getEndpoint()).isEqualTo("marios-test-bucket.foo.s3-ap-northeast-1.amazonaws.com");
        assertThat(error.getBucketName()).isEqualTo("marios-test-bucket.foo");
        assertThat(error.getHostId()).isEqualTo("CkUSF4xXXgrt8/ggfBrEudibTUn6E0tbPHU72k7FhSeeAeTtTMIiWVywFTGilZja");
    }

    @Test
    void requestTimeTooSkewedErrorReadsServerTimeAndExtraFields() {
        ErrorDocument error = S3Xml.parseError(S3XmlSamples.ERROR_TIME_SKEWED.getBytes(UTF_8));

        assertThat(error.getCode()).isEqualTo("RequestTimeTooSkewed");
        assertThat(error.getServerTime()).isEqualTo(Instant.parse("2025-09-03T16:21:50Z"));
        assertThat(error.getField("MaxAllowedSkewMilliseconds")).isEqualTo("900000");
        assertThat(error.getField("RequestTime")).isEqualTo("20250901T162148Z");
        assertThat(error.getRequestId()).isEqualTo("2J8ZFVZVVRA4T7CF");
    }

    @Test
    void noSuchBucketErrorReadsBucketName() {
        ErrorDocument error = S3Xml.parseError(S3XmlSamples.ERROR_NO_SUCH_BUCKET.getBytes(UTF_8));

        assertThat(error.getCode()).isEqualTo("NoSuchBucket");
        assertThat(error.getBucketName()).isEqualTo("non-existent-bucket");
    }

    @Test
    void errorFieldsAreTheDirectChildrenInDocumentOrder() {
        ErrorDocument error = S3Xml.parseError("<Error><Code>X</Code><Nested><Message>no</Message></Nested><Message>yes</Message></Error>"
                .getBytes(UTF_8));

        assertThat(error.getFields()).containsExactly(
                Map.entry("Code", "X"), Map.entry("Nested", ""),
                Map.entry("Message", "yes"));
    }

    @Test
    void unparseableServerTimeIsNullNotAnError() {
        ErrorDocument error = S3Xml.parseError("<Error><ServerTime>Tue, 04 Mar 2014</ServerTime></Error>"
                .getBytes(UTF_8));

        assertThat(error.getServerTime()).isNull();
        assertThat(error.getField("ServerTime")).isEqualTo("Tue, 04 Mar 2014");
    }

    @Test
    void errorRootWhereAResultWasExpectedRaisesErrorDocumentException() {
        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(S3XmlSamples.ERROR_NO_SUCH_KEY)))
                .isInstanceOfSatisfying(S3XmlErrorDocumentException.class,
                        e -> assertThat(e.getErrorDocument().getCode()).isEqualTo("NoSuchKey"));
    }

    // --- GetBucketLocation

    @Test
    void locationConstraintEuIsRead() {
        assertThat(S3Xml.parseLocationConstraint(stream(S3XmlSamples.LOCATION_EU))).isEqualTo("EU");
    }

    @Test
    void emptyLocationConstraintIsTheEmptyString() {
        assertThat(S3Xml.parseLocationConstraint(stream(S3XmlSamples.LOCATION_EMPTY))).isEmpty();
    }

    // --- DeleteObjects

    @Test
    void deleteResultReadsDeletedKeysAndErrors() {
        DeleteResult result = S3Xml.parseDeleteResult(stream(S3XmlSamples.DELETE_RESULT));

        assertThat(result.getDeleted()).containsExactly("sample1.txt");
        assertThat(result.getErrors()).containsExactly(new DeleteError("sample2.txt", "AccessDenied", "Access Denied"));
    }

    @Test
    void quietDeleteResultWithoutChildrenIsEmpty() {
        DeleteResult result = S3Xml.parseDeleteResult(stream(
                "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"));

        assertThat(result.getDeleted()).isEmpty();
        assertThat(result.getErrors()).isEmpty();
    }

    // --- Multipart upload

    @Test
    void initiateMultipartUploadReadsBucketKeyAndUploadId() {
        assertThat(S3Xml.parseInitiateMultipartUpload(stream(S3XmlSamples.INITIATE))).isEqualTo(
                new InitiateMultipartUploadResult("example-bucket", "example-object",
                        "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA"));
    }

    @Test
    void initiateWithoutUploadIdFailsNamingIt() {
        assertThatThrownBy(() -> S3Xml.parseInitiateMultipartUpload(stream(
                "<InitiateMultipartUploadResult><Bucket>b</Bucket></InitiateMultipartUploadResult>")))
                .isExactlyInstanceOf(S3XmlException.class).hasMessage("UploadId is missing");
    }

    @Test
    void completeMultipartUploadReadsLocationBucketKeyAndUnquotedETag() {
        assertThat(S3Xml.parseCompleteMultipartUpload(stream(S3XmlSamples.COMPLETE))).isEqualTo(
                new CompleteMultipartUploadResult("http://Example-Bucket.s3.amazonaws.com/Example-Object",
                        "Example-Bucket", "Example-Object", "3858f62230ac3c915f300c664312c11f-9"));
    }

    @Test
    void completeMultipartUploadSkipsTheKeepAliveWhitespaceBeforeTheDeclaration() {
        CompleteMultipartUploadResult result = S3Xml.parseCompleteMultipartUpload(
                stream(" \n \r\n\t \n" + S3XmlSamples.COMPLETE));

        assertThat(result.getETag()).isEqualTo("3858f62230ac3c915f300c664312c11f-9");
    }

    @Test
    void completeMultipartUploadAnsweredWithAnErrorRaisesErrorDocumentException() {
        assertThatThrownBy(() -> S3Xml.parseCompleteMultipartUpload(stream("   \n" + S3XmlSamples.COMPLETE_200_ERROR)))
                .isInstanceOfSatisfying(S3XmlErrorDocumentException.class, e -> {
                    assertThat(e.getErrorDocument().getCode()).isEqualTo("InternalError");
                    assertThat(e.getErrorDocument().getMessage())
                            .isEqualTo("We encountered an internal error. Please try again.");
                    assertThat(e.getErrorDocument().getRequestId()).isEqualTo("656c76696e6727732072657175657374");
                    assertThat(e).isInstanceOf(S3XmlException.class)
                            .hasMessageContaining("<CompleteMultipartUploadResult>").hasMessageContaining("InternalError");
                });
    }

    // --- CopyObject

    @Test
    void copyObjectResultReadsUnquotedETagAndZonelessDateAsUtc() {
        assertThat(S3Xml.parseCopyObjectResult(stream(S3XmlSamples.COPY))).isEqualTo(
                new CopyObjectResult("9b2cf535f27731c974343645a3985328", Instant.parse("2009-10-28T22:32:00Z")));
    }

    @Test
    void copyAnsweredWithAnErrorRaisesErrorDocumentException() {
        assertThatThrownBy(() -> S3Xml.parseCopyObjectResult(stream(S3XmlSamples.COMPLETE_200_ERROR)))
                .isInstanceOfSatisfying(S3XmlErrorDocumentException.class,
                        e -> assertThat(e.getErrorDocument().getCode()).isEqualTo("InternalError"));
    }

    @Test
    void documentsAreReadAsUtf8WhateverEncodingTheyDeclare() {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><LocationConstraint>\u00e9u-\u20ac</LocationConstraint>";

        assertThat(S3Xml.parseLocationConstraint(stream(xml))).isEqualTo("\u00e9u-\u20ac");
    }

    @Test
    void leadingByteOrderMarkIsSkipped() {
        assertThat(S3Xml.parseLocationConstraint(stream("\uFEFF \n" + S3XmlSamples.LOCATION_EU))).isEqualTo("EU");
    }

    // --- Malformed documents

    @Test
    void truncatedDocumentFailsAsMalformed() {
        String xml = S3XmlSamples.LIST_OBJECTS.substring(0, S3XmlSamples.LIST_OBJECTS.indexOf("<Size>434"));

        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(xml)))
                .isExactlyInstanceOf(S3XmlException.class).hasMessageStartingWith("malformed <ListBucketResult> document");
    }

    @Test
    void wrongRootFailsNamingBothRoots() {
        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(S3XmlSamples.LIST_ALL_MY_BUCKETS)))
                .isExactlyInstanceOf(S3XmlException.class)
                .hasMessage("expected a <ListBucketResult> document but the root element is <ListAllMyBucketsResult>");
    }

    @Test
    void nonNumericSizeFailsNamingFieldAndValue() {
        String xml = S3XmlSamples.LIST_OBJECTS.replace("<Size>434234</Size>", "<Size>big</Size>");

        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(xml)))
                .isExactlyInstanceOf(S3XmlException.class).hasMessage("Contents/Size is not a whole number: 'big'");
    }

    @Test
    void missingSizeFailsNamingTheKey() {
        String xml = list(contents("a", "1").replace("<Size>1</Size>", ""));

        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(xml)))
                .isExactlyInstanceOf(S3XmlException.class).hasMessage("Contents/Size of 'a' is missing");
    }

    @Test
    void contentsWithoutKeyFails() {
        String xml = list("<Contents><Size>1</Size></Contents>");

        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(xml)))
                .isExactlyInstanceOf(S3XmlException.class).hasMessage("Contents/Key is missing");
    }

    @Test
    void unparseableDateFailsNamingFieldAndValue() {
        String xml = S3XmlSamples.LIST_ALL_MY_BUCKETS.replace("2006-02-03T16:45:09.000Z", "yesterday");

        assertThatThrownBy(() -> S3Xml.parseListAllMyBuckets(stream(xml)))
                .isExactlyInstanceOf(S3XmlException.class)
                .hasMessage("Bucket/CreationDate is not an ISO-8601 date: 'yesterday'");
    }

    @Test
    void nonBooleanIsTruncatedAndNonNumericMaxKeysFail() {
        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(list("<IsTruncated>maybe</IsTruncated>"))))
                .isExactlyInstanceOf(S3XmlException.class).hasMessage("IsTruncated is not true or false: 'maybe'");
        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(list("<MaxKeys>lots</MaxKeys>"))))
                .isExactlyInstanceOf(S3XmlException.class).hasMessage("MaxKeys is not a whole number: 'lots'");
    }

    @Test
    void longBadValuesAreQuotedShortened() {
        String xml = list(contents("a", "9".repeat(500)));

        assertThatThrownBy(() -> S3Xml.parseListBucket(stream(xml)))
                .isExactlyInstanceOf(S3XmlException.class)
                .hasMessage("Contents/Size is not a whole number: '" + "9".repeat(80) + "...'");
    }

    // --- Writers

    @Test
    void createBucketConfigurationIsWrittenExactly() {
        assertThat(new String(S3Xml.createBucketConfiguration("EU"), UTF_8)).isEqualTo(
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<LocationConstraint>EU</LocationConstraint></CreateBucketConfiguration>");
    }

    @Test
    void createBucketConfigurationRefusesAnEmptyLocation() {
        assertThatThrownBy(() -> S3Xml.createBucketConfiguration(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("us-east-1");
    }

    @Test
    void deleteRequestIsWrittenExactlyWithEscapesAndUnicode() {
        byte[] body = S3Xml.deleteRequest(List.of("a<b>", "x&y", "say \"hi\"", "ключ/файл.txt"), true);

        assertThat(new String(body, UTF_8)).isEqualTo("<Delete><Quiet>true</Quiet>"
                + "<Object><Key>a&lt;b&gt;</Key></Object>"
                + "<Object><Key>x&amp;y</Key></Object>"
                + "<Object><Key>say &quot;hi&quot;</Key></Object>"
                + "<Object><Key>ключ/файл.txt</Key></Object>"
                + "</Delete>");
        assertThat(body).containsSequence("ключ".getBytes(UTF_8));
    }

    @Test
    void deleteRequestWritesQuietFalse() {
        assertThat(new String(S3Xml.deleteRequest(List.of("k"), false), UTF_8))
                .isEqualTo("<Delete><Quiet>false</Quiet><Object><Key>k</Key></Object></Delete>");
    }

    @Test
    void deleteRequestKeysSurviveAnXmlParserUnchanged() {
        List<String> keys = List.of("tab\there", "lf\nhere", "cr\rhere", "crlf\r\n", "  spaces  ", "]]>", "\uD83D\uDE00",
                "&amp;", "ключ/файл.txt");
        List<String> readBack = new ArrayList<>();

        XmlWalker.walk(new ByteArrayInputStream(S3Xml.deleteRequest(keys, false)), "Delete",
                Repeated.fields(new HashMap<>(), new Repeated("Object", f -> readBack.add(f.get("Key")))));

        assertThat(readBack).isEqualTo(keys);
    }

    @Test
    void deleteRequestRefusesAControlCharacterNamingTheKeyEscaped() {
        assertThatThrownBy(() -> S3Xml.deleteRequest(List.of("ok", "bad\u0001key"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key \"bad\\u0001key\" has U+0001 at index 3, which XML 1.0 cannot carry");
    }

    @Test
    void deleteRequestRefusesALoneSurrogateAndU_FFFE() {
        assertThatThrownBy(() -> S3Xml.deleteRequest(List.of("half\uD83D"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half\\uD83D");
        assertThatThrownBy(() -> S3Xml.deleteRequest(List.of("x\uFFFE"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+FFFE");
    }

    @Test
    void deleteRequestTakesOneToAThousandKeys() {
        assertThatThrownBy(() -> S3Xml.deleteRequest(List.of(), true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Xml.deleteRequest(Collections.nCopies(1001, "k"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1001");
        assertThat(S3Xml.deleteRequest(Collections.nCopies(1000, "k"), true)).isNotEmpty();
    }

    @Test
    void completeMultipartUploadIsWrittenExactlyWithEachETagQuotedOnce() {
        byte[] body = S3Xml.completeMultipartUpload(List.of(
                new PartETag(1, "a54357aff0632cce46d942af68356b38"),
                new PartETag(2, "\"0c78aef83f66abc1fa1e8477f296d394\"")));

        assertThat(new String(body, UTF_8)).isEqualTo("<CompleteMultipartUpload>"
                + "<Part><PartNumber>1</PartNumber><ETag>\"a54357aff0632cce46d942af68356b38\"</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>\"0c78aef83f66abc1fa1e8477f296d394\"</ETag></Part>"
                + "</CompleteMultipartUpload>");
    }

    @Test
    void completeMultipartUploadRefusesNoParts() {
        assertThatThrownBy(() -> S3Xml.completeMultipartUpload(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- Shared factory

    @Test
    void parsersAreSafeToCallFromManyThreadsAtOnce() throws Exception {
        ListBucketResponse expected = S3Xml.parseListBucket(stream(S3XmlSamples.LIST_OBJECTS));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ListBucketResponse>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> S3Xml.parseListBucket(stream(S3XmlSamples.LIST_OBJECTS))));
            }
            for (Future<ListBucketResponse> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String list(String body) {
        return "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name>" + body
                + "</ListBucketResult>";
    }

    private static String contents(String key, String size) {
        return "<Contents><Key>" + key + "</Key><Size>" + size + "</Size></Contents>";
    }
}
