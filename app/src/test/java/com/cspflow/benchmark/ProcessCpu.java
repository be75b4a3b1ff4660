package com.cspflow.benchmark;

import com.cspflow.support.SandboxProcess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by the processes a benchmark runs on this machine: this JVM (cspflow and the benchmark's
 * clients), the sandbox's process, and the local PostgreSQL server. Unlike throughput it hardly depends on what else
 * runs on the machine, and it shows which of them a run is limited by.
 */
record ProcessCpu(SandboxProcess sandbox, long jvmNanos, long sandboxNanos, long postgresTicks) {

  static ProcessCpu now(SandboxProcess sandbox) {
    return new ProcessCpu(sandbox, thisJvmNanos(), sandbox.cpuTime().toNanos(), readPostgresTicks());
  }

  /** The CPU time this JVM (cspflow and the benchmark's clients) has used so far. */
  static long thisJvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Milliseconds of CPU per unit of work since this reading, for cspflow, the sandbox and PostgreSQL. */
  String perUnitSince(long units, String unit) {
    return usedSince().perUnit(units, unit);
  }

  /** The CPU each process used since this reading. */
  Used usedSince() {
    ProcessCpu now = now(sandbox);
    return new Used((now.jvmNanos - jvmNanos) / 1e6, (now.sandboxNanos - sandboxNanos) / 1e6,
        postgresTicks < 0 ? -1 : (now.postgresTicks - postgresTicks) * 10.0);
  }

  /** Milliseconds of CPU of each process; PostgreSQL's is negative where it is not measured. */
  record Used(double jvmMillis, double sandboxMillis, double postgresMillis) {

    String perUnit(long units, String unit) {
      return String.format("CPU per %s: cspflow %.3f ms, sandbox %.3f ms, PostgreSQL %s", unit, jvmMillis / units,
          sandboxMillis / units,
          postgresMillis < 0 ? "not measured" : String.format("%.3f ms", postgresMillis / units));
    }

    /** All three together per unit: what the work cost the machine. */
    double totalPerUnit(long units) {
      return (jvmMillis + sandboxMillis + Math.max(0, postgresMillis)) / units;
    }
  }

  /** user + system time of every local process named postgres, in clock ticks (10 ms); -1 if unknown. */
  private static long readPostgresTicks() {
    long ticks = 0;
    boolean found = false;
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          int nameEnd = stat.lastIndexOf(')');
          if (stat.substring(stat.indexOf('(') + 1, nameEnd).equals("postgres")) {
            String[] fields = stat.substring(nameEnd + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            found = true;
          }
        } catch (java.io.IOException | RuntimeException gone) {
          // the process ended while we read it
        }
      }
    } catch (java.io.IOException notLinux) {
      return -1;
    }
    return found ? ticks : -1;
  }
}
