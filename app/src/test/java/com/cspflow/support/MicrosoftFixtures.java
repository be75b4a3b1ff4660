package com.cspflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The request and response samples of Microsoft's pages (resources {@code partner-center-fixtures/}, whose README
 * names the pages): each an envelope {@code {status, headers, body}} or {@code {method, url, headers, body}}.
 * Tests stub Microsoft with these bodies, adapted only where a test needs its own ids.
 */
public final class MicrosoftFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MicrosoftFixtures() {}

  /** The status of a documented response, e.g. {@code response("token-refresh")}. */
  public static int status(String sample) {
    return read(sample + ".response.json").path("status").asInt();
  }

  /** A documented response's body, as a tree a test may adapt. */
  public static ObjectNode body(String sample) {
    return (ObjectNode) read(sample + ".response.json").path("body").deepCopy();
  }

  /** A documented response's body that is not JSON (the price sheet's CSV), as its text. */
  public static String textBody(String sample) {
    return read(sample + ".response.json").path("body").asText();
  }

  /** A documented request's body. */
  public static JsonNode requestBody(String sample) {
    return read(sample + ".request.json").path("body");
  }

  public static String text(JsonNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String file) {
    try (InputStream in = MicrosoftFixtures.class.getResourceAsStream("/partner-center-fixtures/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + file);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
