package com.cspflow.partnercenterevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What proves an event Partner Center's: the right headers, a certificate from a trusted host, valid today, issued to
 * Microsoft's notification service by a trusted authority, whose key signed exactly the body. Anything short of that
 * is refused, and a certificate from an untrusted address is never even downloaded.
 */
class EventSignaturesTest {

  static final String CA = "classpath:partner-center-events/sandbox-notifications-ca.pem";
  static final byte[] BODY = ("{\"EventName\":\"subscription-updated\",\"ResourceUri\":\"https://api.partnercenter"
      + ".microsoft.com/webhooks/v1/customers/0c1f6e1e-7f5d-4a43-a1c8-5b8b8a1b6a11/subscriptions/s\","
      + "\"ResourceName\":\"subscription\",\"AuditUri\":null,\"ResourceChangeUtcDate\":\"2026-11-16T16:19:06"
      + ".3520276+00:00\"}").getBytes(StandardCharsets.UTF_8);

  final SignedEvents microsoft = new SignedEvents();

  @AfterEach
  void stop() {
    microsoft.close();
  }

  @Test
  void anEventSignedByTheNotificationServicesCertificateIsVerifiedAndItsCertificateDownloadedOnce() throws Exception {
    EventSignatures signatures = signatures(CA, Clock.systemUTC());
    String url = microsoft.certificateUrl("notifications");
    assertThat(signatures.verify(BODY, SignedEvents.signature("notifications", BODY), url, "rsa-sha256"))
        .isEqualTo(SignedEvents.certificate("notifications"));
    assertThat(signatures.verify(BODY, SignedEvents.signature("notifications", BODY), url, "RSA-SHA256")).isNotNull();
    assertThat(microsoft.downloads).hasValue(1);
  }

  @Test
  void aChangedBodyOrAnotherKeysSignatureIsRefused() {
    EventSignatures signatures = signatures(CA, Clock.systemUTC());
    String url = microsoft.certificateUrl("notifications");
    byte[] changed = BODY.clone();
    changed[20] ^= 1;
    refused(signatures, changed, SignedEvents.signature("notifications", BODY), url, "rsa-sha256",
        "does not match");
    refused(signatures, BODY, SignedEvents.signature("other-subject", BODY), url, "rsa-sha256", "does not match");
    refused(signatures, BODY, "Signature not*base64", url, "rsa-sha256", "Authorization");
  }

  @Test
  void missingOrOtherHeadersAreRefused() {
    EventSignatures signatures = signatures(CA, Clock.systemUTC());
    String signature = SignedEvents.signature("notifications", BODY);
    String url = microsoft.certificateUrl("notifications");
    refused(signatures, BODY, signature, url, null, "X-MS-Signature-Algorithm");
    refused(signatures, BODY, signature, url, "rsa-sha1", "X-MS-Signature-Algorithm");
    refused(signatures, BODY, null, url, "rsa-sha256", "Authorization");
    refused(signatures, BODY, "Bearer " + signature.substring(10), url, "rsa-sha256", "Authorization");
    refused(signatures, BODY, signature, null, "rsa-sha256", "X-MS-Certificate-Url is missing");
  }

  @Test
  void aCertificateAnywhereButOnATrustedHostIsNotEvenDownloaded() {
    EventSignatures signatures = signatures(CA, Clock.systemUTC());
    String signature = SignedEvents.signature("notifications", BODY);
    String url = microsoft.certificateUrl("notifications");
    refused(signatures, BODY, signature, url.replace("127.0.0.1", "localhost"), "rsa-sha256", "host cspflow trusts");
    refused(signatures, BODY, signature, url + "?x=1", "rsa-sha256", "host cspflow trusts");
    refused(signatures, BODY, signature, url.replace(".cer", ".txt"), "rsa-sha256", "host cspflow trusts");
    refused(signatures, BODY, signature, url.replace("http://", "http://user@"), "rsa-sha256", "host cspflow trusts");
    refused(signatures, BODY, signature, "/cert/notifications.cer", "rsa-sha256", "host cspflow trusts");
    refused(signatures, BODY, signature, "http://3psostorageacct.blob.core.windows.net/cert/pc.cer", "rsa-sha256",
        "host cspflow trusts");
    assertThat(microsoft.downloads).hasValue(0);
  }

