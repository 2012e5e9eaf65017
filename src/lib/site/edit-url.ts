/**
 * "Edit this postmortem" links: the repository's edit URL followed by the file's path in the
 * repository. A content folder outside the repository (KB_CONTENT_DIR=/elsewhere) has no
 * such path, so its pages get no edit link rather than a broken one.
 */
export function editUrl(editBaseUrl: string, filePath: string | undefined): string | undefined {
  if (!filePath || !editBaseUrl) return undefined;
  const path = filePath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path.startsWith('/') || /^[a-z]:\//i.test(path) || path.split('/').includes('..')) return undefined;
  return `${editBaseUrl}${path.split('/').map(encodeURIComponent).join('/')}`;
}
