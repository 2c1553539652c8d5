package dev.s3legacy.client.xml;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Response documents as the Amazon S3 API reference shows them (ListObjects, ListBuckets,
 * ErrorResponses, GetBucketLocation, DeleteObjects, CreateMultipartUpload,
 * CompleteMultipartUpload, CopyObject), plus real S3 error bodies quoted in public issue threads
 * (PermanentRedirect, RequestTimeTooSkewed, NoSuchBucket).
 */
final class S3XmlSamples {

    private S3XmlSamples() {
    }

    /** API reference, ListObjects: "Sample Response". */
    static final String LIST_OBJECTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bucket</Name>
              <Prefix/>
              <Marker/>
              <MaxKeys>1000</MaxKeys>
              <IsTruncated>false</IsTruncated>
              <Contents>
                <Key>my-image.jpg</Key>
                <LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
                <Size>434234</Size>
                <StorageClass>STANDARD</StorageClass>
                <Owner>
                  <ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>
                  <DisplayName>mtd@amazon.com</DisplayName>
                </Owner>
              </Contents>
              <Contents>
                <Key>my-third-image.jpg</Key>
                <LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>&quot;1b2cf535f27731c974343645a3985328&quot;</ETag>
                <Size>64994</Size>
                <StorageClass>STANDARD_IA</StorageClass>
                <Owner>
                  <ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>
                  <DisplayName>mtd@amazon.com</DisplayName>
                </Owner>
              </Contents>
            </ListBucketResult>
            """;

    /**
     * Developer guide, "Common List Response Elements" (prefix photos/2006/, delimiter /), made a
     * truncated page with the NextMarker S3 sends when a delimiter is used.
     */
    static final String LIST_WITH_DELIMITER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01">
              <Name>johnsmith</Name>
              <Prefix>photos/2006/</Prefix>
              <Marker/>
              <NextMarker>photos/2006/January/</NextMarker>
              <MaxKeys>2</MaxKeys>
              <Delimiter>/</Delimiter>
              <IsTruncated>true</IsTruncated>
              <Contents>
                <Key>photos/2006/index.html</Key>
                <LastModified>2006-01-01T12:00:00.000Z</LastModified>
                <ETag>"ce1acdafcc879d7eee54cf4e97334078"</ETag>
                <Size>1234</Size>
                <Owner>
                  <ID>214153b66967d86f031c7249d1d9a80249109428335cd08f1cdc487b4566cb1b</ID>
                  <DisplayName>John Smith</DisplayName>
                </Owner>
                <StorageClass>STANDARD</StorageClass>
              </Contents>
              <CommonPrefixes>
                <Prefix>photos/2006/January/</Prefix>
              </CommonPrefixes>
            </ListBucketResult>
            """;

    /** API reference, ListBuckets (REST sample of the same document). */
    static final String LIST_ALL_MY_BUCKETS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01">
              <Owner>
                <ID>bcaf1ffd86f41161ca5fb16fd081034f</ID>
                <DisplayName>webfile</DisplayName>
              </Owner>
              <Buckets>
                <Bucket>
                  <Name>quotes</Name>
                  <CreationDate>2006-02-03T16:45:09.000Z</CreationDate>
                </Bucket>
                <Bucket>
                  <Name>samples</Name>
                  <CreationDate>2006-02-03T16:41:58.000Z</CreationDate>
                </Bucket>
              </Buckets>
            </ListAllMyBucketsResult>
            """;

    /** API reference, "REST Error Responses". */
    static final String ERROR_NO_SUCH_KEY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <Code>NoSuchKey</Code>
              <Message>The resource you requested does not exist</Message>
              <Resource>/mybucket/myfoto.jpg</Resource>
              <RequestId>4442587FB7D0A2F9</RequestId>
            </Error>
            """;

    /** A 301 body from S3 (appoxy/aws pull request #110). */
    static final String ERROR_PERMANENT_REDIRECT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed \
            using the specified endpoint. Please send all future requests to this endpoint.</Message>\
            <RequestId>414883F22C6F5799</RequestId><Bucket>marios-test-bucket.foo</Bucket>\
            <HostId>CkUSF4xXXgrt8/ggfBrEudibTUn6E0tbPHU72k7FhSeeAeTtTMIiWVywFTGilZja</HostId>\
            <Endpoint>marios-test-bucket.foo.s3-ap-northeast-1.amazonaws.com</Endpoint></Error>""";

    /** A 403 body from S3 (versity/versitygw issue #1514), HostId shortened. */
    static final String ERROR_TIME_SKEWED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the \
            current time is too large.</Message><RequestTime>20250901T162148Z</RequestTime>\
            <ServerTime>2025-09-03T16:21:50Z</ServerTime><MaxAllowedSkewMilliseconds>900000\
            </MaxAllowedSkewMilliseconds><RequestId>2J8ZFVZVVRA4T7CF</RequestId><HostId>CRaDrKRM91F3Ea6WY8n+2BLxPeu\
            </HostId></Error>""";

