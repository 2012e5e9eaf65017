/**
 * The body checks under their earlier names, for the importer and its tests. Both are the
 * content pipeline's own check (`processBody` in body.ts) without the rendering step: there is
 * one parser and one set of rules, whatever the caller.
 */
import { processBody, type BodyProblem } from './body.ts';

export {
  AUTHORING_COMPONENTS,
  AUTHORING_IMPORT_BASE,
  authoringImport,
  type AuthoringComponent,
} from './authoring.ts';
export { isCommentOnly } from './body.ts';

export type MdxSafetyProblem = BodyProblem;

/** Problems of an MDX body, lines counted from its first line. */
export function checkMdxBody(body: string): MdxSafetyProblem[] {
  return processBody(body, 'mdx', { render: false }).problems;
}

/** Problems of a Markdown (`.md`) body, lines counted from its first line. */
export function checkMarkdownBody(body: string): MdxSafetyProblem[] {
  return processBody(body, 'md', { render: false }).problems;
}
