/** Text by root-cause category, assembled from one module per family of causes. */
import type { RootCauseCategory } from '../../../src/lib/core/taxonomy.ts';
import { CHANGE_CAUSES } from './causes-change.ts';
import { RESOURCE_CAUSES } from './causes-resources.ts';
import { ENVIRONMENT_CAUSES } from './causes-environment.ts';

export interface CategoryText {
  /** Title clause after the symptom, with the slug words it contributes. */
  causes: readonly (readonly [string, string])[];
  /** Root-cause sentences. */
  root: readonly string[];
  triggers: readonly string[];
  factors: readonly string[];
  fixes: readonly string[];
  actions: readonly string[];
  tags: readonly string[];
  misleading: readonly string[];
}

/** Text by root-cause category. Slots: svc, dep, n, pct, ver, host, table, key, region, vendor, team, metric. */
export const CATEGORY_TEXT: Record<RootCauseCategory, CategoryText> = {
  ...CHANGE_CAUSES,
  ...RESOURCE_CAUSES,
  ...ENVIRONMENT_CAUSES,
};
