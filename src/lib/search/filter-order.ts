/**
 * Pagefind's filter pane sorts every group one way (we ask for most matches first). Facets with
 * an order of their own (severity in its vocabulary's order, years newest first) are listed on
 * the search page as on their own pages: the build writes each such filter's values in the
 * registry's order, and the pane's options are put in that order. Pure.
 */

/**
 * `items` in the order of their keys in `order`; items whose key is not in it keep their
 * relative order after the rest.
 */
export function inGivenOrder<T>(items: readonly T[], keyOf: (item: T) => string, order: readonly string[]): T[] {
  const rank = new Map(order.map((key, index) => [key, index]));
  const rankOf = (item: T) => rank.get(keyOf(item)) ?? rank.size;
  return [...items].sort((a, b) => rankOf(a) - rankOf(b));
}
