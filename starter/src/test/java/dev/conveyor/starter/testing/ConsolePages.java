package dev.conveyor.starter.testing;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The console's pages as a browser receives them, through MockMvc. */
public final class ConsolePages {

  private ConsolePages() {}

  /** Returns the HTML of a page that must answer 200. */
  public static String ok(MockMvc mvc, RequestBuilder request) throws Exception {
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }
}
