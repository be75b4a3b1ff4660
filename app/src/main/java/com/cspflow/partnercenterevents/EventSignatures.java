package com.cspflow.partnercenterevents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Proves that Partner Center sent an event, as its page "Partner Center webhooks" asks a receiver to: the headers
 * {@code Authorization: Signature <base64>}, {@code X-MS-Certificate-Url} and {@code X-MS-Signature-Algorithm:
 * rsa-sha256} are there; the certificate is downloaded from a host cspflow trusts (never from wherever the request
 * says), is valid today, issued to Microsoft's notification service and chains up to a trusted authority; and its
 * key signed exactly the bytes received (SHA-256 with RSA). A certificate that passed is kept by its address, so
 * that an event costs one signature check, not a download. Unsigned callers can make it download from the trusted
 * hosts only, one download at a time (a request arriving meanwhile is answered "busy" at once, not kept waiting), and
 * an address whose certificate could not be downloaded or trusted is not tried again for {@link #REFUSED_FOR}.
 */
@Component
class EventSignatures {

  static final String ALGORITHM = "rsa-sha256";
  private static final Pattern SIGNATURE = Pattern.compile("^Signature ([A-Za-z0-9+/]{1,2048}={0,2})$");
  private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
  private static final int MAX_KEPT_CERTIFICATES = 16;
  private static final int MAX_REFUSED_ADDRESSES = 256;
  static final Duration REFUSED_FOR = Duration.ofMinutes(5);

  private final PartnerCenterEventsProperties properties;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Set<TrustAnchor> anchors;
  private final Map<URI, X509Certificate> verifiedCertificates = new ConcurrentHashMap<>();
  private final Map<URI, Instant> refusedUntil = new ConcurrentHashMap<>();
  private final ReentrantLock downloading = new ReentrantLock();

  EventSignatures(PartnerCenterEventsProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    this.anchors = trustAnchors(properties);
  }

  /** The certificate that signed {@code body}, or why the request cannot be taken for Partner Center's. */
  X509Certificate verify(byte[] body, String authorization, String certificateUrl, String algorithm)
      throws UnverifiedEvent {
    if (algorithm == null || !ALGORITHM.equalsIgnoreCase(algorithm.trim())) {
      throw new UnverifiedEvent("X-MS-Signature-Algorithm must be " + ALGORITHM);
    }
    Matcher signature = SIGNATURE.matcher(authorization == null ? "" : authorization.trim());
    if (!signature.matches()) {
      throw new UnverifiedEvent("Authorization must be \"Signature\" and the body's signature in base64");
    }
    X509Certificate certificate = certificate(certificateAddress(certificateUrl));
    try {
      Signature check = Signature.getInstance("SHA256withRSA");
      check.initVerify(certificate.getPublicKey());
      check.update(body);
      if (!check.verify(Base64.getDecoder().decode(signature.group(1)))) {
        throw new UnverifiedEvent("the signature does not match the body");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UnverifiedEvent("the signature does not match the body");
    }
    return certificate;
  }

  private URI certificateAddress(String certificateUrl) throws UnverifiedEvent {
    if (certificateUrl == null || certificateUrl.isBlank()) {
      throw new UnverifiedEvent("X-MS-Certificate-Url is missing");
    }
    URI uri;
    try {
      uri = new URI(certificateUrl.trim());
    } catch (URISyntaxException e) {
      throw new UnverifiedEvent("X-MS-Certificate-Url is not an address");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean local = host.equals("localhost") || host.equals("127.0.0.1");
    boolean secure = "https".equalsIgnoreCase(uri.getScheme()) || (local && "http".equalsIgnoreCase(uri.getScheme()));
    if (!uri.isAbsolute() || !secure || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || !properties.certificateHosts().contains(host)
        || uri.getPath() == null || !uri.getPath().toLowerCase(Locale.ROOT).endsWith(".cer")) {
      throw new UnverifiedEvent("X-MS-Certificate-Url is not a certificate on a host cspflow trusts");
    }
    return uri.normalize();
  }

  private X509Certificate certificate(URI address) throws UnverifiedEvent {
    X509Certificate known = known(address);
    if (known != null) {
      return known;
    }
    // No request waits for another's download (callers are anonymous; waiting threads would be theirs to hold):
    // Partner Center delivers an event again later, and its certificate is known by then.
    if (!downloading.tryLock()) {
      throw UnverifiedEvent.busyDownloading();
    }
    try {
      known = known(address); // downloaded while this request waited
      if (known != null) {
        return known;
      }
      X509Certificate downloaded;
      try {
        downloaded = trusted(download(address));
      } catch (UnverifiedEvent refused) {
        if (refusedUntil.size() >= MAX_REFUSED_ADDRESSES) {
          refusedUntil.values().removeIf(until -> !until.isAfter(clock.instant()));
          if (refusedUntil.size() >= MAX_REFUSED_ADDRESSES) {
            refusedUntil.clear();
          }
        }
        refusedUntil.put(address, clock.instant().plus(REFUSED_FOR));
        throw refused;
      }
      if (verifiedCertificates.size() >= MAX_KEPT_CERTIFICATES) {
        verifiedCertificates.clear();
      }
      verifiedCertificates.put(address, downloaded);
      refusedUntil.remove(address);
      return downloaded;
    } finally {
      downloading.unlock();
    }
  }

  /** The certificate at {@code address} verified before and valid today; null to download it. */
  private X509Certificate known(URI address) throws UnverifiedEvent {
    X509Certificate known = verifiedCertificates.get(address);
    if (known != null && validNow(known)) {
      return known;
    }
    Instant until = refusedUntil.get(address);
    if (until != null && clock.instant().isBefore(until)) {
      throw new UnverifiedEvent("the signing certificate at that address was refused recently; not downloaded again"
          + " before " + until);
    }
    return null;
  }

  private X509Certificate download(URI address) throws UnverifiedEvent {
    try {
      HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = answer.body()) {
        byte[] bytes = in.readNBytes(MAX_CERTIFICATE_BYTES + 1);
        if (answer.statusCode() != 200 || bytes.length > MAX_CERTIFICATE_BYTES) {
          throw new UnverifiedEvent("the signing certificate could not be downloaded (HTTP " + answer.statusCode()
              + ")");
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(bytes));
      }
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new UnverifiedEvent("the signing certificate could not be downloaded or read");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnverifiedEvent("the signing certificate could not be downloaded");
    }
  }

  private X509Certificate trusted(X509Certificate certificate) throws UnverifiedEvent {
    if (!validNow(certificate)) {
      throw new UnverifiedEvent("the signing certificate is not valid today");
    }
    if (!properties.certificateSubject().equalsIgnoreCase(commonName(certificate))) {
      throw new UnverifiedEvent("the signing certificate is not issued to " + properties.certificateSubject());
    }
    try {
      X509CertSelector leaf = new X509CertSelector();
      leaf.setCertificate(certificate);
      PKIXBuilderParameters chain = new PKIXBuilderParameters(anchors, leaf);
      // Microsoft's page asks for the chain; revocation lists are not fetched (a receiver may have no way out to them).
      chain.setRevocationEnabled(false);
      chain.setDate(Date.from(clock.instant()));
      chain.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(certificate))));
      CertPathBuilder.getInstance("PKIX").build(chain);
      return certificate;
    } catch (GeneralSecurityException e) {
      throw new UnverifiedEvent("the signing certificate does not chain up to an authority cspflow trusts");
    }
  }

  private boolean validNow(X509Certificate certificate) {
    try {
      certificate.checkValidity(Date.from(clock.instant()));
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String commonName(X509Certificate certificate) {
    try {
      return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
          .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(Rdn::getValue).map(String::valueOf)
          .findFirst().orElse("");
    } catch (InvalidNameException e) {
      return "";
    }
  }

  private static Set<TrustAnchor> trustAnchors(PartnerCenterEventsProperties properties) {
    try {
      if (properties.trustAnchors() != null && !properties.trustAnchors().isBlank()) {
        try (InputStream pem = new DefaultResourceLoader().getResource(properties.trustAnchors().trim())
            .getInputStream()) {
          return CertificateFactory.getInstance("X.509").generateCertificates(pem).stream()
              .map(c -> new TrustAnchor((X509Certificate) c, null)).collect(Collectors.toUnmodifiableSet());
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
          .map(X509TrustManager.class::cast).flatMap(m -> Arrays.stream(m.getAcceptedIssuers()))
          .map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cspflow.csp.events.trust-anchors cannot be read as PEM certificates", e);
    }
  }

}
