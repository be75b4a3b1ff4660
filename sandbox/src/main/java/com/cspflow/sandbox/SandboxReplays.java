package com.cspflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partner Center's idempotency for changes: the first successful answer to an (operation, MS-RequestId) is
 * kept and returned again for the same pair, without doing the work twice. Refusals are not kept, so a call
 * refused for a reason that has since gone away succeeds when retried. Passwords are removed before an answer
 * is kept: the one-time password of a new customer is in the first answer only, as at Microsoft.
 */
@Component
class SandboxReplays {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;

  SandboxReplays(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.json = json;
  }

  ResponseEntity<String> once(String operation, String requestId, Supplier<ResponseEntity<?>> work) {
    if (requestId == null || requestId.isBlank()) {
      return transaction.execute(status -> {
        ResponseEntity<?> answer = work.get();
        return asJson(answer, write(answer.getBody()));
      });
    }
    Optional<ResponseEntity<String>> earlier = earlier(operation, requestId);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return transaction.execute(status -> {
        ResponseEntity<?> answer = work.get();
        jdbc.update("INSERT INTO sandbox_request (operation, request_id, http_status, body, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", operation, requestId, answer.getStatusCode().value(),
            write(withoutPasswords(json.valueToTree(answer.getBody()))), System.currentTimeMillis());
        return asJson(answer, write(answer.getBody()));
      });
    } catch (DuplicateKeyException concurrentTwin) {
      return earlier(operation, requestId).orElseThrow(() -> concurrentTwin);
    }
  }

  private Optional<ResponseEntity<String>> earlier(String operation, String requestId) {
    return jdbc.query("SELECT http_status, body FROM sandbox_request WHERE operation = ? AND request_id = ?",
        (rs, row) -> ResponseEntity.status(rs.getInt("http_status")).contentType(MediaType.APPLICATION_JSON)
            .body(rs.getString("body")), operation, requestId).stream().findFirst();
  }

  private static ResponseEntity<String> asJson(ResponseEntity<?> answer, String body) {
    return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
        .contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static JsonNode withoutPasswords(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("password");
    }
    node.forEach(SandboxReplays::withoutPasswords);
    return node;
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
