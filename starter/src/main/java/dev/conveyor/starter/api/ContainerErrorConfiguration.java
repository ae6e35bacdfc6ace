package dev.conveyor.starter.api;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link JsonErrorReportValve} in place of Tomcat's HTML error report, after Spring Boot has
 * configured its own, so that errors Tomcat answers itself are JSON too.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

  @Bean
  JsonErrorReport jsonErrorReport() {
    return new JsonErrorReport();
  }

  /** Runs after Spring Boot's customizer, which adds the HTML report this one replaces. */
  static final class JsonErrorReport
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
              if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                host.removeValve(valve);
              }
            }
            host.addValve(new JsonErrorReportValve());
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
