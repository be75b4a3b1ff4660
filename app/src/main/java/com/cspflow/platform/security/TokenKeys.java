package com.cspflow.platform.security;

/** The key that signs the API's access tokens, made by the first node that starts. */
public interface TokenKeys {

  /** Loads the shared key, making it if no node has yet. */
  void ensure();
}
