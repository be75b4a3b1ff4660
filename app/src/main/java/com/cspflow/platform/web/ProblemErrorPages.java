package com.cspflow.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refusals that happen before a controller is found are RFC 9457 problem details too, like every other refusal:
 * a method a path does not offer (405), a path that does not exist (404), a request a filter refused with an error
 * (Spring Boot's {@code /error}); and what Tomcat refuses before the application sees the request at all, a path
 * with an encoded NUL byte or slash, a request line or header too long (Tomcat's error report, an HTML page until
 * now). Neither says more than the status and a sentence: no exception, no server version.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemErrorPages {

  @Bean
  BasicErrorController problemErrorController(ErrorAttributes errorAttributes, ServerProperties server) {
    return new ProblemErrorController(errorAttributes, server);
  }

  @Bean
  ProblemErrorReports problemErrorReports() {
    return new ProblemErrorReports();
  }

  /** Replaces the error report valve Spring Boot put on Tomcat's host: ordered after Boot's own customizer. */
  static class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(context -> {
        Pipeline host = context.getParent().getPipeline();
        for (Valve valve : host.getValves()) {
          if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
            host.removeValve(valve);
          }
        }
        host.addValve(new ProblemErrorReportValve());
        if (context.getParent() instanceof StandardHost standardHost) {
          standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
      });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  /** One sentence per status, for refusals that have no controller to explain them. */
  static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed: its path, a header or the request line could not be read, or is too long";
      case 401 -> "Sign in: an API client with a bearer token, a person with HTTP Basic";
      case 403 -> "You may not do this";
      case 404 -> "There is nothing here";
      case 405 -> "This path does not offer this method";
      case 406 -> "This path cannot answer in the media type asked for";
      case 413 -> "The request is too large";
      case 414, 431 -> "The request line or its headers are too long";
      case 415 -> "This path does not take this content type";
      default -> status >= 500 ? "Something went wrong on our side" : "The request was refused";
    };
  }

  static String title(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Error" : known.getReasonPhrase();
  }

  /**
   * Spring Boot's {@code /error}: problem details whatever the Accept header asks for. A browser (Accept: text/html)
   * got Spring Boot's "Whitelabel Error Page" until now, an integration that asked for XML an empty body.
   */
  static class ProblemErrorController extends BasicErrorController {

    private static final ObjectMapper JSON = new ObjectMapper();

    ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties server) {
      super(errorAttributes, server.getError());
    }

    /** {@code /error} asked for as a path, not reached by an error's dispatch, is a path with nothing: not a 500. */
    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
      if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
        return HttpStatus.NOT_FOUND;
      }
      return super.getStatus(request);
    }

    @Override
    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
      HttpStatus status = getStatus(request);
      if (status == HttpStatus.NO_CONTENT) {
        return new ResponseEntity<>(status);
      }
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem(request, status));
    }

    /** Written directly: the answer is not HTML, and Spring MVC would refuse to write JSON to an HTML-only Accept. */
    @Override
    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
      HttpStatus status = getStatus(request);
      response.setStatus(status.value());
      if (status != HttpStatus.NO_CONTENT) {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        try {
          JSON.writeValue(response.getOutputStream(), problem(request, status));
        } catch (IOException clientGone) {
          // Nothing more to answer to a client that is gone.
        }
      }
      return null;
    }

    private static Map<String, Object> problem(HttpServletRequest request, HttpStatus status) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", title(status.value()));
      problem.put("status", status.value());
      problem.put("detail", detail(status.value()));
      if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
        problem.put("instance", path);
      }
      return problem;
    }
  }

  /** Tomcat's error report as problem details; Tomcat creates it by name, so it is public with no arguments. */
  public static class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      try {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        PrintWriter writer = response.getReporter();
        if (writer != null) {
          writer.write("{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status
              + ",\"detail\":\"" + detail(status) + "\"}");
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException cannotWrite) {
        // The client is gone or the response cannot be written: nothing more to report.
      }
    }
  }
}
