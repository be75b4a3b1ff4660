package com.cspflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.export.CoverageStateResult;
import org.camunda.community.process_test_coverage.report.CoverageReportUtil;

/**
 * Merges the per-class process coverage reports of one test run ({@code <dir>/<test class>/report.json}) into
 * {@code <dir>/all/report.json} and {@code <dir>/all/report.html}; {@code mvn verify} runs it after the tests.
 * It does what the library's own report aggregator Maven plugin does, with the library's own merge and HTML
 * template: that plugin is not served by Maven Central, the rest of the library is.
 */
public final class ProcessCoverageAggregate {

  static final String AGGREGATE = "all";

  private ProcessCoverageAggregate() {}

  public static void main(String[] args) {
    Path reports = Path.of(args.length > 0 ? args[0] : "target/process-test-coverage");
    List<String> perClass = perClassReports(reports);
    if (perClass.isEmpty()) {
      System.out.println("process coverage: no per-class report under " + reports + ", nothing to aggregate");
      return;
    }
    String merged = perClass.stream().reduce(CoverageStateJsonExporter::combineCoverageStateResults).orElseThrow();
    CoverageStateResult result = CoverageStateJsonExporter.readCoverageStateResult(merged);
    String json = CoverageStateJsonExporter.createCoverageStateResult(result.getSuites(), result.getModels());
    Path aggregate = reports.resolve(AGGREGATE);
    CoverageReportUtil.writeReport(json, false, aggregate.toFile(), "report.json", report -> report);
    CoverageReportUtil.writeReport(json, true, aggregate.toFile(), "report.html", CoverageReportUtil::generateHtml);
    System.out.println("process coverage: " + perClass.size() + " test classes, " + result.getModels().size()
        + " processes -> " + aggregate.resolve("report.html"));
  }

  private static List<String> perClassReports(Path reports) {
    if (!Files.isDirectory(reports)) {
      return List.of();
    }
    try (Stream<Path> classes = Files.list(reports)) {
      return classes.filter(dir -> !dir.getFileName().toString().equals(AGGREGATE))
          .map(dir -> dir.resolve("report.json"))
          .filter(Files::isRegularFile)
          .sorted()
          .map(ProcessCoverageAggregate::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
