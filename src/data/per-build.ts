/**
 * The one memo of the data layer: a value derived from the knowledge base is computed once
 * per build and shared by every page. It is keyed by the knowledge base itself, which
 * `astro dev` reloads on every request, so dev recomputes and a build never does.
 */
import { getKnowledgeBase, type KnowledgeBase } from './postmortems.ts';

export function perBuild<T>(derive: (kb: KnowledgeBase) => T | Promise<T>): () => Promise<T> {
  const cache = new WeakMap<KnowledgeBase, Promise<T>>();
  return async () => {
    const kb = await getKnowledgeBase();
    let value = cache.get(kb);
    if (!value) {
      value = Promise.resolve(derive(kb));
      cache.set(kb, value);
    }
    return value;
  };
}