    /** A 404 body from S3 (AdRoll/goamz responses_test.go). */
    static final String ERROR_NO_SUCH_BUCKET = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>
            <BucketName>non-existent-bucket</BucketName><RequestId>3F1B667FAD71C3D8</RequestId>
            <HostId>L4ee/zrm1irFXY5F45fKXIRdOf9ktsKY/8TDVawuMK2jWRb1RF84i1uBzkdNqS5D</HostId></Error>
            """;

    /** API reference, GetBucketLocation. */
    static final String LOCATION_EU = """
            <?xml version="1.0" encoding="UTF-8"?>
            <LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">EU</LocationConstraint>""";

    /** API reference, GetBucketLocation: US Standard answers with an empty element. */
    static final String LOCATION_EMPTY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>""";

    /** API reference, DeleteObjects: "Sample Response". */
    static final String DELETE_RESULT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Deleted>
                <Key>sample1.txt</Key>
              </Deleted>
              <Error>
                <Key>sample2.txt</Key>
                <Code>AccessDenied</Code>
                <Message>Access Denied</Message>
              </Error>
            </DeleteResult>
            """;

    /** API reference, CreateMultipartUpload: "Sample Response". */
    static final String INITIATE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Bucket>example-bucket</Bucket>
              <Key>example-object</Key>
              <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
            </InitiateMultipartUploadResult>
            """;

    /** API reference, CompleteMultipartUpload: "Sample Response". */
    static final String COMPLETE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Location>http://Example-Bucket.s3.amazonaws.com/Example-Object</Location>
              <Bucket>Example-Bucket</Bucket>
              <Key>Example-Object</Key>
              <ETag>"3858f62230ac3c915f300c664312c11f-9"</ETag>
            </CompleteMultipartUploadResult>
            """;

    /** API reference, CompleteMultipartUpload: "Sample Response with Error Specified in Header" (status 200). */
    static final String COMPLETE_200_ERROR = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <Code>InternalError</Code>
              <Message>We encountered an internal error. Please try again.</Message>
              <RequestId>656c76696e6727732072657175657374</RequestId>
              <HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId>
            </Error>
            """;

    /** API reference, CopyObject: "Sample Response" (its LastModified has no zone). */
    static final String COPY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CopyObjectResult>
              <LastModified>2009-10-28T22:32:00</LastModified>
              <ETag>"9b2cf535f27731c974343645a3985328"</ETag>
            </CopyObjectResult>
            """;

    /** Every document above. */
    static final String[] ALL = {LIST_OBJECTS, LIST_WITH_DELIMITER, LIST_ALL_MY_BUCKETS, ERROR_NO_SUCH_KEY,
        ERROR_PERMANENT_REDIRECT, ERROR_TIME_SKEWED, ERROR_NO_SUCH_BUCKET, LOCATION_EU, LOCATION_EMPTY,
        DELETE_RESULT, INITIATE, COMPLETE, COMPLETE_200_ERROR, COPY};

    /** Every stream parser of S3Xml, by name. */
    static Map<String, Function<InputStream, Object>> streamParsers() {
        Map<String, Function<InputStream, Object>> parsers = new LinkedHashMap<>();
        parsers.put("parseListBucket", S3Xml::parseListBucket);
        parsers.put("parseListAllMyBuckets", S3Xml::parseListAllMyBuckets);
        parsers.put("parseLocationConstraint", S3Xml::parseLocationConstraint);
        parsers.put("parseDeleteResult", S3Xml::parseDeleteResult);
        parsers.put("parseInitiateMultipartUpload", S3Xml::parseInitiateMultipartUpload);
        parsers.put("parseCompleteMultipartUpload", S3Xml::parseCompleteMultipartUpload);
        parsers.put("parseCopyObjectResult", S3Xml::parseCopyObjectResult);
        return parsers;
    }

    static InputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(UTF_8));
    }
}
