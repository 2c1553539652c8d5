package dev.s3legacy;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Counting failed deliveries, the moveFailed syntax and the error text put in metadata, without a store. */
class DeliveryAttemptsTest {

    private static S3LegacyConfiguration config(int max, String moveFailed) {
        S3LegacyConfiguration c = new S3LegacyConfiguration();
        c.setBucketName("inbox");
        c.setMaxDeliveryAttempts(max);
        c.setMoveFailed(moveFailed);
        return c;
    }

    @Test
    void moveFailedIsAPrefixOrBucketColonPrefix() {
        assertThat(DeliveryAttempts.moveTarget("failed/", "inbox")).isEqualTo(new DeliveryAttempts.MoveTarget("inbox", "failed/"));
        assertThat(DeliveryAttempts.moveTarget("dead-letters:orders/", "inbox"))
                .isEqualTo(new DeliveryAttempts.MoveTarget("dead-letters", "orders/"));
        assertThat(DeliveryAttempts.moveTarget("dead-letters:", "inbox")).isEqualTo(new DeliveryAttempts.MoveTarget("dead-letters", ""));
        // only the first colon separates: the rest is the prefix
        assertThat(DeliveryAttempts.moveTarget("inbox:failed:2024/", "inbox")).isEqualTo(new DeliveryAttempts.MoveTarget("inbox", "failed:2024/"));
        assertThat(DeliveryAttempts.moveTarget(null, "inbox")).isNull();
        assertThat(DeliveryAttempts.moveTarget("", "inbox")).isNull();
        assertThatThrownBy(() -> DeliveryAttempts.moveTarget("ab:x/", "inbox"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option moveFailed").hasMessageContaining("bucket");
    }

    @Test
    void badOptionsFailEarlyNamingTheOption() {
        assertThatThrownBy(() -> DeliveryAttempts.of(config(-1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option maxDeliveryAttempts");
        assertThatThrownBy(() -> DeliveryAttempts.of(config(0, "failed/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option moveFailed needs maxDeliveryAttempts");
    }

    @Test
    void aVersionIsGivenUpAfterMaxFailuresAndASuccessForgetsTheCount() {
        DeliveryAttempts attempts = DeliveryAttempts.of(config(3, null));
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new IllegalStateException("boom"));
        String id = S3LegacyConsumer.idOf("e1", "k");
        for (int i = 1; i <= 2; i++) {
            attempts.failed(exchange, null, "k", "e1", 1);
            assertThat(attempts.isGivenUp(id)).as("after " + i).isFalse();
        }
        attempts.failed(exchange, null, "k", "e1", 1);
        assertThat(attempts.isGivenUp(id)).isTrue();
        // another version of the same key (rewritten: new ETag) starts from 0
        assertThat(attempts.isGivenUp(S3LegacyConsumer.idOf("e2", "k"))).isFalse();

        attempts.failed(exchange, null, "other", "e1", 1);
        attempts.failed(exchange, null, "other", "e1", 1);
        attempts.succeeded(S3LegacyConsumer.idOf("e1", "other"));
        attempts.failed(exchange, null, "other", "e1", 1);
        assertThat(attempts.isGivenUp(S3LegacyConsumer.idOf("e1", "other"))).as("count restarted after a success").isFalse();
    }

    @Test
    void withoutALimitNothingIsCountedOrGivenUp() {
        DeliveryAttempts attempts = DeliveryAttempts.of(config(0, null));
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        for (int i = 0; i < 100; i++) {
            attempts.failed(exchange, null, "k", "e", 1);
        }
        assertThat(attempts.isGivenUp(S3LegacyConsumer.idOf("e", "k"))).isFalse();
    }

    @Test
    void lastErrorIsPrintableAsciiOnOneLineAndBounded() {
        assertThat(DeliveryAttempts.describe(new IllegalStateException("bad\r\nX-Injected: 1\tüñ€ value  ")))
                .isEqualTo("java.lang.IllegalStateException: bad X-Injected: 1 ??? value");
        assertThat(DeliveryAttempts.describe(new RuntimeException())).isEqualTo("java.lang.RuntimeException");
        assertThat(DeliveryAttempts.describe(null)).isEqualTo("failed without an exception");
        String longText = DeliveryAttempts.describe(new RuntimeException("x".repeat(5000)));
        assertThat(longText).hasSize(DeliveryAttempts.MAX_ERROR_LENGTH).endsWith("...");
        assertThat(longText.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e)).isTrue();
    }
}
