import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedOverlap, overlapAtLeast } from '../../src/lib/statistics/hypergeometric.ts';
import { averageRanks, spearman } from '../../src/lib/statistics/rank-correlation.ts';
import {
  computeFactorFigures,
  MIN_PAIRED,
  relationStatement,
  type FactorFacts,
} from '../../src/lib/insights/factor-figures.ts';

/** Number of k-subsets of n, exactly, for the brute-force checks. */
function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

describe('overlapAtLeast (hypergeometric upper tail)', () => {
  it('equals the count of subsets with that overlap, enumerated', () => {
    for (const [n, a, b] of [
      [10, 3, 3],
      [12, 5, 7],
      [7, 7, 2],
      [9, 0, 4],
    ]) {
      for (let k = 0; k <= Math.min(a, b) + 1; k++) {
        let atLeast = 0;
        for (let i = k; i <= Math.min(a, b); i++) atLeast += choose(a, i) * choose(n - a, b - i);
        assert.ok(
          Math.abs(overlapAtLeast(n, a, b, k) - atLeast / choose(n, b)) < 1e-12,
          `n=${n} a=${a} b=${b} k=${k}: ${overlapAtLeast(n, a, b, k)} vs ${atLeast / choose(n, b)}`,
        );
      }
    }
  });
  it('is 1/120 for three of three drawn among ten', () => {
    assert.ok(Math.abs(overlapAtLeast(10, 3, 3, 3) - 1 / 120) < 1e-15);
    assert.equal(expectedOverlap(10, 3, 3), 0.9);
  });
  it('refuses counts that cannot be subsets', () => {
    assert.throws(() => overlapAtLeast(5, 6, 1, 1), /a, b ≤ n/);
    assert.throws(() => overlapAtLeast(5, 2.5, 1, 1), /whole counts/);
  });
});

describe('spearman', () => {
  it('gives ties their average rank', () => {
    assert.deepEqual([...averageRanks([10, 20, 20, 30])], [1, 2.5, 2.5, 4]);
  });
  it('is 1 for a monotone relation, with a small p-value, and −1 reversed', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const y = x.map((v) => v ** 3);
    const up = spearman(x, y, { seed: 1 });
    assert.equal(up.rho, 1);
    assert.ok(up.pValue < 0.01, String(up.pValue));
    assert.equal(spearman(x, [...y].reverse(), { seed: 1 }).rho, -1);
  });
  it('finds no relation in values that do not move together, and is reproducible', () => {
    const x = [1, 1, 2, 2, 3, 3, 4, 4];
    const y = [5, 1, 4, 8, 2, 7, 3, 6];
    const first = spearman(x, y, { seed: 7 });
    assert.ok(first.pValue > 0.2, String(first.pValue));
    assert.deepEqual(spearman(x, y, { seed: 7 }), first);
  });
  it('reads nothing from a constant measure', () => {
    assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3], { seed: 1 }).rho));
    assert.match(relationStatement(spearman([1, 1, 1], [1, 2, 3], { seed: 1 })), /no relation can be read/);
  });
});

const HOUR = 3_600_000;
const unknownCoordination = {
  responders: undefined,
  teamsInvolved: undefined,
  handoffs: undefined,
  escalations: undefined,
};
const fact = (id: string, over: Partial<FactorFacts>): FactorFacts => ({
  id,
  kind: 'incident',
  factors: [],
  services: [],
  coordination: unknownCoordination,
  ...over,
});
const nameOf = (slug: string) => slug.toUpperCase();
const row = (table: { rows: { key: string; cells: { value: number | null }[] }[] }, key: string) =>
  table.rows.find((r) => r.key === key)?.cells.map((cell) => cell.value);

