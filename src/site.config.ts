/**
 * Settings an organisation changes when it adopts the knowledge base. Environment variables
 * override them at build time, so a fork can deploy without editing code.
 */

/** Folder of postmortem files, relative to the project root. */
export const CONTENT_DIR = process.env.KB_CONTENT_DIR ?? './content/postmortems';

/**
 * Files the service catalog is read from, relative to the project root, from `KB_CATALOG`
 * (comma-separated). Each is the knowledge base's own `services.yaml` format or Backstage
 * entities (`catalog-info.yaml`: Component, System, Group), told apart by their content, and
 * they are combined. Unset: `services.yaml` beside the postmortems folder (content/services.yaml).
 */
export const CATALOG_FILES: string[] | undefined = process.env.KB_CATALOG?.split(',')
  .map((file) => file.trim())
  .filter(Boolean);

export const site = {
  /** Name in the header, titles and feeds. */
  title: process.env.KB_TITLE ?? 'Postmortem knowledge base',
  /** One sentence for the home page and meta description. */
  description:
    'Every incident postmortem we have written, searchable in seconds: what broke, why, how we fixed it and what we changed.',
  /**
   * Prefix of the "edit this postmortem" links; the file path (e.g. `content/postmortems/x.mdx`)
   * is appended. Point it at your repository's edit URL.
   */
  editBaseUrl: process.env.KB_EDIT_BASE_URL ?? 'https://github.com/postmortem-kb/postmortem-kb/edit/main/',
  /** Postmortems per list page. */
  pageSize: 50,
  /** Action items per follow-up tracker page: one page for most teams, never megabytes at scale. */
  followUpsPerPage: 200,
  /**
   * Rows of each table on a service's page (time between incidents, recurrences after follow-ups,
   * open follow-ups): the most recent or oldest owed; every row is in /services/<slug>.json.
   */
  serviceHistoryRows: 30,
  /** Lines of each group on /lessons/, the newest; the rest are on the group's own pages. */
  lessonsPreview: 10,
  /** Lines per page of one lessons group (/lessons/<group>/). */
  lessonsPerPage: 100,
};
