/**
 * Keeps MDX postmortems to prose plus the project's authoring components. MDX is code: an
 * `import` or a `{...}` expression runs at build time with the builder's rights, so a
 * postmortem may only
 *
 * - import the authoring components, each with exactly this line (the folder of postmortems
 *   sits two levels below the project root, as `content/postmortems/` does):
 *   `import Callout from '../../components/authoring/Callout.astro';`
 *   (likewise `Timeline` and `ActionItems`; the local name must be the component's name);
 * - use those components and plain HTML elements from {@link ALLOWED_HTML_ELEMENTS}, with
 *   quoted string attributes only (no `{...}` values, no spreads, no `on*` handlers, no
 *   `set:*` or other directives, no `javascript:` URLs);
 * - write `{/* comments *\/}`, the one expression that holds no code.
 *
 * Everything else (other imports, any export, `{...}` expressions, attribute expressions)
 * is a problem naming the line. The body is parsed with satteri, the parser `@astrojs/mdx`
 * compiles with, so what is checked here is exactly what the build would run; a body the
 * compiler cannot parse is reported with the compiler's own message.
 */
import { mdxToMdast } from 'satteri';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** Components authors may import, by name; each lives in `src/components/authoring/<Name>.astro`. */
export const AUTHORING_COMPONENTS = ['Callout', 'Timeline', 'ActionItems'] as const;
export type AuthoringComponent = (typeof AUTHORING_COMPONENTS)[number];

/** Folder of the authoring components as seen from a postmortem file. */
export const AUTHORING_IMPORT_BASE = '../../src/components/authoring/';

/** The one import line allowed for a component. */
export function authoringImport(name: AuthoringComponent): string {
  return `import ${name} from '${AUTHORING_IMPORT_BASE}${name}.astro';`;
}

/** HTML that carries no behaviour: text-level and structural elements, tables, images. */
export const ALLOWED_HTML_ELEMENTS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
]);

/** A URL that runs code or smuggles a document when followed: `javascript:`, `vbscript:`, `data:`. */
export function isUnsafeUrl(url: string): boolean {
  return /^\s*(javascript|vbscript|data):/i.test(url.replace(/[\u0000-\u001f]/g, ''));
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'cite', 'action', 'formaction', 'poster', 'xlink:href']);

export interface MdxSafetyProblem {
  /** 1-based line within the checked text. */
  line: number;
  column: number;
  message: string;
}

interface Point {
  line: number;
  column: number;
}

interface MdxNode {
  type: string;
  name?: string | null;
  value?: unknown;
  attributes?: MdxAttribute[];
  children?: MdxNode[];
  position?: { start: Point };
}

interface MdxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

const IMPORT_LINE = /^import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])([^'"]*)\2\s*;?\s*$/;

/** True when an expression holds only comments and whitespace, as `{/* note *\/}` does. */
export function isCommentOnly(code: string): boolean {
  return (
    code
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/[^\n]*/g, '')
      .trim() === ''
  );
}

function checkEsm(value: string, start: Point, problems: MdxSafetyProblem[]): Set<string> {
  const imported = new Set<string>();
  const allowed = AUTHORING_COMPONENTS.map((name) => `"${authoringImport(name)}"`).join(', ');
  value.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    if (text === '' || isCommentOnly(text)) return;
    const at = {
      line: start.line + index,
      column: index === 0 ? start.column : raw.length - raw.trimStart().length + 1,
    };
    const match = IMPORT_LINE.exec(text);
    if (/^export\b/.test(text)) {
      problems.push({ ...at, message: `"${text}": a postmortem may not export anything; facts go in the frontmatter` });
    } else if (!match) {
      problems.push({
        ...at,
        message: `"${text}" is not allowed: a postmortem may only import authoring components, one per line, e.g. ${allowed}`,
      });
    } else {
      const [, local, , specifier] = match;
      const component = AUTHORING_COMPONENTS.find((name) => specifier === `${AUTHORING_IMPORT_BASE}${name}.astro`);
      if (!component) {
        problems.push({
          ...at,
          message: `import of "${specifier}" is not allowed: a postmortem may only import the authoring components (${allowed})`,
        });
      } else if (local !== component) {
        problems.push({ ...at, message: `import the component under its own name: "${authoringImport(component)}"` });
      } else {
        imported.add(component);
      }
    }
  });
  return imported;
}

