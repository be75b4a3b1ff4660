package com.cspflow.platform.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda locks a user for a while after each wrong password, and for good after ten: anyone who knows a person's
 * user name could lock that person out of Tasklist, Cockpit and the API. cspflow's identity provider checks passwords
 * the same way but never locks anyone; {@link SignInThrottle} slows down the address that sends wrong passwords.
 */
@Component
public class NoPersonalLockout extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(NeverLocking.class));
  }

  /** Camunda's database identity provider without its per-user lock. */
  public static class NeverLocking extends DbIdentityServiceProvider {

    @Override
    protected boolean isUserLocked(UserEntity user) {
      return false;
    }

    @Override
    protected void lockUser(UserEntity user) {
      // A wrong password says nothing about the person it names: count nothing against them.
    }
  }
}
