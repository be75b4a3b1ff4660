package com.cspflow.platform;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who just started cspflow where to go and how to sign in. */
@Component
public class StartupBanner {

  private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

  private final LocalUsersProperties localUsers;
  private final String adminUser;

  public StartupBanner(LocalUsersProperties localUsers, @Value("${cspflow.admin-user.id}") String adminUser) {
    this.localUsers = localUsers;
    this.adminUser = adminUser;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void announce(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    String base = "http://localhost:" + web.getWebServer().getPort();
    String users = localUsers.users().isEmpty()
        ? "none (production profile)"
        : localUsers.users().stream().map(u -> u.id() + " (" + u.group() + ")").collect(Collectors.joining(", "));
    LOG.info("""

        cspflow is up
          Tasklist, Cockpit, Admin:  {}/camunda/app/
          Engine REST API:           {}/engine-rest
          Project API:               {}/api
          Health:                    {}/actuator/health
          Sign in as:                {} (admin); {}
          Local user passwords are the user names (see README); the admin's comes from CSPFLOW_ADMIN_PASSWORD.""",
        base, base, base, base, adminUser, users);
  }
}