describe('computeFactorFigures', () => {
  const facts: FactorFacts[] = [
    fact('a', { factors: ['deploy', 'detection'], services: ['api'] }),
    fact('b', { factors: ['deploy', 'detection'], services: ['api', 'db'] }),
    fact('c', { factors: ['deploy'], services: ['db'] }),
    fact('d', { factors: ['capacity'], services: ['db'] }),
    fact('e', { factors: [] }),
    fact('n', { kind: 'near-miss', factors: ['deploy', 'detection'], services: ['api'] }),
  ];
  const figures = computeFactorFigures(facts, { nameOf });

  it('counts incidents and near misses apart, with a row for postmortems naming no classified factor', () => {
    assert.equal(figures.incidents, 5);
    assert.equal(figures.incidentsWithFactors, 4);
    assert.equal(figures.nearMisses, 1);
    assert.deepEqual(row(figures.frequency, 'deploy'), [3, 1, null]);
    assert.deepEqual(row(figures.frequency, 'detection'), [2, 1, null]);
    assert.deepEqual(row(figures.frequency, 'capacity'), [1, 0, null]);
    assert.deepEqual(row(figures.frequency, '(none)'), [1, 0, null]);
    assert.equal(figures.frequency.rows[0].key, 'deploy');
  });

  it('sets each pair beside the number chance would give, with Fisher’s one-sided p', () => {
    // N = 4 incidents with a factor; deploy in 3, detection in 2, both in 2: expected 3·2/4 = 1.5.
    assert.equal(figures.pairs.tested, 1);
    const [together, expected, , p, near] = row(figures.pairs.table, 'deploy+detection')!;
    assert.equal(together, 2);
    assert.equal(expected, 1.5);
    assert.equal(p, Math.round(overlapAtLeast(4, 3, 2, 2) * 1e4) / 1e4);
    assert.equal(near, 1);
    assert.match(figures.pairs.table.caption, /N = 4 incidents/);
  });

  it('counts factors by service, incidents only, and near misses in their own column', () => {
    const columns = figures.byService.columns.map((c) => c.key);
    assert.deepEqual(columns, ['deploy', 'detection', 'capacity', 'incidents', 'near-misses']);
    assert.deepEqual(row(figures.byService, 'db'), [2, 1, 1, 3, 0]);
    assert.deepEqual(row(figures.byService, 'api'), [2, 2, 0, 2, 1]);
  });

  it('bins coordination counts where known and counts the unknown apart, never as zero', () => {
    const coordinated = computeFactorFigures(
      [
        fact('x', { coordination: { ...unknownCoordination, escalations: 0, responders: 4 } }),
        fact('y', { coordination: { ...unknownCoordination, escalations: 2, responders: 12 } }),
        fact('z', {}),
        fact('m', { kind: 'near-miss', coordination: { ...unknownCoordination, escalations: 1 } }),
      ],
      { nameOf },
    );
    // bins 0, 1, 2, 3–4, 5–9, 10+; then known, median, unknown, near misses known
    assert.deepEqual(row(coordinated.coordination, 'escalations'), [1, 0, 1, 0, 0, 0, 2, 1, 1, 1]);
    assert.deepEqual(row(coordinated.coordination, 'responders'), [0, 0, 0, 1, 0, 1, 2, 8, 1, 0]);
    assert.deepEqual(row(coordinated.coordination, 'handoffs'), [0, 0, 0, 0, 0, 0, 0, null, 3, 0]);
  });

  it('reads no relation of severity and duration from fewer than the minimum, and says why', () => {
    assert.equal(figures.severityDuration.relation, undefined);
    assert.match(figures.severityDuration.statement, new RegExp(`at least ${MIN_PAIRED} are needed`));
  });

  it('says plainly when no incident has both a severity and a duration, with no table of zeros', () => {
    const none = computeFactorFigures([fact('p', { severity: 'sev2' }), fact('q', { durationMs: HOUR })], {
      nameOf,
    }).severityDuration;
    assert.equal(none.relation, undefined);
    assert.match(none.statement, /^None of the 2 incidents states both a severity and an exact duration/);
    assert.doesNotMatch(none.statement, /Only 0/);
    assert.deepEqual(none.table.rows, []);
  });

  it('names the coordination measures no incident records, since their chart rows are empty', () => {
    assert.deepEqual(figures.coordinationUnrecorded, ['Responders', 'Teams involved', 'Hand-offs', 'Escalations']);
    const some = computeFactorFigures(
      [fact('x', { coordination: { ...unknownCoordination, escalations: 0, teamsInvolved: 2 } })],
      { nameOf },
    );
    assert.deepEqual(some.coordinationUnrecorded, ['Responders', 'Hand-offs']);
  });

  it('says when the services left out of "factors by service" tie with those listed', () => {
    const many = (count: number, id: string) => Array.from({ length: count }, (_, i) => `${id}${i}`);
    // One incident naming 19 services (as icco's Azure write-up does): every service counts 1.
    const tied = computeFactorFigures([fact('t', { factors: ['deploy'], services: many(19, 's') })], { nameOf });
    assert.equal(tied.byService.rows.length, 12);
    assert.match(
      tied.byService.caption,
      /12 of 19 services, most such incidents first; 19 services with 1 are listed by name/,
    );
    // Twelve services with two incidents each and one with one: the 12 listed are those with most.
    const ranked = computeFactorFigures(
      [
        fact('a', { factors: ['deploy'], services: many(13, 'r') }),
        fact('b', { factors: ['deploy'], services: many(12, 'r') }),
      ],
      { nameOf },
    );
    assert.ok(!ranked.byService.rows.some((row) => row.key === 'r12'));
    assert.match(ranked.byService.caption, /the 12 services with most such incidents of 13$/);
  });

  it('says so when severity and duration move together, and when they do not', () => {
    const severities = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
    const longer = Array.from({ length: 12 }, (_, i) =>
      fact(`s${i}`, { severity: severities[i % 4], durationMs: (10 - (i % 4) * 3) * HOUR + i }),
    );
    const related = computeFactorFigures(longer, { nameOf }).severityDuration;
    assert.ok(related.relation!.rho > 0.8 && related.relation!.pValue < 0.05, JSON.stringify(related.relation));
    assert.match(related.statement, /more severe incidents tended to last longer/);
    assert.deepEqual(row(related.table, 'sev1')?.slice(0, 1), [3]);
    const flat = Array.from({ length: 12 }, (_, i) =>
      fact(`f${i}`, { severity: severities[i % 4], durationMs: [5, 1, 3, 2, 4, 6][i % 6] * HOUR }),
    );
    const none = computeFactorFigures(flat, { nameOf }).severityDuration;
    assert.ok(none.relation!.pValue >= 0.05, JSON.stringify(none.relation));
    assert.match(none.statement, /no clear relation/);
    // Near misses never enter the relation.
    const withNear = computeFactorFigures(
      [...flat, fact('nm', { kind: 'near-miss', severity: 'sev1', durationMs: 1 })],
      {
        nameOf,
      },
    ).severityDuration;
    assert.equal(withNear.relation!.n, 12);
  });
});
