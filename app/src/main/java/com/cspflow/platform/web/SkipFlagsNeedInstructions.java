package com.cspflow.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A process start through Camunda's REST API (the engine's, and the webapps' behind Tasklist) that asks to skip custom
 * listeners or input/output mappings without start instructions is the caller's mistake, answered 400 in Camunda's
 * error format. Camunda answered 500: the engine refuses it (ENGINE-13024) before any command runs, so {@link
 * com.cspflow.platform.input.ProcessEntryGuard} never sees it, and the REST layer reports every engine refusal at a
 * start as a server error. Runs after {@link RequestSizeLimit}, so the body it reads is at most 64 KiB.
 */
@Component
public class SkipFlagsNeedInstructions extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !"POST".equals(request.getMethod()) || !path.endsWith("/start")
        || !(path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/engine/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    if (skipsWithoutInstructions(body)) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getOutputStream().write(("{\"type\":\"InvalidRequestException\",\"message\":\"skipCustomListeners "
          + "and skipIoMappings apply to start instructions only\",\"code\":null}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static boolean skipsWithoutInstructions(byte[] body) {
    JsonNode start;
    try {
      start = JSON.readTree(body);
    } catch (IOException notJson) {
      return false;
    }
    if (start == null || !start.isObject()) {
      return false;
    }
    boolean skips = start.path("skipCustomListeners").asBoolean(false) || start.path("skipIoMappings").asBoolean(false);
    JsonNode instructions = start.path("startInstructions");
    return skips && (!instructions.isArray() || instructions.isEmpty());
  }
}
