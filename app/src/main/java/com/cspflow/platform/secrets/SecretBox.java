package com.cspflow.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts what cspflow must keep but nobody may read in the database (the Partner Center consent's refresh token,
 * the key that signs API tokens): AES-256-GCM from the JDK, a fresh 96-bit nonce per value, the key from
 * {@code cspflow.secrets.key} (CSPFLOW_SECRETS_KEY: 32 random bytes, base64, e.g. {@code openssl rand -base64 32}).
 * A value encrypted under another key, or changed, fails to decrypt instead of giving garbage.
 */
@Component
public class SecretBox {

  private static final String FORMAT = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(@Value("${cspflow.secrets.key:}") String base64Key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalStateException("cspflow.secrets.key (CSPFLOW_SECRETS_KEY) is not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalStateException("cspflow.secrets.key (CSPFLOW_SECRETS_KEY) must be 32 bytes, base64-encoded "
          + "(openssl rand -base64 32)");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  public String encrypt(String plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return FORMAT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
          .put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  public String decrypt(String encrypted) {
    if (encrypted == null || !encrypted.startsWith(FORMAT)) {
      throw new IllegalStateException("Not a value this installation encrypted");
    }
    byte[] all = Base64.getDecoder().decode(encrypted.substring(FORMAT.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException wrongKeyOrChanged) {
      throw new IllegalStateException("A stored secret cannot be decrypted with cspflow.secrets.key: the key changed, "
          + "or the value was altered");
    }
  }
}
