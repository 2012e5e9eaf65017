/** The systems incidents name: regions, vendors, tables, config keys, metrics, tags and symptoms. */
import type { RootCauseCategory } from '../../../src/lib/core/taxonomy.ts';

/** Root-cause categories ranked by how common they are in published incident data. */
export const CATEGORY_RANK: readonly RootCauseCategory[] = [
  'software-bug',
  'config-change',
  'capacity',
  'dependency',
  'database',
  'network-dns',
  'manual-operation',
  'expiry',
  'hardware-facility',
  'security',
  'unknown',
];

/** Tags shared by every category, most frequent first. */
export const COMMON_TAGS = [
  'customer-facing',
  'rollback',
  'deploy',
  'alerting-gap',
  'runbook',
  'on-call',
  'retry-storm',
  'timeouts',
  'latency',
  'error-rate',
  'monitoring',
  'status-page',
  'peak-traffic',
  'partial-outage',
  'data-loss',
  'degraded-performance',
  'mobile',
  'third-party',
  'automation',
  'change-management',
  'load-shedding',
  'circuit-breaker',
  'canary',
  'observability',
  'capacity-planning',
  'escalation',
];

export const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-1', 'eu-central-1', 'ap-northeast-1'];
export const VENDORS = [
  'the card processor',
  'the CDN provider',
  'the SMS vendor',
  'the cloud provider',
  'the email delivery provider',
  'the DNS host',
  'the identity vendor',
  'the tax rate provider',
];
export const TABLES = [
  'orders',
  'payments',
  'sessions',
  'users',
  'carts',
  'inventory_items',
  'refunds',
  'shipments',
  'audit_log',
  'subscriptions',
  'invoices',
  'events',
];
export const CONFIG_KEYS = [
  'max_pool_size',
  'request_timeout_ms',
  'retry_budget',
  'max_connections',
  'cache_ttl_seconds',
  'worker_concurrency',
  'heap_limit',
  'rate_limit_per_ip',
  'batch_size',
  'keepalive_timeout',
];
export const METRICS = [
  'p99 latency',
  'error rate',
  'queue depth',
  'CPU saturation',
  'connection count',
  'disk usage',
  'heap usage',
  'consumer lag',
  'request rate',
  'cache hit ratio',
];

/** What users saw, used in titles: `Checkout API {symptom}`. */
export const SYMPTOMS: readonly (readonly [string, string])[] = [
  ['errors', 'errors'],
  ['outage', 'outage'],
  ['elevated latency', 'latency'],
  ['partial outage', 'partial-outage'],
  ['timeouts', 'timeouts'],
  ['failed requests', 'failures'],
  ['degraded responses', 'degradation'],
  ['delays', 'delays'],
  ['stale data', 'stale-data'],
  ['intermittent failures', 'intermittent-failures'],
];
