/**
 * The three authoring components a postmortem body may use (`<Callout>`, `<Timeline>`,
 * `<ActionItems>`). They are not compiled: the content pipeline reads them from the parsed
 * tree and renders them here as plain HTML, so no postmortem ever becomes a JavaScript module.
 * Their styles live in `src/styles/authoring.css`.
 */
import type { Element, ElementContent } from 'hast';
import { actionItemTerms, labelOf } from '../core/taxonomy.ts';

/** What an author may write on a component: attribute name → allowed values (undefined = any text). */
interface ComponentSpec {
  attributes: Record<string, readonly string[] | undefined>;
  render(attributes: Record<string, string>, children: ElementContent[]): Element;
}

const calloutTypes = { note: 'Note', warning: 'Warning', lesson: 'Lesson', blameless: 'Blameless review' } as const;

/**
 * The title of the note `npm run import` puts above an imported write-up (src/lib/importer/index.ts
 * writes it): a note about the file, not the incident, so search does not index it.
 */
export const IMPORT_NOTE_TITLE = 'Imported postmortem';

const element = (
  tagName: string,
  properties: Element['properties'],
  children: ElementContent[] = [],
): Element => ({ type: 'element', tagName, properties, children });
const text = (value: string): ElementContent => ({ type: 'text', value });

export const AUTHORING_SPECS = {
  /** A highlighted aside: context a reader must not miss. `type` note (default), warning, lesson or blameless. */
  Callout: {
    attributes: { type: Object.keys(calloutTypes), title: undefined },
    render({ type = 'note', title }, children) {
      const kind = (type in calloutTypes ? type : 'note') as keyof typeof calloutTypes;
      const heading = title ?? calloutTypes[kind];
      // A box's title is a label, not the incident's words; the import note is not about the incident at all.
      const indexed = heading === IMPORT_NOTE_TITLE ? { dataPagefindIgnore: '' } : {};
      return element('aside', { className: ['callout'], dataType: kind, ariaLabel: heading, ...indexed }, [
        element('p', { className: ['callout-title'], dataPagefindIgnore: '' }, [text(heading)]),
        element('div', { className: ['callout-body'] }, children),
      ]);
    },
  },
  /** A timeline in the write-up, for moments the frontmatter `timeline` does not hold; `zone` names the clock. */
  Timeline: {
    attributes: { title: undefined, zone: undefined },
    render({ title, zone }, children) {
      return element('section', { className: ['authoring-timeline'], ariaLabel: title ?? 'Timeline' }, [
        ...(title ? [element('p', { className: ['authoring-timeline-title'] }, [text(title)])] : []),
        ...(zone ? [element('p', { className: ['authoring-timeline-zone'] }, [text(`Times in ${zone}`)])] : []),
        ...children,
      ]);
    },
  },
  /** Prose around follow-up work (options weighed); agreed items belong in the frontmatter `actionItems`. */
  ActionItems: {
    attributes: { title: undefined, term: Object.keys(actionItemTerms) },
    render({ title = 'Action items', term }, children) {
      const termLabel = term && term in actionItemTerms ? labelOf(actionItemTerms, term) : undefined;
      return element('section', { className: ['authoring-actions'], ariaLabel: title }, [
        element('p', { className: ['authoring-actions-title'] }, [
          text(title),
          ...(termLabel ? [element('span', { className: ['authoring-actions-term'] }, [text(termLabel)])] : []),
        ]),
        ...children,
      ]);
    },
  },
} satisfies Record<string, ComponentSpec>;

export type AuthoringComponent = keyof typeof AUTHORING_SPECS;
export const AUTHORING_COMPONENTS = Object.keys(AUTHORING_SPECS) as AuthoringComponent[];

export function isAuthoringComponent(name: string): name is AuthoringComponent {
  return Object.hasOwn(AUTHORING_SPECS, name);
}

/** Folder the import line names, as seen from a postmortem file; kept so existing `.mdx` files stay valid MDX. */
export const AUTHORING_IMPORT_BASE = '../../src/components/authoring/';

/** The one import line accepted for a component. It is not executed: components are rendered from the tree. */
export function authoringImport(name: AuthoringComponent): string {
  return `import ${name} from '${AUTHORING_IMPORT_BASE}${name}.astro';`;
}

/** Why an attribute of a component is refused, or undefined when it is fine. */
export function componentAttributeProblem(component: AuthoringComponent, name: string, value: string): string | undefined {
  const spec: ComponentSpec = AUTHORING_SPECS[component];
  if (!Object.hasOwn(spec.attributes, name)) {
    const known = Object.keys(spec.attributes);
    return `<${component}> has no attribute ${name}; it takes ${known.map((key) => `${key}="…"`).join(' and ')}`;
  }
  const allowed = spec.attributes[name];
  if (allowed && !allowed.includes(value)) {
    return `<${component} ${name}="${value.slice(0, 40)}"> is not one of ${allowed.map((v) => `"${v}"`).join(', ')}`;
  }
  return undefined;
}

/** The HTML of a component around its (already sanitized) children. */
export function renderComponent(
  component: AuthoringComponent,
  attributes: Record<string, string>,
  children: ElementContent[],
): Element {
  const spec: ComponentSpec = AUTHORING_SPECS[component];
  return spec.render(attributes, children);
}
