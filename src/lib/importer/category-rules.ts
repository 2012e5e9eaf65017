/**
 * Words that suggest each root-cause category of the taxonomy (src/lib/core/taxonomy.ts).
 * The importer proposes a category when its root-cause text contains one of these words,
 * and records which words matched so a reviewer can see why and overrule it. Keep the
 * lists next to the taxonomy's definitions: a word belongs here only if it points at that
 * category in almost every postmortem that uses it.
 *
 * A keyword ending in `*` matches any word starting with it (`deadlock*` matches
 * "deadlocks"); others match the whole word, plural `s` allowed. Matching ignores case.
 */
import type { RootCauseCategory } from '../core/taxonomy.ts';

export const CATEGORY_KEYWORDS: Readonly<Record<Exclude<RootCauseCategory, 'unknown'>, readonly string[]>> = {
  'config-change': [
    'config*',
    'misconfigur*',
    'feature flag',
    'flag flip*',
    'toggle',
    'setting',
    'terraform',
    'helm value',
    'environment variable',
    'env var',
    'infrastructure as code',
    'yaml',
    'allowlist',
    'denylist',
    'ttl',
  ],
  'software-bug': [
    'bug',
    'regression',
    'defect',
    'deploy*',
    'release',
    'code change',
    'null pointer',
    'exception',
    'race condition',
    'off-by-one',
    'memory leak',
    'unhandled',
    'library upgrade',
    'rollout of version',
    'logic error',
    'infinite loop',
    'crash*',
    'malformed',
    'poison message',
    'null',
    'idempoten*',
  ],
  database: [
    'database',
    'db',
    'sql',
    'query',
    'queries',
    'index',
    'indexes',
    'indices',
    'deadlock*',
    'lock contention',
    'replication',
    'replica',
    'migration',
    'schema',
    'postgres*',
    'mysql',
    'mongodb',
    'table scan',
    'vacuum',
  ],
  capacity: [
    'capacity',
    'exhaust*',
    'out of memory',
    'oom*',
    'disk full',
    'disk space',
    'connection pool',
    'file descriptor',
    'quota',
    'rate limit*',
    'throttl*',
    'saturat*',
    'overload*',
    'traffic spike',
    'load spike',
    'thundering herd',
    'autoscal*',
    'retry storm',
    'backlog',
  ],
  'network-dns': [
    'dns',
    'nxdomain',
    'resolver',
    'bgp',
    'routing',
    'load balancer',
    'firewall',
    'packet loss',
    'tls termination',
    'cdn',
    'network',
    'peering',
    'mtu',
    'vpn',
    'ingress',
  ],
  dependency: [
    'third-party',
    'third party',
    'vendor',
    'provider',
    'upstream',
    'saas',
    'cloud region',
    'aws',
    'gcp',
    'azure',
    'external api',
    'payment processor',
    'partner api',
    'dependency',
    'dependencies',
    'supplier',
  ],
  'hardware-facility': [
    'hardware',
    'disk failure',
    'failed disk',
    'power',
    'cooling',
    'data centre',
    'data center',
    'datacenter',
    'rack',
    'host failure',
    'ups',
    'generator',
    'fibre cut',
    'fiber cut',
    'nic',
    'raid',
  ],
  expiry: [
    'expir*',
    'certificate',
    'certificat',
    'cert',
    'clock skew',
    'leap second',
    'time zone',
    'timezone',
    'daylight saving',
    'dst',
    'ntp',
    'domain renewal',
    'renewal',
  ],
  security: [
    'attack*',
    'ddos',
    'breach',
    'leaked',
    'malicious',
    'abuse',
    'waf',
    'bot traffic',
    'compromise*',
    'phishing',
    'credential stuffing',
    'intrusion',
    'vulnerability',
  ],
  'manual-operation': [
    'manual*',
    'runbook',
    'console',
    'typo',
    'fat-finger*',
    'hand-edited',
    'ran a script',
    'ran the script',
    'one-off script',
    'accidentally',
    'by hand',
    'operator',
    'human error',
    'command',
    'wrong cluster',
    'wrong database',
    'wrong environment',
  ],
};

/** Phrases saying the cause is not established; they make `unknown` the only proposal. */
export const UNKNOWN_KEYWORDS: readonly string[] = [
  'not yet known',
  'not known',
  'unknown',
  'under investigation',
  'still investigating',
  'not determined',
  'not been determined',
  'not yet determined',
  'unclear',
  'pas encore connue',
  'inconnue',
];

export interface CategoryProposal {
  category: RootCauseCategory;
  /** Keywords found, in the order of the list. */
  matched: string[];
}

function keywordPattern(keyword: string): RegExp {
  const prefix = keyword.endsWith('*');
  const word = (prefix ? keyword.slice(0, -1) : keyword)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[ -]/g, '[ -]');
  return new RegExp(`(?<![\\p{L}\\p{N}])${word}${prefix ? '' : '(?:s|es)?(?![\\p{L}\\p{N}])'}`, 'iu');
}

const PATTERNS = Object.entries(CATEGORY_KEYWORDS).map(([category, keywords]) => ({
  category: category as RootCauseCategory,
  keywords: keywords.map((keyword) => ({ keyword, pattern: keywordPattern(keyword) })),
}));

const UNKNOWN_PATTERNS = UNKNOWN_KEYWORDS.map((keyword) => ({ keyword, pattern: keywordPattern(keyword) }));

/**
 * Categories whose keywords occur in `text`, most matches first (ties in taxonomy order);
 * only `unknown` when the text says the cause is not known.
 * At most `limit` categories are proposed: the root cause, plus what let it spread.
 */
export function proposeCategories(text: string, limit = 3): CategoryProposal[] {
  const unknown = UNKNOWN_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ keyword }) => keyword);
  // Words about a cause nobody has found describe suspects, not causes.
  if (unknown.length > 0) return [{ category: 'unknown', matched: unknown }];
  const proposals: CategoryProposal[] = [];
  for (const { category, keywords } of PATTERNS) {
    const matched = keywords
      .filter(({ pattern }) => pattern.test(text))
      .map(({ keyword }) => keyword.replace(/\*$/, ''));
    if (matched.length > 0) proposals.push({ category, matched });
  }
  return proposals.sort((a, b) => b.matched.length - a.matched.length).slice(0, limit);
}

/** The review note that says why each category was proposed. */
export function explainCategories(proposals: readonly CategoryProposal[], where: string): string {
  const parts = proposals.map(
    (proposal) => `${proposal.category} (matched ${proposal.matched.map((word) => `"${word}"`).join(', ')})`,
  );
  return `rootCause.categories: proposed ${parts.join('; ')} from keywords in ${where} (rules in src/lib/importer/category-rules.ts); confirm or correct them`;
}
