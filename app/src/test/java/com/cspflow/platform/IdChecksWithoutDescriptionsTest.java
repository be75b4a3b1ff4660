package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cspflow.CspflowSpringTest;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine checks each inserted entity's id without writing the entity out as text, and still refuses a bad id. */
@CspflowSpringTest
class IdChecksWithoutDescriptionsTest {

  @Autowired ProcessEngineConfigurationImpl configuration;

  @Test
  void anEntityWithAGoodIdIsInsertedWithoutBeingDescribed() {
    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(command -> {
      assertThat(command.getDbEntityManager()).isInstanceOf(IdChecksWithoutDescriptions.EntityManager.class);
      command.getDbEntityManager().insert(new Undescribable("cspflow.id-check-probe"));
      throw new NothingToStore();
    })).as("inserted (then rolled back unflushed), never described").isInstanceOf(NothingToStore.class);
  }

  @Test
  void theReservedIdIsRefusedWithCamundasOwnMessage() {
    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(command -> {
      command.getDbEntityManager().insert(new PropertyEntity("*", "x"));
      throw new NothingToStore();
    })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("has an invalid id")
        .hasMessageContaining("* is a reserved identifier");
  }

  /** An entity whose description fails: inserting it shows whether the engine described it. */
  static final class Undescribable extends PropertyEntity {
    Undescribable(String name) {
      super(name, "probe");
    }

    @Override
    public String toString() {
      throw new AssertionError("the entity was described for its id check");
    }
  }

  static final class NothingToStore extends RuntimeException {}
}
