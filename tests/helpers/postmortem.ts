/**
 * A complete, valid postmortem to start test cases from; each test changes one thing.
 */
import { stringifyFrontmatter } from '../../src/lib/content/frontmatter.ts';

export function validFrontmatter(): Record<string, unknown> {
  return {
    title: 'Checkout errors after a connection-pool change',
    summary: 'Checkout failed for 12% of users for 40 minutes after a pool size change.',
    status: 'published',
    severity: 'sev2',
    authors: ['Ada Quinn'],
    teams: ['Payments'],
    services: ['checkout-api'],
    tags: ['connection-pool'],
    started: '2024-05-02T09:10:00+02:00',
    detected: '2024-05-02T09:14:00+02:00',
    mitigated: '2024-05-02T09:41:00+02:00',
    resolved: '2024-05-02T09:50:00+02:00',
    impact: { description: 'Checkout returned errors.', usersAffectedPercent: 12, affectedServices: ['Checkout'] },
    detection: { method: 'monitoring-alert', source: 'Checkout error-rate alert' },
    rootCause: {
      categories: ['config-change', 'capacity'],
      description: 'The pool was sized below peak concurrency.',
      trigger: 'A configuration change lowered the pool size.',
      contributingFactors: ['No load test for pool changes.'],
    },
    resolution: 'The pool size was restored.',
    response: {
      misleadingPaths: ['Suspected the payment provider.'],
      escalations: [{ to: 'Database team', at: '2024-05-02T09:25:00+02:00', reason: 'Pool saturation' }],
    },
    timeline: [{ at: '2024-05-02T09:14:00+02:00', kind: 'detection', event: 'Alert fired.' }],
    actionItems: [
      {
        title: 'Load-test pool changes.',
        term: 'short',
        type: 'prevent',
        owner: 'Payments',
        status: 'open',
        due: '2024-06-01',
      },
    ],
    lessons: { wentWell: ['Fast rollback.'], wentWrong: [], gotLucky: [] },
    related: [],
  };
}

/** What `--strict` names, in this order, for a postmortem that fills none of the recommended sections. */
export const RECOMMENDED_FIELDS = [
  'impact.description',
  'timeline',
  'rootCause.description',
  'resolution',
  'actionItems',
];

/** A postmortem file's text from frontmatter data and a body. */
export function postmortemText(data: Record<string, unknown>, body = '\n## Summary\n\nText.\n'): string {
  return `---\n${stringifyFrontmatter(data)}---\n${body}`;
}
