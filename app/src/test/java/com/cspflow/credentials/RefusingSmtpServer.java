package com.cspflow.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hostile mail server for the failure path: it takes every message and then refuses it with an answer that
 * quotes the whole message, so the sender's exception carries the mail body, password included. Keeps what
 * it received, so a test knows the passwords that never reached anyone.
 */
final class RefusingSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<String> received = new CopyOnWriteArrayList<>();

  RefusingSmtpServer() throws IOException {
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "refusing-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The raw messages (headers and body) it refused, in order. */
  List<String> received() {
    return received;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept();
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
        reply(out, "220 refusing.example ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String command = line.toUpperCase();
          if (command.startsWith("DATA")) {
            reply(out, "354 go ahead");
            StringBuilder message = new StringBuilder();
            for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
              message.append(data).append('\n');
            }
            received.add(message.toString());
            reply(out, "554 5.6.0 Message refused: " + message.toString().replace('\n', '|'));
          } else if (command.startsWith("QUIT")) {
            reply(out, "221 bye");
            break;
          } else {
            reply(out, "250 OK");
          }
        }
      } catch (IOException closed) {
        // the test closed the server, or the client hung up: wait for the next one or stop
      }
    }
  }

  private static void reply(PrintWriter out, String line) {
    out.print(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
