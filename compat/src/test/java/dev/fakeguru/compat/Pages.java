package dev.fakeguru.compat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Follows an SDK's {@code nextToken} pagination, whatever the SDK's page type. */
final class Pages {
  private static final int MAX_PAGES = 100;

  private Pages() {}

  /**
   * Every page's items, page by page: {@code fetch} is called with {@code null} and then with each
   * {@code nextToken} until there is none.
   */
  static <P, T> List<List<T>> all(
      Function<String, P> fetch,
      Function<P, ? extends Collection<T>> items,
      Function<P, String> nextToken) {
    List<List<T>> pages = new ArrayList<>();
    String token = null;
    do {
      if (pages.size() == MAX_PAGES) {
        throw new AssertionError("more than " + MAX_PAGES + " pages: the nextToken never ran out");
      }
      P page = fetch.apply(token);
      pages.add(List.copyOf(items.apply(page)));
      token = nextToken.apply(page);
    } while (token != null);
    return pages;
  }

  /** All the items of {@link #all}, in order. */
  static <T> List<T> flat(List<List<T>> pages) {
    return pages.stream().flatMap(List::stream).toList();
  }
}
