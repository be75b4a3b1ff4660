package com.cspflow.platform.web;

import com.cspflow.platform.security.ProblemResponses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No NUL character reaches the database: PostgreSQL can neither store nor compare text holding one, so a NUL in
 * anything that ends up in a query failed as a 500 (Tasklist's task and instance queries, the webapps' sign-in).
 * No input cspflow or the engine takes can hold one, so a request carrying one is refused (400) naming where it was:
 * <ul>
 *   <li>in a query parameter or a form field, on every path;
 *   <li>in a JSON body of the engine's REST API or the webapps' engine API, whose queries have no typed validation.
 * </ul>
 * The project API's JSON bodies are left to its typed validation, which refuses a NUL in every field by name already.
 * Runs after {@link RequestSizeLimit}, so a body it reads is at most 64 KiB.
 */
public class NoNulCharacters extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM = "must not contain a NUL character";

  private final ProblemResponses problems;

  public NoNulCharacters(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> where = inForm(request.getQueryString());
    HttpServletRequest passed = request;
    if (where.isEmpty() && request.getContentLengthLong() != 0 && request.getContentType() != null) {
      MediaType type = mediaType(request.getContentType());
      boolean form = MediaType.APPLICATION_FORM_URLENCODED.includes(type);
      boolean engineJson = engineApi(request) && (MediaType.APPLICATION_JSON.includes(type)
          || type.getSubtype().endsWith("+json"));
      if (form || engineJson) {
        byte[] body = request.getInputStream().readAllBytes();
        passed = new CachedBodyRequest(request, body);
        where = form ? inForm(new String(body, StandardCharsets.UTF_8)) : inJson(body);
      }
    }
    if (where.isPresent()) {
      refuse(request, response, where.get());
      return;
    }
    chain.doFilter(passed, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String where) throws IOException {
    if (engineApi(request)) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("type", "InvalidRequestException",
          "message", where + " " + PROBLEM)));
    } else {
      problems.write(request, response, 400, "Invalid input", where + " " + PROBLEM, Map.of(where, PROBLEM));
    }
  }

  private static boolean engineApi(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/");
  }

  private static MediaType mediaType(String contentType) {
    try {
      return MediaType.parseMediaType(contentType);
    } catch (RuntimeException unreadable) {
      return MediaType.APPLICATION_OCTET_STREAM;
    }
  }

  /** The name of the first query or form parameter holding a NUL character. */
  static Optional<String> inForm(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
      if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
        return Optional.of(name.replace('\0', '?'));
      }
    }
    return Optional.empty();
  }

  private static String decoded(String part) {
    try {
      return URLDecoder.decode(part, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return part;
    }
  }

  /** Where in a JSON body a NUL character is (a name or a text value), as a path like variables.name.value. */
  static Optional<String> inJson(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.indexOf('\0') < 0 && !text.toLowerCase().contains("\\u0000")) {
      return Optional.empty();
    }
    try {
      return at(JSON.readTree(body), "body");
    } catch (IOException notJson) {
      return Optional.of("body");
    }
  }

  private static Optional<String> at(JsonNode node, String path) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return node.asText().indexOf('\0') >= 0 ? Optional.of(path) : Optional.empty();
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> found = at(node.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = path.equals("body") ? field.getKey() : path + "." + field.getKey();
      if (field.getKey().indexOf('\0') >= 0) {
        return Optional.of(name.replace('\0', '?'));
      }
      Optional<String> found = at(field.getValue(), name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