  @Test
  void aCertificateOfAnotherNameOrWithoutATrustedAuthorityIsRefused() {
    EventSignatures signatures = signatures(CA, Clock.systemUTC());
    refused(signatures, BODY, SignedEvents.signature("other-subject", BODY),
        microsoft.certificateUrl("other-subject"), "rsa-sha256", "not issued to pcnotifications-dispatch");
    refused(signatures, BODY, SignedEvents.signature("self-signed", BODY), microsoft.certificateUrl("self-signed"),
        "rsa-sha256", "does not chain up");
    EventSignatures jdkAuthorities = signatures("", Clock.systemUTC());
    refused(jdkAuthorities, BODY, SignedEvents.signature("notifications", BODY),
        microsoft.certificateUrl("notifications"), "rsa-sha256", "does not chain up");
  }

  @Test
  void aCertificateNotValidTodayIsRefused() {
    Instant notAfter = SignedEvents.certificate("notifications").getNotAfter().toInstant();
    EventSignatures later = signatures(CA, Clock.fixed(notAfter.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    refused(later, BODY, SignedEvents.signature("notifications", BODY), microsoft.certificateUrl("notifications"),
        "rsa-sha256", "not valid today");
  }

  @Test
  void anAddressWhoseCertificateFailedIsNotDownloadedAgainForAWhile() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));
    EventSignatures signatures = signatures(CA, clock);
    String signature = SignedEvents.signature("notifications", BODY);
    String missing = microsoft.certificateUrl("missing");
    refused(signatures, BODY, signature, missing, "rsa-sha256", "could not be downloaded");
    refused(signatures, BODY, signature, missing, "rsa-sha256", "refused recently");
    refused(signatures, BODY, signature, microsoft.certificateUrl("self-signed"), "rsa-sha256", "does not chain up");
    refused(signatures, BODY, signature, microsoft.certificateUrl("self-signed"), "rsa-sha256", "refused recently");
    assertThat(microsoft.downloads).hasValue(2);

    clock.advance(EventSignatures.REFUSED_FOR);
    refused(signatures, BODY, signature, missing, "rsa-sha256", "could not be downloaded");
    assertThat(microsoft.downloads).hasValue(3);
    // a good certificate is not held up by the refused ones
    assertThat(signatures.verify(BODY, signature, microsoft.certificateUrl("notifications"), "rsa-sha256"))
        .isNotNull();
  }

  @Test
  void whileACertificateIsDownloadedAnotherUnknownOneIsAnsweredBusyAtOnceNotKeptWaiting() throws Exception {
    EventSignatures signatures = signatures(CA, Clock.systemUTC());
    String signature = SignedEvents.signature("notifications", BODY);
    java.util.concurrent.CompletableFuture<Void> slow = java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        signatures.verify(BODY, signature, microsoft.certificateUrl("slow"), "rsa-sha256");
      } catch (UnverifiedEvent expected) {
        // not found, after a while
      }
    });
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (microsoft.downloads.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> signatures.verify(BODY, signature, microsoft.certificateUrl("notifications"),
        "rsa-sha256")).isInstanceOfSatisfying(UnverifiedEvent.class, busy -> assertThat(busy.busy()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    slow.join();
    assertThat(signatures.verify(BODY, signature, microsoft.certificateUrl("notifications"), "rsa-sha256"))
        .as("delivered again later").isNotNull();
  }

  private static void refused(EventSignatures signatures, byte[] body, String authorization, String url,
      String algorithm, String reason) {
    assertThatThrownBy(() -> signatures.verify(body, authorization, url, algorithm))
        .isInstanceOf(UnverifiedEvent.class).hasMessageContaining(reason);
  }

  private static EventSignatures signatures(String trustAnchors, Clock clock) {
    return new EventSignatures(new PartnerCenterEventsProperties(List.of("127.0.0.1"),
        "pcnotifications-dispatch.microsoft.com", trustAnchors, List.of("subscription-updated"),
        Duration.ofHours(1)), clock);
  }
}
