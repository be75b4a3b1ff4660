package com.cspflow.platform;

/** The three kinds of people and systems that use cspflow, as Camunda groups. */
public final class CspflowGroups {

  /** Back-office staff: work on tasks in Tasklist and start processes. */
  public static final String BACKOFFICE = "backoffice";
  /** Process owners: watch instances, history and incidents in Cockpit, retry failed jobs. */
  public static final String PROCESS_OWNERS = "process-owners";
  /** Other systems (the marketplace portal): start processes and read their state over REST only. */
  public static final String INTEGRATION = "integration";

  private CspflowGroups() {}
}
