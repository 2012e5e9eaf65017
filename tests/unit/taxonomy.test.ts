import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as taxonomy from '../../src/lib/core/taxonomy.ts';
import { SLUG_PATTERN } from '../../src/lib/core/schema.ts';

describe('taxonomy', () => {
  it('covers every root-cause category the knowledge base promises', () => {
    assert.deepEqual(Object.keys(taxonomy.rootCauseCategories).sort(), [
      'capacity',
      'config-change',
      'database',
      'dependency',
      'expiry',
      'hardware-facility',
      'manual-operation',
      'network-dns',
      'security',
      'software-bug',
      'unknown',
    ]);
  });

  it('gives every value of every vocabulary a label and a one-sentence definition', () => {
    const vocabularies = [
      taxonomy.rootCauseCategories,
      taxonomy.severities,
      taxonomy.postmortemStatuses,
      taxonomy.detectionMethods,
      taxonomy.actionItemTerms,
      taxonomy.actionItemTypes,
      taxonomy.actionItemStatuses,
      taxonomy.timelineKinds,
    ];
    for (const vocabulary of vocabularies) {
      for (const [key, term] of Object.entries(vocabulary)) {
        assert.match(key, SLUG_PATTERN, `${key} is usable in a URL`);
        assert.ok(term.label.length > 0 && term.label.length <= 40, `${key} has a short label`);
        assert.match(term.description, /^[A-Z`].*[.)]$/s, `${key} has a sentence`);
      }
    }
  });

  it('orders severities from most to least severe', () => {
    assert.deepEqual(taxonomy.severityOrder, ['sev1', 'sev2', 'sev3', 'sev4']);
  });

  it('uses the values the issue names for detection, terms, types and statuses', () => {
    assert.deepEqual(Object.keys(taxonomy.detectionMethods), [
      'monitoring-alert',
      'customer-report',
      'engineer-noticed',
      'synthetic-check',
      'other',
    ]);
    assert.deepEqual(Object.keys(taxonomy.actionItemTerms), ['short', 'mid', 'long']);
    assert.deepEqual(Object.keys(taxonomy.actionItemTypes), ['prevent', 'mitigate', 'detect', 'process']);
    assert.deepEqual(Object.keys(taxonomy.actionItemStatuses), ['open', 'in-progress', 'done', 'wont-do']);
    assert.deepEqual(Object.keys(taxonomy.postmortemStatuses), ['draft', 'in-review', 'published']);
  });

  it('falls back to the raw value for unknown labels', () => {
    assert.equal(taxonomy.labelOf(taxonomy.rootCauseCategories, 'database'), 'Database');
    assert.equal(taxonomy.labelOf(taxonomy.rootCauseCategories, 'nope'), 'nope');
  });
});
