package com.cspflow.platform.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiClientRepository {

  record Stored(ApiClient client, String secretHash) {}

  private final JdbcClient jdbc;

  ApiClientRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ApiClient client, String secretHash) {
    jdbc.sql("""
        INSERT INTO api_client (client_id, name, secret_hash, role, partner_id, enabled, created_at, created_by)
        VALUES (:clientId, :name, :secretHash, :role, :partnerId, :enabled, :createdAt, :createdBy)""")
        .param("clientId", client.clientId()).param("name", client.name()).param("secretHash", secretHash)
        .param("role", client.role().name()).param("partnerId", client.partnerId())
        .param("enabled", client.enabled()).param("createdAt", Timestamp.from(client.createdAt()))
        .param("createdBy", client.createdBy()).update();
  }

  Optional<Stored> find(String clientId) {
    return jdbc.sql("SELECT * FROM api_client WHERE client_id = :id").param("id", clientId)
        .query((rs, row) -> new Stored(map(rs), rs.getString("secret_hash"))).optional();
  }

  List<ApiClient> all() {
    return jdbc.sql("SELECT * FROM api_client ORDER BY client_id").query((rs, row) -> map(rs)).list();
  }

  boolean disable(String clientId, Instant now) {
    return jdbc.sql("UPDATE api_client SET enabled = FALSE, disabled_at = :now WHERE client_id = :id AND enabled")
        .param("now", Timestamp.from(now)).param("id", clientId).update() == 1;
  }

  private static ApiClient map(ResultSet rs) throws SQLException {
    return new ApiClient(rs.getString("client_id"), rs.getString("name"), ApiRole.valueOf(rs.getString("role")),
        rs.getString("partner_id"), rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"));
  }
}
