package com.cspflow.platform.cluster;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;
import org.springframework.core.ResolvableType;

/**
 * The process engine starts after Flyway has migrated the database: its schema is one of the migrations
 * ({@code db.migration.V55__Camunda_engine_schema}), no longer something the engine creates for itself.
 */
public class EngineAfterMigrations implements DependsOnDatabaseInitializationDetector {

  @Override
  public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
    Set<String> engines = new LinkedHashSet<>();
    for (String name : beanFactory.getBeanDefinitionNames()) {
      ResolvableType type = beanFactory.getMergedBeanDefinition(name).getResolvableType();
      if (ResolvableType.forClass(ProcessEngineFactoryBean.class).isAssignableFrom(type)
          || ResolvableType.forClass(ProcessEngine.class).isAssignableFrom(type)) {
        engines.add(name);
      }
    }
    return engines;
  }
}