function describeElement(name: string | null | undefined): string {
  return name ? `<${name}>` : 'the fragment <>';
}

function checkElement(node: MdxNode, imported: ReadonlySet<string>, problems: MdxSafetyProblem[]): void {
  const at = node.position?.start ?? { line: 1, column: 1 };
  const name = node.name;
  if (name && /^[A-Z]/.test(name)) {
    if (!(AUTHORING_COMPONENTS as readonly string[]).includes(name)) {
      problems.push({
        ...at,
        message: `<${name}> is not an authoring component; only ${AUTHORING_COMPONENTS.map((c) => `<${c}>`).join(', ')} may be used`,
      });
    } else if (!imported.has(name)) {
      problems.push({
        ...at,
        message: `<${name}> is used but not imported; add "${authoringImport(name as AuthoringComponent)}" at the top of the body`,
      });
    }
  } else if (name && !ALLOWED_HTML_ELEMENTS.has(name)) {
    problems.push({
      ...at,
      message: `<${name}> is not allowed in a postmortem; use Markdown, an authoring component or plain HTML such as <details> or <kbd>`,
    });
  }
  for (const attribute of node.attributes ?? []) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      problems.push({
        ...at,
        message: `${describeElement(name)} spreads an expression ({${String(attribute.value)}}); write attributes as quoted strings`,
      });
      continue;
    }
    const key = attribute.name ?? '';
    const value = attribute.value;
    if (value !== null && typeof value === 'object') {
      const code = String((value as { value?: unknown }).value ?? '');
      problems.push({
        ...at,
        message: `${describeElement(name)} has ${key}={${code}}: attribute values must be quoted strings, not code expressions`,
      });
    } else if (/^on/i.test(key)) {
      problems.push({
        ...at,
        message: `${describeElement(name)} has the event handler ${key}; postmortems hold no scripts`,
      });
    } else if (key.includes(':') && key !== 'xlink:href') {
      problems.push({
        ...at,
        message: `${describeElement(name)} uses the directive ${key}; directives such as set:html and client:load are not allowed`,
      });
    } else if (key === 'dangerouslySetInnerHTML') {
      problems.push({
        ...at,
        message: `${describeElement(name)} sets dangerouslySetInnerHTML; write the content as Markdown instead`,
      });
    } else if (URL_ATTRIBUTES.has(key) && typeof value === 'string' && isUnsafeUrl(value)) {
      problems.push({
        ...at,
        message: `${describeElement(name)} has ${key}="${value.slice(0, 40)}": only http(s), relative and mailto links are allowed`,
      });
    }
  }
}

/** Where the compiler stopped, from satteri's `line:column: message (rule)` errors. */
function parseFailure(error: unknown): MdxSafetyProblem {
  const text = error instanceof Error ? error.message : String(error);
  const match = /^(\d+):(\d+)(?:-\d+:\d+)?:\s*([\s\S]*)$/.exec(text.trim());
  if (!match) return { line: 1, column: 1, message: `the MDX compiler cannot read this body: ${text}` };
  return {
    line: Number(match[1]),
    column: Number(match[2]),
    message: `the MDX compiler cannot read this: ${match[3]}. Escape a literal {, } or < with a backslash (\\{ \\} \\<), or put code in backticks`,
  };
}

/**
 * Problems that make an MDX body unsafe or unbuildable, with lines counted from the first
 * line of `body` (add the body's line in the file to report file lines).
 */
