package com.cspflow.boundary;

import com.cspflow.boundary.HostileHttp.Answer;
import com.cspflow.boundary.HostileHttp.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the boundary suite tried and found, per area (project API, webapps' engine API, engine REST, retries and
 * races), kept for the whole test run and written to {@code target/boundary-report.txt} and the log after every test
 * class. Every answer is checked against the invariants of the product's rules: no 5xx, the expected class of
 * answer, problem details on the project API, no SQL, stack frame or class name in a body.
 */
final class BoundaryReport {

  static final BoundaryReport REPORT = new BoundaryReport();

  private static final Logger LOG = LoggerFactory.getLogger(BoundaryReport.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FILE = Path.of("target", "boundary-report.txt");
  private static final Path ALL_FINDINGS = Path.of("target", "boundary-findings.txt");

  static final Pattern SQL = Pattern.compile("(?is)\\bselect\\s.{0,200}\\sfrom\\s|\\binsert\\s+into\\b"
      + "|\\bupdate\\s+\\w+\\s+set\\b|\\bdelete\\s+from\\b|sqlstate|sql state|\\bjdbc\\b|\\bsyntax error\\b");
  static final Pattern STACK = Pattern.compile("\\tat |\\bat (org|java|javax|jakarta|com|jdk|sun)\\.[\\w.$]+\\("
      + "|Caused by:");
  static final Pattern CLASS_NAME = Pattern.compile("\\b(org|java|javax|jakarta|com|jdk|sun)\\.[a-z]\\w*\\.[\\w.$]+"
      + "|\\b[A-Z]\\w*(Exception|Error)\\b");

  enum Finding {
    SERVER_ERROR("5xx answers"),
    UNEXPECTED_STATUS("answers of another class than expected"),
    NOT_PROBLEM_JSON("refusals without problem details"),
    INTERNALS("bodies with SQL, stack frames or class names"),
    FIELD_NOT_NAMED("400s whose problems do not name the bad field"),
    LEFT_BEHIND("refused calls that left rows, instances, jobs or incidents"),
    CROSS_PARTNER("cross-partner reads or writes"),
    DUPLICATE("duplicate creations on retried POSTs"),
    ACCEPTED_HOSTILE("hostile calls that were accepted");

    final String description;

    Finding(String description) {
      this.description = description;
    }
  }

  static final class Area {
    final String name;
    long tried;
    long refused;
    long accepted;
    final Map<Integer, Long> byStatus = new TreeMap<>();
    final Map<Finding, List<String>> findings = new LinkedHashMap<>();
    final Map<String, Long> notes = new TreeMap<>();

    Area(String name) {
      this.name = name;
      for (Finding finding : Finding.values()) {
        findings.put(finding, new ArrayList<>());
      }
    }

    long count(Finding finding) {
      return findings.get(finding).size();
    }
  }

  private final Map<String, Area> areas = new LinkedHashMap<>();

  private BoundaryReport() {}

  synchronized Area area(String name) {
    return areas.computeIfAbsent(name, Area::new);
  }

  /**
   * Records one hostile call and checks its answer: the status must be one of {@code expected}; on the project API
   * a refusal is problem details whose {@code problems} name {@code field} (when given).
   */
  synchronized void check(String areaName, String label, Request request, Answer answer, Set<Integer> expected,
      String field, boolean projectApi) {
    Area area = area(areaName);
    area.tried++;
    area.byStatus.merge(answer.status(), 1L, Long::sum);
    if (answer.status() >= 400 && answer.status() < 500) {
      area.refused++;
    } else if (answer.status() < 400) {
      area.accepted++;
    }
    String what = label + ": " + request.describe() + " -> " + answer.status() + " " + abbreviate(answer.body());
    if (answer.status() >= 500) {
      add(area, Finding.SERVER_ERROR, what);
    } else if (!expected.contains(answer.status())) {
      add(area, answer.status() < 400 ? Finding.ACCEPTED_HOSTILE : Finding.UNEXPECTED_STATUS,
          what + " (expected " + expected + ")");
    }
    internals(area, what, answer, projectApi);
    if (projectApi && answer.status() >= 400) {
      if (!answer.contentType().startsWith("application/problem+json")) {
        add(area, Finding.NOT_PROBLEM_JSON, what + " [" + answer.contentType() + "]");
      } else if (answer.status() == 400 && field != null && expected.contains(400)) {
        JsonNode problems = parse(answer.body()).path("problems");
        if (!problems.has(field)) {
          add(area, Finding.FIELD_NOT_NAMED, what + " (should name " + field + ")");
        }
      }
    }
  }

  /** Class names in the webapps' and engine REST's error JSON: its {@code type}, and its message. */
  private void internals(Area area, String what, Answer answer, boolean projectApi) {
    String body = answer.body();
    if (SQL.matcher(body).find() || STACK.matcher(body).find()) {
      add(area, Finding.INTERNALS, what);
      return;
    }
    if (projectApi) {
      if (CLASS_NAME.matcher(body).find()) {
        add(area, Finding.INTERNALS, what);
      }
      return;
    }
    JsonNode error = parse(body);
    if (error.hasNonNull("type")) {
      area.notes.merge("engine error type " + error.get("type").asText(), 1L, Long::sum);
    }
    if (error.hasNonNull("message") && CLASS_NAME.matcher(error.get("message").asText()).find()) {
      String message = error.get("message").asText().replaceAll("Cannot instantiate process definition \\S+: ", "")
          .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
      area.notes.merge("class name in engine error message: " + abbreviate(message), 1L, Long::sum);
    }
  }

  synchronized void add(String areaName, Finding finding, String what) {
    add(area(areaName), finding, what);
  }

  private static void add(Area area, Finding finding, String what) {
    area.findings.get(finding).add(what);
  }

  synchronized void note(String areaName, String note, long count) {
    area(areaName).notes.merge(note, count, Long::sum);
  }

  /** Findings of the area since {@code mark} (the size of {@link #findings} when a test began). */
  synchronized List<String> findingsSince(String areaName, int mark) {
    List<String> all = findings(areaName);
    return new ArrayList<>(all.subList(Math.min(mark, all.size()), all.size()));
  }

  synchronized List<String> findings(String areaName) {
    Area area = area(areaName);
    List<String> all = new ArrayList<>();
    area.findings.forEach((finding, list) -> list.forEach(what -> all.add(finding.name() + " " + what)));
    return all;
  }

  /** The report of everything so far, to the file and the log. */
  synchronized void write() {
    StringBuilder text = new StringBuilder("cspflow boundary report (generated hostile cases)\n");
    long tried = 0;
    long refused = 0;
    Map<Integer, Long> byStatus = new TreeMap<>();
    Map<Finding, Long> totals = new LinkedHashMap<>();
    for (Area area : areas.values()) {
      tried += area.tried;
      refused += area.refused;
      area.byStatus.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
      area.findings.forEach((finding, list) -> totals.merge(finding, (long) list.size(), Long::sum));
    }
    text.append(String.format("%nTOTAL  cases tried %d, refused (4xx) %d, by status %s%n", tried, refused, byStatus));
    totals.forEach((finding, count) -> text.append(String.format("       %-60s %d%n", finding.description, count)));
    for (Area area : areas.values()) {
      text.append(String.format("%n== %s: cases tried %d, refused %d, accepted %d, by status %s%n", area.name,
          area.tried, area.refused, area.accepted, area.byStatus));
      area.findings.forEach((finding, list) -> {
        text.append(String.format("   %-60s %d%n", finding.description, list.size()));
        list.stream().limit(15).forEach(what -> text.append("      ").append(what).append('\n'));
        if (list.size() > 15) {
          text.append("      ... and ").append(list.size() - 15).append(" more\n");
        }
      });
      area.notes.forEach((note, count) -> text.append(String.format("   note: %s (%d)%n", note, count)));
    }
    StringBuilder all = new StringBuilder();
    areas.values().forEach(area -> area.findings.forEach((finding, list) -> list.forEach(what ->
        all.append(area.name).append(" | ").append(finding.name()).append(" | ").append(what).append('\n'))));
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, text);
      Files.writeString(ALL_FINDINGS, all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LOG.info("\n{}", text);
  }

  static String describe(Collection<String> findings) {
    return findings.stream().limit(40).collect(Collectors.joining("\n  ", "\n  ", findings.size() > 40
        ? "\n  ... and " + (findings.size() - 40) + " more (target/boundary-report.txt)" : ""));
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException | RuntimeException notJson) {
      return JSON.createObjectNode();
    }
  }

  static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ");
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
