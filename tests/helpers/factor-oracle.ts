/**
 * The contributing-factor, coordination and severity–duration numbers computed here from the
 * postmortem files, parsed with `yaml` and the rules written out again by hand, not with the
 * site's code, so the insights page's tables can be checked against them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './astro.ts';
import { splitSource } from '../../src/lib/content/frontmatter.ts';

const CONTENT = join(PROJECT_ROOT, 'content/postmortems');

export interface FactorPm {
  id: string;
  status: string;
  kind: string;
  factors: string[];
  services: string[];
  severity?: string;
  durationMs?: number;
  coordination: Record<'responders' | 'teamsInvolved' | 'handoffs' | 'escalations', number | undefined>;
}

const exact = (value: unknown) => (typeof value === 'string' && value.includes('T') ? Date.parse(value) : undefined);

export function readFactorPostmortems(): FactorPm[] {
  return readdirSync(CONTENT)
    .filter((file) => file.endsWith('.md') || file.endsWith('.mdx'))
    .map((file) => {
      const split = splitSource(readFileSync(join(CONTENT, file), 'utf8'));
      if (split.yaml === undefined) throw new Error(`${file}: no frontmatter`);
      const data = parse(split.yaml);
      const listed: unknown[] = data.rootCause?.contributingFactors ?? [];
      const factors = [
        ...new Set(
          listed.flatMap((item) => (typeof item === 'object' && item && 'factor' in item ? [String(item.factor)] : [])),
        ),
      ];
      const timeline: { at?: string; kind?: string }[] = data.timeline ?? [];
      const escalations: { to: string }[] = data.response?.escalations ?? [];
      const timed = timeline.some((entry) => entry.at !== undefined);
      const moments = (kind: string) => timeline.filter((entry) => (entry.kind ?? 'action') === kind).length;
      const written = data.coordination ?? {};
      const started = exact(data.started);
      const resolved = exact(data.resolved);
      return {
        id: basename(file).replace(/\.mdx?$/, ''),
        status: data.status,
        kind: data.kind ?? 'incident',
        factors,
        services: data.services ?? [],
        severity: data.severity,
        durationMs: started !== undefined && resolved !== undefined ? resolved - started : undefined,
        coordination: {
          responders: written.responders,
          teamsInvolved:
            written.teamsInvolved ??
            (escalations.length
              ? new Set(
                  [...(data.teams ?? []), ...escalations.map((e) => e.to)].map((n: string) => n.trim().toLowerCase()),
                ).size
              : undefined),
          handoffs: written.handoffs ?? (timed ? moments('handoff') : undefined),
          escalations:
            written.escalations ??
            (escalations.length ? escalations.length : timed ? moments('escalation') : undefined),
        },
      };
    });
}
