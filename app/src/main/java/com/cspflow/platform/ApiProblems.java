package com.cspflow.platform;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The project API's answers when a call that starts a process is refused: bad input is a 400 whose
 * {@code problems} name every offending field (the start rolled back: no instance, nothing stored), and a
 * user without the engine's permission to start that process gets a 403, as through Camunda's REST API.
 */
@RestControllerAdvice(basePackages = "com.cspflow")
class ApiProblems {

  @ExceptionHandler(InvalidProcessInput.class)
  ProblemDetail invalidInput(InvalidProcessInput invalid) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
    problem.setTitle("Invalid input");
    problem.setProperty("problems", invalid.problems());
    return problem;
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail notAllowed(AuthorizationException refused) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refused.getMessage());
    problem.setTitle("Not allowed");
    return problem;
  }
}
