/**
 * Every internal URL of the site, built in one place so each one honours Astro's `base`
 * (the site works unchanged under a sub-path such as `/kb/`).
 */

/** Joins the site base and a path into an absolute URL path; pages end with a slash. */
export function withBase(base: string, path = ''): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rest = path.replace(/^\/+/, '');
  if (rest === '') return prefix;
  const [pathname, hash = ''] = rest.split('#');
  const isFile = /\.[a-z0-9]+$/i.test(pathname);
  const withSlash = isFile || pathname.endsWith('/') || pathname.includes('?') ? pathname : `${pathname}/`;
  return `${prefix}${withSlash}${hash ? `#${hash}` : ''}`;
}

/** Route paths below the base, by what they show. */
export const routes = {
  home: () => '',
  postmortems: (slug?: string) => `postmortems/${slug ?? ''}`,
  postmortem: (id: string) => `postmortems/${id}/`,
  categories: () => 'categories/',
  category: (category: string, slug?: string) => `categories/${category}/${slug ?? ''}`,
  services: () => 'services/',
  service: (service: string, slug?: string) => `services/${service}/${slug ?? ''}`,
  severity: (severity: string, slug?: string) => `severities/${severity}/${slug ?? ''}`,
  year: (year: string | number, slug?: string) => `years/${year}/${slug ?? ''}`,
};
