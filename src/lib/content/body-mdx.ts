/**
 * MDX syntax a body may hold, judged on the Markdown tree: no `import`/`export`, `{…}` only
 * around a comment (JavaScript's own tokenizer decides), JSX only as an authoring component or
 * plain HTML with quoted string attributes. Read, never run.
 */
import type { Element, ElementContent } from 'hast';
import type { Nodes as MdastNodes } from 'mdast';
import { Parser, tokenizer, tokTypes } from 'acorn';
import { h } from 'hastscript';
import type { State } from 'mdast-util-to-hast';
import { AUTHORING_COMPONENTS, componentAttributeProblem, isAuthoringComponent } from './authoring.ts';
import { placeholderTag } from './html-policy.ts';
import { shorten, type Point, type Positioned, type Report } from './body-problems.ts';

/** True when `code` holds only comments and whitespace, by JavaScript's own tokenizer. */
export function isCommentOnly(code: string): boolean {
  try {
    const tokens = tokenizer(code, { ecmaVersion: 'latest', onComment: () => {} });
    return tokens.getToken().type === tokTypes.eof;
  } catch {
    // An unterminated comment or a stray character is not a comment.
    return false;
  }
}

/**
 * `import`/`export` blocks. Nothing is compiled, so there is nothing a postmortem needs to
 * import: the authoring components are always available. Every statement is named (a real
 * JavaScript parser splits the block) so the author sees each line to remove.
 */
export function checkEsm(value: string, at: Point, report: Report): void {
  const components = AUTHORING_COMPONENTS.map((name) => `<${name}>`).join(', ');
  let statements: { line: number; column: number; source: string; kind: string }[];
  try {
    const program = Parser.parse(value, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
    statements = program.body.map((statement) => ({
      line: statement.loc!.start.line,
      column: statement.loc!.start.column + 1,
      source: value.slice(statement.start, statement.end),
      kind: statement.type,
    }));
  } catch {
    statements = [{ line: 1, column: at.column, source: value, kind: 'code' }];
  }
  if (statements.length === 0) statements = [{ line: 1, column: at.column, source: value, kind: 'code' }];
  for (const statement of statements) {
    const where = { line: at.line + statement.line - 1, column: statement.line === 1 ? at.column : statement.column };
    const advice =
      statement.kind === 'ImportDeclaration'
        ? `remove it: postmortems import nothing, and ${components} work without an import`
        : statement.kind.startsWith('Export')
          ? 'remove it: a postmortem exports nothing; facts go in the frontmatter'
          : 'remove it, or put it in a fenced code block if it is an example';
    report(where, 'esm', `"${shorten(statement.source)}" is JavaScript, which postmortems may not hold; ${advice}`);
  }
}

interface MdxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
export interface MdxElementNode extends Positioned {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: MdxAttribute[];
  children: MdastNodes[];
}


const VALID_HTML_NAME = /^[a-z][a-z0-9]*$/;

export function checkJsxElement(node: MdxElementNode, at: Point, report: Report) {
  const name = node.name;
  const components = AUTHORING_COMPONENTS.map((c) => `<${c}>`).join(', ');
  if (!name) {
    report(at, 'jsx-component', `a fragment <>…</> is not allowed; write its content directly`);
    return;
  }
  const component = isAuthoringComponent(name) ? name : undefined;
  if (!component && !VALID_HTML_NAME.test(name)) {
    report(at, 'jsx-component', `<${shorten(name, 40)}> is not an authoring component; only ${components} and plain HTML such as <details> or <kbd> may be used`);
    return;
  }
  for (const attribute of node.attributes) {
    const key = attribute.name ?? '';
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      report(at, 'jsx-attribute', `<${name}> spreads an expression ({${shorten(String(attribute.value ?? ''))}}); write attributes as quoted strings`);
    } else if (attribute.value !== null && typeof attribute.value === 'object') {
      const code = String((attribute.value as { value?: unknown }).value ?? '');
      report(at, 'jsx-attribute', `<${name}> has ${key}={${shorten(code)}}: attribute values must be quoted strings, not code`);
    } else if (component) {
      const problem = componentAttributeProblem(component, key, typeof attribute.value === 'string' ? attribute.value : '');
      if (problem) report(at, 'jsx-attribute', problem);
    } else if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(key)) {
      report(at, 'jsx-attribute', `<${name}> has the attribute ${shorten(key, 40)}; directives and namespaced attributes are not allowed`);
    }
  }
}

/** JSX of an MDX body as HTML: components become placeholders, HTML elements become elements. */
export function jsxToHast(state: State, node: MdxElementNode): Element {
  const children = state.all(node as never) as ElementContent[];
  const attributes: Record<string, string | true> = {};
  for (const attribute of node.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name) {
      attributes[attribute.name] = typeof attribute.value === 'string' ? attribute.value : true;
    }
  }
  const name = node.name ?? 'div';
  const result: Element = isAuthoringComponent(name)
    ? { type: 'element', tagName: placeholderTag(name), properties: attributes as never, children }
    : (h(name, attributes, children) as Element);
  // JSX children of a flow element are blocks already; of a text element, phrasing.
  state.patch(node as never, result);
  // Only a component written in MDX syntax is marked as one: a raw `<pm-callout>` never becomes one.
  result.data = { ...(result.data ?? {}), pmJsx: true, ...(isAuthoringComponent(name) ? { pmComponent: name } : {}) } as never;
  return result;
}