export function checkMdxBody(body: string): MdxSafetyProblem[] {
  let tree: MdxNode;
  try {
    tree = mdxToMdast(body, { features: { frontmatter: false } }) as unknown as MdxNode;
  } catch (error) {
    return [parseFailure(error)];
  }
  const problems: MdxSafetyProblem[] = [];
  // Imports are hoisted by MDX, so collect them all before judging the elements that use them.
  const imported = new Set<string>();
  for (const node of tree.children ?? []) {
    if (node.type === 'mdxjsEsm') {
      for (const name of checkEsm(String(node.value ?? ''), node.position?.start ?? { line: 1, column: 1 }, problems))
        imported.add(name);
    }
  }
  const visit = (node: MdxNode) => {
    const at = node.position?.start ?? { line: 1, column: 1 };
    if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      const code = String(node.value ?? '');
      if (!isCommentOnly(code)) {
        const shown = code.trim().length > 60 ? `${code.trim().slice(0, 57)}...` : code.trim();
        problems.push({
          ...at,
          message: `the expression {${shown}} is code, which postmortems may not run; write \\{ and \\} for literal braces or put code in backticks`,
        });
      }
    } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      checkElement(node, imported, problems);
    } else {
      checkLinkUrl(node, problems);
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Markdown links, images and link definitions must not carry a script or data URL. */
function checkLinkUrl(
  node: { type: string; url?: unknown; position?: { start: Point } },
  problems: MdxSafetyProblem[],
): void {
  if (
    (node.type === 'link' || node.type === 'image' || node.type === 'definition') &&
    typeof node.url === 'string' &&
    isUnsafeUrl(node.url)
  ) {
    problems.push({
      ...(node.position?.start ?? { line: 1, column: 1 }),
      message: `the ${node.type === 'image' ? 'image' : 'link'} to "${node.url.slice(0, 40)}" is not allowed: only http(s), relative and mailto URLs are`,
    });
  }
}

const HTML_TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const HTML_ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * Problems in a plain Markdown (`.md`) body. Markdown passes raw HTML through to the page, so
 * the same allow-list as MDX applies: harmless elements, no event handlers, no script URLs.
 */
export function checkMarkdownBody(body: string): MdxSafetyProblem[] {
  const problems: MdxSafetyProblem[] = [];
  const visit = (node: {
    type: string;
    value?: unknown;
    url?: unknown;
    position?: { start: Point };
    children?: unknown[];
  }) => {
    checkLinkUrl(node, problems);
    if (node.type === 'html' && typeof node.value === 'string')
      checkRawHtml(node.value, node.position?.start ?? { line: 1, column: 1 }, problems);
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(fromMarkdown(body) as unknown as Parameters<typeof visit>[0]);
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkRawHtml(html: string, start: Point, problems: MdxSafetyProblem[]): void {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const tag of withoutComments.matchAll(HTML_TAG)) {
    // A closing tag adds nothing its opening tag has not already been judged for.
    if (tag[1] === '/') continue;
    const before = withoutComments.slice(0, tag.index);
    const line = start.line + (before.match(/\n/g)?.length ?? 0);
    const at = { line, column: line === start.line ? start.column + tag.index : tag.index - before.lastIndexOf('\n') };
    const name = tag[2].toLowerCase();
    if (!ALLOWED_HTML_ELEMENTS.has(name)) {
      problems.push({
        ...at,
        message: `the HTML element <${name}> is not allowed in a postmortem; use Markdown or one of: ${[...ALLOWED_HTML_ELEMENTS].slice(0, 12).join(', ')}…`,
      });
      continue;
    }
    for (const attribute of tag[3].matchAll(HTML_ATTRIBUTE)) {
      const key = attribute[1].toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      if (key.startsWith('on'))
        problems.push({ ...at, message: `<${name}> has the event handler ${key}; postmortems hold no scripts` });
      else if (URL_ATTRIBUTES.has(key) && isUnsafeUrl(value)) {
        problems.push({
          ...at,
          message: `<${name}> has ${key}="${value.slice(0, 40)}": only http(s), relative and mailto links are allowed`,
        });
      } else if (key === 'style' || key === 'srcdoc')
        problems.push({
          ...at,
          message: `<${name}> has a ${key} attribute; style comes from the site, not from postmortems`,
        });
    }
  }
}
