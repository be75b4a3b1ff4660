package com.cspflow.partnercenterevents;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events signed as Partner Center signs them, by test certificates (test resources {@code partner-center-events/}):
 * {@code notifications} is the sandbox's (its authority's, issued to Microsoft's notification service),
 * {@code other-subject} the same authority's for another name, {@code self-signed} Microsoft's name without an
 * authority. Their certificates are served from a loopback address, which counts the downloads.
 */
final class SignedEvents implements AutoCloseable {

  private static final char[] PASSWORD = "sandbox".toCharArray();

  private final HttpServer server;
  final AtomicInteger downloads = new AtomicInteger();

  SignedEvents() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String name : new String[] {"notifications", "other-subject", "self-signed"}) {
      server.createContext("/cert/" + name + ".cer", exchange -> {
        downloads.incrementAndGet();
        byte[] der;
        try {
          der = certificate(name).getEncoded();
        } catch (GeneralSecurityException e) {
          throw new IOException(e);
        }
        exchange.sendResponseHeaders(200, der.length);
        exchange.getResponseBody().write(der);
        exchange.close();
      });
    }
    server.createContext("/cert/slow.cer", exchange -> { // a download that takes its time, then is not found
      downloads.incrementAndGet();
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.createContext("/", exchange -> { // any other address: not found, but counted
      downloads.incrementAndGet();
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
  }

  /** Where the certificate {@code name} is served. */
  String certificateUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/cert/" + name + ".cer";
  }

  /** {@code Signature <base64>} of {@code body} by the key of {@code name}. */
  static String signature(String name, byte[] body) {
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign((PrivateKey) keys(name).getKey("notifications", PASSWORD));
      signer.update(body);
      return "Signature " + Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate certificate(String name) {
    try {
      return (X509Certificate) keys(name).getCertificate("notifications");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore keys(String name) {
    try (InputStream in = SignedEvents.class.getResourceAsStream("/partner-center-events/" + name + ".p12")) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
