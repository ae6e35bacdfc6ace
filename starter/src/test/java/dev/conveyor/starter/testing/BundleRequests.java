package dev.conveyor.starter.testing;

/** Bundle requests as a service sends them: a headline, a hero image and the HTML using both. */
public final class BundleRequests {

  public static final String HEADLINE =
      "{\"name\":\"headline\",\"outputKind\":\"TEXT\",\"requirements\":\"A headline\"}";
  public static final String HERO =
      "{\"name\":\"hero\",\"outputKind\":\"IMAGE\",\"requirements\":\"A bottle on a rock\"}";
  public static final String LANDING =
      "{\"name\":\"landing\",\"outputKind\":\"CODE\",\"language\":\"html\","
          + "\"requirements\":\"A landing section\",\"uses\":[\"headline\",\"hero\"]}";

  /** The landing page: the three parts with every optional field at its default. */
  public static final String LANDING_PAGE =
      "{\"parts\":[" + HEADLINE + "," + HERO + "," + LANDING + "]}";

  private BundleRequests() {}
}
