/**
 * How large a postmortem may grow: one set of limits that `npm run validate` and the build both
 * check on the same tree, before anything is rendered, so they give the same verdict and no
 * single file can take the build past its memory or its stack. Each is far above what a
 * postmortem needs (the largest in tests/corpus is a fraction of each).
 */
export const LIMITS = {
  /** Levels of the Markdown tree (a list in a list item in a list… counts two per list). */
  nestingDepth: 128,
  /** Cells of one table, header included: rows × columns, as the table is rendered. */
  tableCells: 10_000,
  /**
   * Characters that link and image references add when each is written out in full. The
   * Markdown reader itself stops resolving references at about 100,000 (the rest stay as plain
   * `[text][ref]`, silently), so the limit sits below that: every reference written is linked.
   */
  referenceExpansion: 80_000,
  /** Action items in one postmortem. */
  actionItems: 200,
  /** Services one postmortem lists (each gets a page). */
  services: 50,
} as const;
