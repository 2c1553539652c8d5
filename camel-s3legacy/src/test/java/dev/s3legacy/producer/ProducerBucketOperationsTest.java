package dev.s3legacy.producer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.s3legacy.S3LegacyConstants;
import dev.s3legacy.client.SignatureVersion;
import dev.s3legacy.client.model.Bucket;
import dev.s3legacy.client.model.ListEntry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bucket rows of the contract's operations table, each under V2 and V4, against s3proxy. */
class ProducerBucketOperationsTest extends S3ProxyRouteTestSupport {

    private static final List<String> KEYS = List.of("a/1.txt", "a/2.txt", "a/sub/3.txt", "b.txt", "c.txt");

    private String filledBucket(SignatureVersion v) {
        String bucket = newBucket(v);
        KEYS.forEach(k -> put(v, bucket, k, "data of " + k));
        return bucket;
    }

    private static List<String> keysOf(Object body) {
        assertThat(body).isInstanceOf(List.class);
        return ((List<?>) body).stream().map(o -> ((ListEntry) o).getKey()).toList();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void createBucketMakesABucketThatListAllMyBucketsShows(SignatureVersion v) {
        String bucket = "created-" + v.name().toLowerCase();
        assertThat(bucketNames(v)).doesNotContain(bucket);
        Exchange e = call(v, bucket, "operation=createBucket", null, Map.of());
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(200);
        assertThat(bucketNames(v)).contains(bucket);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void listAllMyBucketsIgnoresTheBucketInTheUriAndReturnsBuckets(SignatureVersion v) {
        String bucket = newBucket(v);
        // "no-such-bucket" does not exist: listAllMyBuckets must not care
        Object body = template.requestBody(uri(v, "no-such-bucket", "operation=listAllMyBuckets"), (Object) null);
        assertThat(body).isInstanceOf(List.class);
        List<?> buckets = (List<?>) body;
        assertThat(buckets).allMatch(Bucket.class::isInstance);
        Bucket mine = buckets.stream().map(Bucket.class::cast).filter(b -> b.getName().equals(bucket)).findFirst().orElseThrow();
        assertThat(mine.getCreationDate()).isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
        assertThat(buckets).map(b -> ((Bucket) b).getName()).doesNotContain("no-such-bucket");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void listBucketWithPrefix(SignatureVersion v) {
        String bucket = filledBucket(v);
        Exchange e = call(v, bucket, "operation=listBucket&prefix=a/", null, Map.of());
        assertThat(keysOf(e.getMessage().getBody())).containsExactly("a/1.txt", "a/2.txt", "a/sub/3.txt");
        assertThat(e.getMessage().getHeader(S3LegacyConstants.IS_TRUNCATED)).isEqualTo(Boolean.FALSE);
        assertThat(e.getMessage().getHeader(S3LegacyConstants.NEXT_MARKER)).isNull();

        ListEntry first = (ListEntry) e.getMessage().getBody(List.class).get(0);
        assertThat(first.getSize()).isEqualTo("data of a/1.txt".length());
        assertThat(first.getETag()).isNotBlank().doesNotContain("\"");
        assertThat(first.getLastModified()).isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
        assertThat(first.getStorageClass()).isEqualTo("STANDARD");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    @SuppressWarnings("unchecked")
    void listBucketWithDelimiterSetsCommonPrefixes(SignatureVersion v) {
        String bucket = filledBucket(v);
        Exchange e = call(v, bucket, "operation=listBucket&prefix=a/&delimiter=/", null, Map.of());
        assertThat(keysOf(e.getMessage().getBody())).containsExactly("a/1.txt", "a/2.txt");
        Object prefixes = e.getMessage().getHeader(S3LegacyConstants.COMMON_PREFIXES);
        assertThat(prefixes).isInstanceOf(List.class);
        assertThat((List<Object>) prefixes).containsExactly("a/sub/");

        Exchange top = call(v, bucket, "operation=listBucket&delimiter=/", null, Map.of());
        assertThat(keysOf(top.getMessage().getBody())).containsExactly("b.txt", "c.txt");
        assertThat(top.getMessage().getHeader(S3LegacyConstants.COMMON_PREFIXES, List.class)).containsExactly("a/");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void listBucketPagesWithMaxKeysAndMarker(SignatureVersion v) {
        String bucket = filledBucket(v);
        Exchange page1 = call(v, bucket, "operation=listBucket&maxKeys=2", null, Map.of());
        Message m = page1.getMessage();
        assertThat(keysOf(m.getBody())).containsExactly("a/1.txt", "a/2.txt");
        assertThat(m.getHeader(S3LegacyConstants.IS_TRUNCATED)).isInstanceOf(Boolean.class).isEqualTo(Boolean.TRUE);
        assertThat(m.getHeader(S3LegacyConstants.NEXT_MARKER)).isInstanceOf(String.class).isEqualTo("a/2.txt");

        // the next page: the marker from the header of the previous one
        Exchange page2 = call(v, bucket, "operation=listBucket&maxKeys=2", null,
                Map.of(S3LegacyConstants.MARKER, m.getHeader(S3LegacyConstants.NEXT_MARKER)));
        assertThat(keysOf(page2.getMessage().getBody())).containsExactly("a/sub/3.txt", "b.txt");
        assertThat(page2.getMessage().getHeader(S3LegacyConstants.IS_TRUNCATED)).isEqualTo(Boolean.TRUE);
        assertThat(page2.getMessage().getHeader(S3LegacyConstants.NEXT_MARKER)).isEqualTo("b.txt");

        // marker as endpoint option
        Exchange last = call(v, bucket, "operation=listBucket&maxKeys=2&marker=b.txt", null, Map.of());
        assertThat(keysOf(last.getMessage().getBody())).containsExactly("c.txt");
        assertThat(last.getMessage().getHeader(S3LegacyConstants.IS_TRUNCATED)).isEqualTo(Boolean.FALSE);
        assertThat(last.getMessage().getHeader(S3LegacyConstants.NEXT_MARKER)).isNull();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void listBucketBodySplitsIntoEntries(SignatureVersion v) throws Exception {
        String bucket = filledBucket(v);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to(uri(v, bucket, "operation=listBucket")).split(body()).to("mock:entry");
            }
        });
        MockEndpoint entries = getMockEndpoint("mock:entry");
        entries.expectedMessageCount(KEYS.size());
        template.sendBody("direct:list", null);
        entries.assertIsSatisfied();
        assertThat(entries.getReceivedExchanges()).map(x -> x.getMessage().getBody(ListEntry.class).getKey())
                .containsExactlyElementsOf(KEYS);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void getBucketLocationIsEmptyForTheDefaultRegion(SignatureVersion v) {
        String bucket = newBucket(v);
        Exchange e = call(v, bucket, "operation=getBucketLocation", "in", Map.of());
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getBody()).isInstanceOf(String.class).isEqualTo("");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void getBucketAclAndPutBucketAcl(SignatureVersion v) {
        String bucket = newBucket(v);
        String acl = template.requestBody(uri(v, bucket, "operation=getBucketAcl"), null, String.class);
        assertThat(acl).contains("<AccessControlPolicy").contains("FULL_CONTROL").doesNotContain("AllUsers");

        Matcher owner = Pattern.compile("<Owner>\\s*<ID>([^<]*)</ID>").matcher(acl);
        assertThat(owner.find()).isTrue();
        String publicRead = "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>" + owner.group(1)
                + "</ID></Owner><AccessControlList>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>"
                + owner.group(1) + "</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
                + "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>";
        Exchange put = call(v, bucket, "operation=putBucketAcl", publicRead, Map.of());
        assertThat(put.getException()).isNull();

        String after = template.requestBody(uri(v, bucket, "operation=getBucketAcl"), null, String.class);
        assertThat(after).contains("http://acs.amazonaws.com/groups/global/AllUsers");
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void deleteBucketRemovesAnEmptyBucket(SignatureVersion v) {
        String bucket = newBucket(v);
        assertThat(bucketNames(v)).contains(bucket);
        Exchange e = call(v, bucket, "operation=deleteBucket", null, Map.of());
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(S3LegacyConstants.STATUS_CODE)).isEqualTo(204);
        assertThat(bucketNames(v)).doesNotContain(bucket);
    }

    private List<String> bucketNames(SignatureVersion v) {
        List<?> list = template.requestBody(uri(v, "any-bucket", "operation=listAllMyBuckets"), null, List.class);
        return list.stream().map(b -> ((Bucket) b).getName()).toList();
    }
}
