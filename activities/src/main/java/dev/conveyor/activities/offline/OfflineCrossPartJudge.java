package dev.conveyor.activities.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.brief.Briefs.PartSection;
import dev.conveyor.activities.text.KeyTerms;
import dev.conveyor.workflow.model.OutputKind;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The offline cross-part judge. It reads the same request a vision judge gets (each part's section
 * and each image as an image content), decodes every image and reads what it shows from its pixels
 * ({@link PictureSubject}), and answers the cross-part verdict as JSON:
 *
 * <ul>
 *   <li>an image must show at least one of the {@value #KEY_TERMS} key terms of every text beside
 *       it, or the image's part is at fault;
 *   <li>a TEXT part that uses texts must pick up at least one of the key terms of each, or it is at
 *       fault;
 *   <li>an image it cannot read (not drawn by the offline painter) is noted and not held against
 *       the bundle.
 * </ul>
 *
 * Code is not judged here: the deterministic checks that run before (the page contains each text
 * and references each image) are what the offline provider has for it.
 */
public final class OfflineCrossPartJudge implements ChatModel {

  static final int KEY_TERMS = 8;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ChatResponse doChat(ChatRequest request) {
    String brief = Briefs.userText(request);
    String checked = Briefs.read(brief, Briefs.PART_TO_CHECK);
    List<PartSection> parts = Briefs.partSections(brief);
    Map<String, Optional<List<String>>> shown = picturesOf(parts, imagesOf(request));
    Map<String, String> texts = new LinkedHashMap<>();
    for (PartSection part : parts) {
      if (part.kind() == OutputKind.TEXT && !part.name().equals(checked)) {
        texts.put(part.name(), part.body());
      }
    }
    List<String> issues = new ArrayList<>();
    List<Beside> besides = new ArrayList<>();
    for (Map.Entry<String, Optional<List<String>>> image : shown.entrySet()) {
      if (image.getValue().isEmpty()) {
        issues.add(
            "the image of \""
                + image.getKey()
                + "\" was not drawn by the offline painter: the offline judge cannot see it");
      } else {
        besides.add(new Beside(image.getKey(), true, String.join(" ", image.getValue().get())));
      }
    }
    parts.stream()
        .filter(p -> p.name().equals(checked) && p.kind() == OutputKind.TEXT)
        .forEach(own -> besides.add(new Beside(own.name(), false, own.body())));
    String fault = null;
    String feedback = "";
    int pairs = 0;
    int fitting = 0;
    for (Beside beside : besides) {
      Set<String> stems = stemsOf(beside.content());
      for (Map.Entry<String, String> text : texts.entrySet()) {
        pairs++;
        List<String> promised = keyTerms(text.getValue());
        String terms = String.join(", ", promised);
        if (promised.isEmpty()
            || promised.stream().anyMatch(t -> stems.contains(KeyTerms.stem(t)))) {
          fitting++;
        } else if (fault == null) {
          fault = beside.part();
          String source = "the text of \"" + text.getKey() + "\"";
          issues.add(
              beside.image()
                  ? "the image of \""
                      + fault
                      + "\" shows none of what "
                      + source
                      + " promises: "
                      + terms
                  : "the text of \"" + fault + "\" takes up nothing of " + source + ": " + terms);
          feedback =
              beside.image()
                  ? "Show what " + source + " promises: " + terms + "."
                  : "Follow " + source + ": pick up " + terms + ".";
        }
      }
    }
    double score = pairs == 0 ? 1.0 : (double) fitting / pairs;
    ObjectNode verdict = JSON.createObjectNode();
    verdict.put("passed", fault == null);
    verdict.put("score", Math.round(score * 100) / 100.0);
    issues.forEach(verdict.putArray("issues")::add);
    verdict.put("feedback", feedback);
    verdict.put("part", fault == null ? checked : fault);
    return OfflineModels.response(
        OfflineModels.CROSS_PART_JUDGE, OfflineModels.inputText(request), verdict.toString());
  }

  /**
   * A part that must agree with the texts beside it.
   *
   * @param part its name
   * @param image whether it is a picture (its content: the words it shows) or a text
   * @param content what it shows or says
   */
  private record Beside(String part, boolean image, String content) {}

  /** Returns what each IMAGE part's picture shows, in the order of the image contents. */
  private static Map<String, Optional<List<String>>> picturesOf(
      List<PartSection> parts, List<ImageContent> images) {
    Map<String, Optional<List<String>>> shown = new LinkedHashMap<>();
    int next = 0;
    for (PartSection part : parts) {
      if (part.kind() != OutputKind.IMAGE) {
        continue;
      }
      if (next >= images.size()) {
        shown.put(part.name(), Optional.empty());
        continue;
      }
      String data = images.get(next++).image().base64Data();
      shown.put(
          part.name(),
          data == null ? Optional.empty() : PictureSubject.read(Base64.getDecoder().decode(data)));
    }
    return shown;
  }

  private static List<ImageContent> imagesOf(ChatRequest request) {
    List<ImageContent> images = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      if (message instanceof UserMessage user) {
        for (Content content : user.contents()) {
          if (content instanceof ImageContent image) {
            images.add(image);
          }
        }
      }
    }
    return images;
  }

  private static List<String> keyTerms(String text) {
    return KeyTerms.top(text, KEY_TERMS).stream().map(KeyTerms.Term::word).toList();
  }

  private static Set<String> stemsOf(String text) {
    return KeyTerms.words(text).stream().map(KeyTerms::stem).collect(Collectors.toSet());
  }
}
