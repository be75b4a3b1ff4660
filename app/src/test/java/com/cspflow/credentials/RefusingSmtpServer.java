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
 * A hostile mail server for the failure paths. {@link Refusal#TEMPORARILY}: it takes every message and then refuses
 * it for now (451) with an answer that quotes the whole message, so the sender's exception carries the mail body,
 * password included. {@link Refusal#UNKNOWN_RECIPIENT}: it refuses every recipient for good (550 5.1.1), so no
 * message is ever sent. {@link Refusal#SILENT_AFTER_TAKING}: it takes the message (250) and then never answers the
 * sender's QUIT, so closing the connection fails after the mail was delivered. Keeps what it received and whom it
 * refused, so a test knows the passwords that never reached anyone, and runs a test's check the moment a message
 * has arrived, while the sender still waits for the answer.
 */
final class RefusingSmtpServer implements AutoCloseable {

  enum Refusal {
    /** 451 after the message: a temporary failure the sender retries. */
    TEMPORARILY,
    /** 550 to every RCPT TO: the recipient does not exist, for good. */
    UNKNOWN_RECIPIENT,
    /** 250 for the message, then silence: the sender's QUIT times out although the mail was taken. */
    SILENT_AFTER_TAKING
  }

  private final ServerSocket socket;
  private final Refusal refusal;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> refusedRecipients = new CopyOnWriteArrayList<>();
  private volatile Runnable whenMessageArrives = () -> {};

  RefusingSmtpServer() throws IOException {
    this(Refusal.TEMPORARILY);
  }

  RefusingSmtpServer(Refusal refusal) throws IOException {
    this.refusal = refusal;
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "refusing-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Runs {@code check} each time a whole message has arrived, before the server answers it. */
  RefusingSmtpServer whenMessageArrives(Runnable check) {
    this.whenMessageArrives = check;
    return this;
  }

  /** The raw messages (headers and body) it received, in order: refused ones, or taken ones when silent after. */
  List<String> received() {
    return received;
  }

  /** The recipients it refused, in order, as the RCPT TO commands named them. */
  List<String> refusedRecipients() {
    return refusedRecipients;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept();
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
        reply(out, "220 refusing.example ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String command = line.toUpperCase();
          if (command.startsWith("RCPT TO") && refusal == Refusal.UNKNOWN_RECIPIENT) {
            String recipient = line.substring(line.indexOf(':') + 1).trim().replaceAll("[<>]", "");
            refusedRecipients.add(recipient);
            reply(out, "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown");
          } else if (command.startsWith("DATA")) {
            reply(out, "354 go ahead");
            StringBuilder message = new StringBuilder();
            for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
              message.append(data).append('\n');
            }
            received.add(message.toString());
            whenMessageArrives.run();
            if (refusal == Refusal.SILENT_AFTER_TAKING) {
              reply(out, "250 2.0.0 Ok: queued");
            } else {
              reply(out, "451 4.3.0 Try again later: " + message.toString().replace('\n', '|'));
            }
          } else if (command.startsWith("QUIT") && refusal == Refusal.SILENT_AFTER_TAKING) {
            in.readLine(); // waits, answering nothing, until the sender gives up and hangs up
            break;
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
