package com.cspflow.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads, grouped by their name without its number ({@code http-nio-#-exec-#} are Tomcat's
 * request threads, {@code camundaTaskExecutor-#} the job executor's): which part of cspflow an order's CPU goes to,
 * in milliseconds rather than JFR's samples, with what each group allocated. What no Java thread accounts for (garbage
 * collection, the JIT compilers, threads that ended, such as the benchmark's REST clients at the end of a round) is
 * the JVM's own; the collections' pauses and the JIT compilers' time (summed over their threads, so it may exceed the
 * CPU they got) are given beside it.
 */
record ThreadCpu(Map<Long, String> names, Map<Long, Long> nanos, long processNanos, long gcCount, long gcMillis,
    long jitMillis, Map<Long, Long> allocated, long classesLoaded) {

  static ThreadCpu now() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, Long> allocated = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "#"));
          nanos.put(info.getThreadId(), cpu);
          allocated.put(info.getThreadId(), ((com.sun.management.ThreadMXBean) threads)
              .getThreadAllocatedBytes(info.getThreadId()));
        }
      }
    }
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, collector.getCollectionCount());
      gcMillis += Math.max(0, collector.getCollectionTime());
    }
    return new ThreadCpu(names, nanos, ProcessCpu.thisJvmNanos(), gcCount, gcMillis,
        ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), allocated,
        ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
  }

  /** Milliseconds per unit of work since this reading, by thread group, the largest first. */
  String perUnitSince(long units) {
    ThreadCpu now = now();
    Map<String, Double> groups = new HashMap<>();
    Map<String, Double> kilobytes = new HashMap<>();
    double threadsTotal = 0;
    for (Map.Entry<Long, Long> thread : now.nanos.entrySet()) {
      double used = (thread.getValue() - nanos.getOrDefault(thread.getKey(), 0L)) / 1e6;
      groups.merge(now.names.get(thread.getKey()), used, Double::sum);
      threadsTotal += used;
      kilobytes.merge(now.names.get(thread.getKey()),
          (now.allocated.get(thread.getKey()) - allocated.getOrDefault(thread.getKey(), 0L)) / 1024.0, Double::sum);
    }
    groups.put("(the JVM's own: GC, JIT, ended threads)", (now.processNanos - processNanos) / 1e6 - threadsTotal);
    Map<String, Double> largest = groups.entrySet().stream().filter(g -> g.getValue() / units >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    return largest.entrySet().stream().map(g -> String.format("%s %.2f%s", g.getKey(), g.getValue() / units,
            kilobytes.containsKey(g.getKey())
                ? String.format(" (%.0f kB allocated)", kilobytes.get(g.getKey()) / units) : ""))
        .collect(Collectors.joining(", ", "cspflow's JVM by threads, ms per order: ", String.format(
            "; %d collections (%s) taking %.2f ms of pauses per order, JIT compilers %.2f ms per order, %d classes"
                + " loaded",
            now.gcCount - gcCount, ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")),
            (now.gcMillis - gcMillis) / (double) units, (now.jitMillis - jitMillis) / (double) units,
            now.classesLoaded - classesLoaded)));
  }
}
