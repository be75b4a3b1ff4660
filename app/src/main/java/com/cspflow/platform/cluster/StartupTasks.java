package com.cspflow.platform.cluster;

import com.cspflow.catalog.CatalogService;
import com.cspflow.platform.IdentityBootstrap;
import com.cspflow.platform.TasklistFilters;
import com.cspflow.platform.security.ApiClients;
import com.cspflow.platform.security.TokenKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a node does once when it starts, one node after the other: the administrator, groups, authorizations and local
 * users, the back office's Tasklist filters, the local API clients, the key that signs API tokens, and the catalog
 * when there is none yet. Each checks before it creates; the lock on the {@code startup} row of
 * {@code cluster_lock} makes "check, then create" safe when two nodes start at the same moment (the second waits,
 * then finds everything there). Readiness follows: a node accepts traffic only after this has run.
 */
@Component
public class StartupTasks {

  private static final Logger LOG = LoggerFactory.getLogger(StartupTasks.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final IdentityBootstrap identity;
  private final TasklistFilters filters;
  private final ApiClients apiClients;
  private final TokenKeys tokenKeys;
  private final CatalogService catalog;

  public StartupTasks(JdbcClient jdbc, PlatformTransactionManager transactions, IdentityBootstrap identity,
      TasklistFilters filters, ApiClients apiClients, TokenKeys tokenKeys, CatalogService catalog) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.identity = identity;
    this.filters = filters;
    this.apiClients = apiClients;
    this.tokenKeys = tokenKeys;
    this.catalog = catalog;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void runOnce() {
    transaction.executeWithoutResult(status -> {
      jdbc.sql("SELECT name FROM cluster_lock WHERE name = 'startup' FOR UPDATE").query(String.class).single();
      identity.createGroupsAndUsers();
      filters.createFilters();
      apiClients.registerLocalClients();
      tokenKeys.ensure();
      catalog.loadWhenEmpty();
    });
    LOG.info("Start-up tasks done");
  }
}
