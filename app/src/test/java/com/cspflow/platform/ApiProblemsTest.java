package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.csp.CspTechnicalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** What a refusal tells the caller, and what only the log holds. */
@ExtendWith(OutputCaptureExtension.class)
class ApiProblemsTest {

  private static final String TOKEN_URL =
      "https://login.microsoftonline.com/6f0f8e7c-5a4b-4c3d-9e2f-1a2b3c4d5e6f/oauth2/token";

  @Test
  void microsoftUnreachableIsA503ThatSaysWhatToDoAndKeepsTheCauseInTheLog(CapturedOutput log) {
    CspTechnicalException cause = new CspTechnicalException("Token endpoint not reachable: I/O error on POST request "
        + "for \"" + TOKEN_URL + "\": Connection refused");

    ResponseEntity<ProblemDetail> answer = new ApiProblems().unavailable(new OutsideServiceUnavailable(
        "Microsoft's sign-in could not be reached; nothing was stored. Try again later.", cause));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
    ProblemDetail problem = answer.getBody();
    assertThat(problem.getTitle()).isEqualTo("Service Unavailable");
    assertThat(problem.getDetail())
        .isEqualTo("Microsoft's sign-in could not be reached; nothing was stored. Try again later.");
    assertThat(String.valueOf(problem.getTitle()) + problem.getDetail() + problem.getProperties())
        .doesNotContain("http", "6f0f8e7c", "Token endpoint", "Connection refused", "Exception");
    assertThat(log).contains("WARN").contains(TOKEN_URL).contains("Connection refused");
  }
}
