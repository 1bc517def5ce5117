package io.outpost.hq.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escape_markupAndQuotes_becomeEntities() {
    assertThat(Html.escape("<script>alert('x')</script> & \"y\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
  }

  @Test
  void escape_controlCharacters_replaced() {
    assertThat(Html.escape("a\u0000b\u001bc\td")).isEqualTo("a\uFFFDb\uFFFDc\td");
  }

  @Test
  void escape_null_isEmpty() {
    assertThat(Html.escape(null)).isEmpty();
  }
}
