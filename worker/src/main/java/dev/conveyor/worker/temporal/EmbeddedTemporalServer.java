package dev.conveyor.worker.temporal;

import dev.conveyor.workflow.JobSearchAttributes;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal test server bound to one address (loopback by default), with Conveyor's search
 * attributes registered. {@code TestServer.createPortBoundServer} binds every interface; this does
 * what it does with a builder bound to the given address. It uses the SDK's internal test-service
 * classes, so the SDK version is pinned and a test covers this class.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final TestServicesStarter services;
  private final Server server;
  private final String target;

  private EmbeddedTemporalServer(TestServicesStarter services, Server server, String target) {
    this.services = services;
    this.server = server;
    this.target = target;
  }

  /**
   * Starts a server in real time (timers fire when they are due) on the given address and registers
   * the search attributes.
   *
   * @param host the address to bind, for example {@code 127.0.0.1}
   * @param port the port, or 0 for any free port
   */
  public static EmbeddedTemporalServer start(String host, int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "cannot start the embedded Temporal server on " + host + ":" + port, e);
    }
    String target = host + ":" + ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    EmbeddedTemporalServer embedded = new EmbeddedTemporalServer(services, server, target);
    embedded.registerSearchAttributes();
    log.info("Embedded Temporal test server listening on {}", target);
    return embedded;
  }

  /** Returns the {@code host:port} clients connect to. */
  public String target() {
    return target;
  }

  /** Returns the address the server listens on. */
  public InetSocketAddress boundAddress() {
    return (InetSocketAddress) server.getListenSockets().get(0);
  }

  /** Returns the port the server listens on. */
  public int port() {
    return boundAddress().getPort();
  }

  private void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace("default");
      for (SearchAttributeKey<String> key : JobSearchAttributes.ALL) {
        request.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }

  /** Runs a standalone server until the process is killed: {@code [host] [port]}. */
  public static void main(String[] args) throws InterruptedException {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 7233;
    EmbeddedTemporalServer embedded = start(host, port);
    System.out.println("TEMPORAL_TARGET=" + embedded.target());
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    embedded.server.awaitTermination();
  }
}
