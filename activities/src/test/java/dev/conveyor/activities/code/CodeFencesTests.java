package dev.conveyor.activities.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.CodeLanguage;
import org.junit.jupiter.api.Test;

/** Taking code out of a model answer. */
class CodeFencesTests {

  @Test
  void should_take_the_code_out_of_a_fence_with_prose_around_it() {
    String answer =
        "Here is the section you asked for:\n\n```html\n<section>\n  <h2>Hi</h2>\n</section>\n```\n"
            + "It uses semantic markup.";

    assertThat(CodeFences.extract(answer, CodeLanguage.HTML))
        .isEqualTo("<section>\n  <h2>Hi</h2>\n</section>");
  }

  @Test
  void should_prefer_the_block_in_the_wanted_language() {
    String answer = "```bash\ncurl example\n```\n\n```sql\nSELECT 1;\n```";

    assertThat(CodeFences.extract(answer, CodeLanguage.SQL)).isEqualTo("SELECT 1;");
    assertThat(CodeFences.extract(answer, CodeLanguage.JAVA)).isEqualTo("curl example");
  }

  @Test
  void should_take_an_answer_without_a_fence_whole() {
    assertThat(CodeFences.extract("  {\"a\": 1}\n", CodeLanguage.JSON)).isEqualTo("{\"a\": 1}");
  }

  @Test
  void should_read_tilde_fences_longer_fences_and_an_unclosed_fence() {
    assertThat(CodeFences.extract("~~~java\nrecord A() {}\n~~~", CodeLanguage.JAVA))
        .isEqualTo("record A() {}");
    assertThat(CodeFences.extract("````json\n{\"code\": \"```\"}\n````", CodeLanguage.JSON))
        .isEqualTo("{\"code\": \"```\"}");
    assertThat(CodeFences.extract("```sql\nSELECT 1;", CodeLanguage.SQL)).isEqualTo("SELECT 1;");
  }

  @Test
  void should_unwrap_a_judges_fenced_verdict() {
    assertThat(CodeFences.unwrap("```json\n{\"passed\": true}\n```"))
        .isEqualTo("{\"passed\": true}");
  }
}
