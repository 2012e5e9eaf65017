/**
 * Words of a fictional company's incident reviews, for the synthetic corpus. Ranked lists
 * (most frequent first) feed the Zipf samplers; `{slot}` markers are filled per incident.
 * Nothing here may contain `<` or a literal brace outside a slot: bodies are MDX.
 */
import type { RootCauseCategory } from '../../src/lib/core/taxonomy.ts';

/** Services by how often they appear in incidents, most first. */
export const SERVICES = [
  'checkout-api',
  'payments-gateway',
  'auth-service',
  'search-api',
  'mobile-api',
  'api-gateway',
  'notification-worker',
  'orders-db',
  'edge-cdn',
  'user-database',
  'cart-service',
  'inventory-service',
  'pricing-service',
  'kafka-cluster',
  'session-store',
  'identity-provider',
  'billing-service',
  'recommendations',
  'shipping-service',
  'search-indexer',
  'email-sender',
  'data-warehouse',
  'etl-pipeline',
  'redis-cache',
  'load-balancer',
  'dns-resolvers',
  'feature-flags',
  'config-service',
  'k8s-control-plane',
  'ci-runners',
  'artifact-registry',
  'object-storage',
  'image-resizer',
  'media-transcoder',
  'push-gateway',
  'sms-gateway',
  'webhooks',
  'partner-api',
  'graphql-gateway',
  'analytics-ingest',
  'metrics-pipeline',
  'logging-pipeline',
  'alertmanager',
  'status-page',
  'support-portal',
  'help-center',
  'account-service',
  'profile-service',
  'subscription-service',
  'tax-service',
  'currency-service',
  'geo-service',
  'maps-tiles',
  'scheduler',
  'batch-jobs',
  'backup-service',
  'secrets-manager',
  'vpn-gateway',
  'mail-relay',
  'sso-bridge',
  'queue-broker',
  'elasticsearch-cluster',
  'postgres-primary',
  'mysql-legacy',
  'cdn-origin',
  'rate-limiter',
  'waf',
  'fraud-scoring',
  'ledger',
  'invoice-generator',
  'reporting-api',
  'admin-console',
  'chat-service',
  'video-player',
  'loyalty-service',
  'reviews-service',
  'catalog-api',
  'warehouse-sync',
  'returns-service',
  'gift-cards',
] as const;

/** Human label of a service slug: `checkout-api` → `Checkout API`. */
export function serviceLabel(slug: string): string {
  const upper = new Set(['api', 'cdn', 'db', 'dns', 'sms', 'sso', 'vpn', 'waf', 'etl', 'k8s', 'ci']);
  return slug
    .split('-')
    .map((word) =>
      upper.has(word) ? word.toUpperCase() : word === 'graphql' ? 'GraphQL' : word[0].toUpperCase() + word.slice(1),
    )
    .join(' ');
}

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

export const TEAMS = [
  'Payments',
  'Platform',
  'Identity',
  'Search',
  'Mobile',
  'Core Infrastructure',
  'Database Reliability',
  'Networking',
  'Storefront',
  'Fulfilment',
  'Data Engineering',
  'Messaging',
  'Security Engineering',
  'Developer Productivity',
  'Observability',
  'Customer Support',
  'Billing',
  'Growth',
  'Edge',
  'Risk',
];

const FIRST = [
  'Ada',
  'Bilal',
  'Chen',
  'Dana',
  'Emeka',
  'Farah',
  'Goran',
  'Hana',
  'Ines',
  'Jonas',
  'Keiko',
  'Luca',
  'Mara',
  'Nadia',
  'Omar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tomas',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Aino',
  'Bruno',
  'Carmen',
  'Diego',
  'Elif',
  'Femi',
  'Greta',
  'Hugo',
  'Ivy',
  'Jamal',
];
const LAST = [
  'Quinn',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Haddad',
  'Novak',
  'Pereira',
  'Schmidt',
  'Ivanova',
  'Mensah',
  'Kowalski',
  'Rossi',
  'Nguyen',
  'Fernández',
  'Adeyemi',
  'Larsen',
  'Dubois',
  'Kaur',
  'Yilmaz',
  'Silva',
  'Berg',
  'Costa',
  'Horvat',
  'Abe',
  'Brennan',
  'Castillo',
  'Dimitrov',
  'Eriksen',
  'Fischer',
];
export const PEOPLE = FIRST.flatMap((first) => LAST.map((last) => `${first} ${last}`));

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

export const USER_JOURNEYS = [
  'Checkout',
  'Sign-in',
  'Search',
  'Product pages',
  'Order history',
  'Mobile app home feed',
  'Password reset',
  'Email receipts',
  'Push notifications',
  'Seller dashboard',
  'Partner API',
  'Refunds',
  'Delivery tracking',
  'Account settings',
  'Invoices',
  'Gift card redemption',
  'Customer support chat',
  'Reports and exports',
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
  'software-bug': {
    causes: [
      ['after a release with a serialization bug', 'serialization-bug'],
      ['from a null pointer in the new release', 'null-pointer-release'],
      ['after a deploy changed retry behaviour', 'retry-change-deploy'],
      ['from a memory leak in version {ver}', 'memory-leak'],
      ['after a client library upgrade', 'client-library-upgrade'],
      ['from an unhandled edge case in the release', 'unhandled-edge-case'],
    ],
    root: [
      'Release {ver} of {svc} changed how responses from {dep} were parsed, and every payload with an empty list field raised an exception that the handler turned into an HTTP 500.',
      'A refactor moved the retry loop inside the connection helper, so each failed call to {dep} was retried {n} times at two layers and the traffic multiplied under load.',
      'A memory leak in the request cache of {svc} grew the heap by roughly {n} MB an hour until the pods were killed by the out-of-memory killer and restarted in a loop.',
      'The new code path assumed every account had a default currency; accounts created before the migration had none, and requests for them failed.',
      'A dependency bump pulled in a new major version of the HTTP client whose default timeout was infinite instead of {n} seconds, so threads piled up waiting on slow upstream calls.',
      'The canary stage ran for only five minutes at {pct}% of traffic, which was too short to reach the code path that failed.',
      'Unit tests mocked the response from {dep}, so the changed field name was never exercised before production.',
    ],
    triggers: [
      'Release {ver} of {svc} was rolled out to all regions.',
      'A deploy of {svc} at the start of the business day shipped the change to every pod at once.',
      'The mobile client release {ver} reached {pct}% of devices through the staged rollout.',
      'An automated dependency update was merged and deployed by the pipeline.',
    ],
    factors: [
      'The canary analysis compared error counts, not error rates, and the canary took too little traffic to trip it.',
      'The rollback took {n} minutes because the previous image had been garbage-collected from the registry.',
      'Integration tests against {dep} were skipped in the pipeline because they were flaky.',
      'The feature was not behind a flag, so turning it off required a redeploy.',
    ],
    fixes: [
      'The team rolled {svc} back to the previous release, and error rates returned to baseline within {n} minutes.',
      'A hotfix that handled the empty field was built, reviewed and deployed through the fast lane.',
      'Pods were restarted with a higher memory limit to buy time while the leak was fixed and released as {ver}.',
    ],
    actions: [
      'Extend the canary stage of {svc} to thirty minutes and compare error rates, not counts.',
      'Add a contract test between {svc} and {dep} that runs on every build.',
      'Keep the last five release images of {svc} so rollback never needs a rebuild.',
      'Put new code paths in {svc} behind a feature flag by default.',
      'Add a heap usage alert for {svc} at 80% of the container limit.',
      'Set explicit timeouts on every outbound HTTP client in {svc}.',
    ],
    tags: [
      'deploy',
      'rollback',
      'regression',
      'canary',
      'memory-leak',
      'null-pointer',
      'serialization',
      'client-library',
    ],
    misleading: [
      'The team first suspected {dep}, because its latency dashboard was red, and spent {n} minutes confirming it was healthy.',
      'A recent infrastructure change in {region} looked related and was reverted without effect.',
    ],
  },
  'config-change': {
    causes: [
      ['after a connection-pool change', 'connection-pool-change'],
      ['after a feature flag was enabled for all users', 'feature-flag-enabled'],
      ['from a bad load balancer configuration', 'load-balancer-config'],
      ['after a timeout setting was lowered', 'timeout-lowered'],
      ['from a misconfigured rate limit', 'misconfigured-rate-limit'],
      ['after an infrastructure-as-code change', 'infrastructure-change'],
    ],
    root: [
      'A configuration change lowered {key} for {svc} from {n} to a value below peak concurrency, and requests queued until they timed out.',
      'A feature flag meant for internal users was enabled with the targeting rule left empty, which the flag service reads as every user.',
      'An infrastructure-as-code change replaced the health check path of the {svc} target group, and the load balancer marked every instance unhealthy.',
      'The rate limit for {svc} was changed from per-client to per-IP; customers behind a shared gateway were throttled together.',
      'The configuration was validated for syntax but not for meaning, so a value in seconds was read as milliseconds.',
      'The change was applied to all regions in one step instead of {region} first.',
    ],
    triggers: [
      'A configuration change to {key} on {svc} was applied by the deployment pipeline.',
      'A feature flag was switched on for all users from the flag console.',
      'An infrastructure-as-code pull request was merged and applied automatically.',
    ],
    factors: [
      'Configuration changes skipped the canary stage that code changes go through.',
      'The config diff in the review showed the new value but not the unit it was read in.',
      'No alert tracked the number of healthy instances behind the load balancer.',
      'The flag console had no confirmation step for changes that affect all users.',
    ],
    fixes: [
      'The configuration change was reverted and {svc} recovered as soon as the new value was loaded.',
      'The feature flag was turned off, and the team confirmed that error rates fell back to baseline.',
      'The previous health check path was restored and instances rejoined the target group within {n} minutes.',
    ],
    actions: [
      'Route configuration changes to {svc} through the same canary stage as code.',
      'Validate units and ranges of {key} in the config schema.',
      'Require a second approver for feature flags that target all users.',
      'Alert when fewer than half the instances behind a load balancer are healthy.',
      'Apply infrastructure changes one region at a time, starting with {region}.',
    ],
    tags: [
      'config-change',
      'feature-flag',
      'connection-pool',
      'load-balancer',
      'rate-limiting',
      'infrastructure-as-code',
      'timeouts',
    ],
    misleading: [
      'The error spike lined up with a deploy of {dep}, which was rolled back first and made no difference.',
      'Responders suspected a traffic surge and scaled {svc} out to {n} instances, which added load instead.',
    ],
  },
  capacity: {
    causes: [
      ['from connection pool exhaustion during peak traffic', 'connection-pool-exhaustion'],
      ['after the disk filled up', 'disk-full'],
      ['from a retry storm', 'retry-storm'],
      ['from thread pool exhaustion', 'thread-pool-exhaustion'],
      ['when the queue backlog grew past capacity', 'queue-backlog'],
      ['from an exhausted API quota', 'api-quota-exhausted'],
    ],
    root: [
      'Traffic reached {pct}% above the previous peak, and the database connection pool of {svc} was exhausted; new requests waited for a connection until they timed out.',
      'Debug logging left on after an investigation filled the disks of {host} at about {n} GB an hour until writes failed.',
      'When {dep} slowed down, clients retried immediately and without jitter, and the retry storm tripled the load on an already saturated service.',
      'The worker fleet of {svc} was sized for the average day, and the backlog grew faster than it drained once {metric} passed its usual ceiling.',
      'The daily quota on the {vendor} API was shared by every environment, and a test job used it up before noon.',
      'Autoscaling reacted to CPU, but the bottleneck was the number of open file descriptors per host.',
    ],
    triggers: [
      'A marketing campaign sent {n} thousand users to the site in ten minutes.',
      'A slowdown of {dep} made clients of {svc} start retrying.',
      'Debug logging was enabled on {svc} during an earlier investigation and never turned off.',
      'The nightly batch ran alongside the morning peak after it was moved by an hour.',
    ],
    factors: [
      'There was no load test at the expected peak before the campaign.',
      'Clients had no retry budget and no exponential backoff.',
      'Disk usage alerts fired at 95%, leaving minutes rather than hours to react.',
      'Autoscaling had a maximum of {n} instances that nobody had revisited in two years.',
    ],
    fixes: [
      'The team raised the pool size, shed non-essential traffic, and latency recovered as the queue drained.',
      'Debug logs were deleted, logging was set back to info, and {svc} resumed writes.',
      'Clients were switched to a retry budget with jittered backoff, and load on {dep} fell back to normal.',
      'The worker fleet was scaled to {n} instances and the backlog cleared in about an hour.',
    ],
    actions: [
      'Load test {svc} at twice the expected peak before every campaign.',
      'Add jittered exponential backoff and a retry budget to every client of {dep}.',
      'Alert on disk usage of {svc} hosts at 75% with a projection of time to full.',
      'Raise the autoscaling ceiling of {svc} and review it every quarter.',
      'Give each environment its own quota for the {vendor} API.',
    ],
    tags: [
      'capacity',
      'connection-pool',
      'retry-storm',
      'disk-full',
      'queue-backlog',
      'autoscaling',
      'rate-limiting',
      'peak-traffic',
    ],
    misleading: [
      'High CPU on {svc} suggested a code regression, and a rollback was tried before anyone looked at the connection pool.',
      'A network blip in {region} at the same time sent the team to the network dashboards for {n} minutes.',
    ],
  },
  dependency: {
    causes: [
      ['during a cloud region outage', 'cloud-region-outage'],
      ['when a vendor API degraded', 'vendor-api-degraded'],
      ['after an upstream service changed its response format', 'upstream-format-change'],
      ['from a third-party SDK outage', 'third-party-sdk-outage'],
    ],
    root: [
      '{vendor} had a partial outage in {region}, and {svc} had no fallback for the calls that failed.',
      'An upstream team changed the response format of {dep} without versioning the endpoint, and {svc} could not parse the new field.',
      'A third-party SDK loaded synchronously on every page, so when its CDN stalled, pages waited for it before rendering.',
      'The circuit breaker in front of {dep} was configured but never enabled, so every request waited the full timeout.',
    ],
    triggers: [
      '{vendor} began returning errors for requests from {region}.',
      'The team that owns {dep} deployed a new response format.',
      'The third-party SDK CDN started timing out.',
    ],
    factors: [
      'There was no contract test between {svc} and {dep}.',
      'The vendor status page reported no problem for the first {n} minutes.',
      'Failover to another region was documented but had never been rehearsed.',
    ],
    fixes: [
      'Traffic was failed over to another region, and {svc} recovered while {vendor} fixed its service.',
      'The team that owns {dep} rolled back the format change, and parsing errors stopped.',
      'The SDK was loaded asynchronously behind a timeout, and pages rendered without it.',
    ],
    actions: [
      'Enable the circuit breaker in front of {dep} and test it monthly.',
      'Version the API of {dep} and announce breaking changes a release ahead.',
      'Rehearse regional failover for {svc} twice a year.',
      'Load third-party scripts asynchronously with a timeout.',
    ],
    tags: ['third-party', 'vendor', 'cloud-provider', 'circuit-breaker', 'failover', 'api-contract'],
    misleading: [
      'A deploy of {svc} shortly before the errors started was rolled back first, without effect.',
      'Responders checked the vendor status page, which showed green, and looked for a fault of their own for {n} minutes.',
    ],
  },
  database: {
    causes: [
      ['from a slow query on a missing index', 'slow-query-missing-index'],
      ['from database deadlocks during a batch job', 'database-deadlocks'],
      ['after a schema migration locked a table', 'migration-table-lock'],
      ['from replication lag on the read replicas', 'replication-lag'],
      ['after the query planner changed plans', 'query-plan-change'],
    ],
    root: [
      'A new query on the {table} table filtered on a column without an index, and each call became a full table scan over {n} million rows.',
      'A batch job updated {table} rows in the opposite lock order to the request path, and the two deadlocked repeatedly.',
      'A schema migration added a column with a default value, which rewrote the {table} table while holding an exclusive lock.',
      'Read replicas fell {n} seconds behind during a bulk import, and {svc} served stale data from them.',
      'After statistics were refreshed, the query planner switched to a nested loop for the {table} join, and query time rose from milliseconds to seconds.',
    ],
    triggers: [
      'A release of {svc} introduced a new query on the {table} table.',
      'The nightly batch job on {table} started at its usual time.',
      'A schema migration on {table} was run by the deployment pipeline.',
      'A bulk import of {n} thousand rows into {table} began.',
    ],
    factors: [
      'Query plans were not reviewed as part of code review.',
      'The staging database had a hundredth of the production data, so the scan was fast there.',
      'The migration tool did not warn about table rewrites.',
      'There was no alert on replica lag, only on replica availability.',
    ],
    fixes: [
      'An index was created concurrently on the {table} table, and query latency dropped back to normal.',
      'The batch job was paused, its sessions were terminated, and deadlocks stopped at once.',
      'The migration was cancelled, the lock was released, and it was rerun later in small batches.',
      'Reads were pointed at the primary until replication caught up.',
    ],
    actions: [
      'Add query plan checks for new queries on {table} to code review.',
      'Seed staging with production-sized data for {table}.',
      'Alert on replica lag above ten seconds for {svc}.',
      'Make the migration tool refuse table rewrites on tables over one million rows.',
      'Process batch updates to {table} in small transactions with a fixed lock order.',
    ],
    tags: [
      'database',
      'slow-query',
      'missing-index',
      'deadlock',
      'lock-contention',
      'migration',
      'replication-lag',
      'postgres',
      'mysql',
    ],
    misleading: [
      'The team failed the database over to a replica in case the primary host was faulty; the problem followed the workload.',
      'Slow responses were blamed on the network until database metrics showed {n} active locks.',
    ],
  },
  'network-dns': {
    causes: [
      ['from NXDOMAIN negative caching', 'nxdomain-negative-caching'],
      ['after a firewall rule change', 'firewall-rule-change'],
      ['from packet loss between regions', 'packet-loss'],
      ['after a DNS record was deleted', 'dns-record-deleted'],
      ['from a BGP route leak', 'bgp-route-leak'],
    ],
    root: [
      'A DNS record for {svc} was briefly removed during a migration, and resolvers cached the NXDOMAIN answer for the full negative TTL.',
      'A firewall rule change blocked traffic from the {region} subnets to {dep}.',
      'A faulty link between {region} and the primary region dropped about {pct}% of packets, which turned into retries and timeouts.',
      'A route leak at an upstream provider sent traffic for our prefixes through a congested path for {n} minutes.',
    ],
    triggers: [
      'A DNS migration script recreated the zone records in two steps.',
      'A firewall rule change was applied to the {region} network.',
      'A transit provider leaked routes for our prefixes.',
    ],
    factors: [
      'The negative TTL of the zone was one hour.',
      'Network changes were reviewed without a list of the services behind each subnet.',
      'There was no synthetic check from outside our network.',
    ],
    fixes: [
      'The record was restored and the resolver caches of the fleet were flushed.',
      'The firewall rule was reverted, and connections from {region} resumed.',
      'Traffic was moved off the faulty link until the provider repaired it.',
    ],
    actions: [
      'Lower the negative TTL of internal zones to sixty seconds.',
      'Make the DNS migration script update records in place instead of delete and recreate.',
      'Add external synthetic checks for {svc} from three regions.',
      'List dependent services in every firewall change request.',
    ],
    tags: ['dns', 'network', 'firewall', 'packet-loss', 'bgp', 'negative-caching', 'tls'],
    misleading: [
      'Timeouts looked like an application problem, and the team restarted {svc} twice before checking name resolution.',
      'A certificate warning in the logs sent responders after TLS for {n} minutes; it was unrelated.',
    ],
  },
  'manual-operation': {
    causes: [
      ['after a manual command ran against production', 'manual-command-production'],
      ['from a runbook step run in the wrong order', 'runbook-step-order'],
      ['after a console change deleted resources', 'console-deleted-resources'],
    ],
    root: [
      'An operator ran a cleanup command against production while believing the shell was connected to staging; the prompt looked the same in both.',
      'The runbook listed the failover steps in an order that only works when the replica is fully caught up.',
      'A console action removed what looked like unused resources; they were the backing store of {svc}.',
    ],
    triggers: [
      'A cleanup script was run by hand from an operator workstation.',
      'The failover runbook for {svc} was followed during planned maintenance.',
      'Resources were deleted from the cloud console.',
    ],
    factors: [
      'Production and staging shells looked the same.',
      'The runbook had not been exercised since the architecture changed.',
      'The console allowed deleting resources that had active connections.',
    ],
    fixes: [
      'The deleted data was restored from the last snapshot, and the gap was replayed from the event log.',
      'The failover was reversed and rerun in the right order.',
      'The resources were recreated from infrastructure-as-code, and {svc} reconnected.',
    ],
    actions: [
      'Colour production shells red and require typing the environment name for destructive commands.',
      'Rehearse the {svc} failover runbook every quarter.',
      'Add deletion protection to the resources behind {svc}.',
      'Replace the manual cleanup with a reviewed, automated job.',
    ],
    tags: ['manual-operation', 'runbook', 'human-factors', 'toil', 'automation'],
    misleading: [
      'The team first looked for a faulty deploy, because nothing in the change log mentioned the manual step.',
    ],
  },
  expiry: {
    causes: [
      ['from an expired TLS certificate', 'expired-certificate'],
      ['after a daylight saving time transition', 'dst-transition'],
      ['from an expired API credential', 'expired-credential'],
      ['from clock skew on the workers', 'clock-skew'],
    ],
    root: [
      'The TLS certificate of {svc} expired; renewal had been automated, but the automation failed silently after a permissions change.',
      'A scheduled job computed its window in local time, and on the night of the daylight saving transition the window was an hour long or empty.',
      'A service account credential used by {svc} had a one-year lifetime, and nobody owned its renewal.',
      'NTP was blocked on the new worker image, and clocks drifted until signed tokens were rejected as not yet valid.',
    ],
    triggers: [
      'The certificate for {svc} reached its expiry date.',
      'Clocks moved for daylight saving time.',
      'The credential used by {svc} expired at midnight UTC.',
    ],
    factors: [
      'Certificate expiry was monitored only for public domains.',
      'The job scheduler used the server local time zone.',
      'Renewal failures were logged but did not alert.',
    ],
    fixes: [
      'A new certificate was issued and deployed, and clients reconnected.',
      'The job was rerun for the skipped window.',
      'The credential was rotated, and {svc} resumed its calls.',
    ],
    actions: [
      'Monitor expiry of every certificate and credential used by {svc} with alerts thirty days ahead.',
      'Run scheduled jobs in UTC.',
      'Alert on renewal failures of certificate automation.',
      'Check clock skew on every host and alert above one second.',
    ],
    tags: ['certificate', 'tls', 'expiry', 'dst', 'time-zones', 'credentials', 'clock-skew'],
    misleading: ['Handshake failures were first blamed on a CDN change, which took {n} minutes to rule out.'],
  },
  'hardware-facility': {
    causes: [
      ['from a power failure in the data centre', 'power-failure'],
      ['after a disk failure on the primary', 'disk-failure'],
      ['from a failed network switch', 'switch-failure'],
    ],
    root: [
      'A power failure in one hall of the data centre took down the racks of {svc}, and the standby generators failed to start.',
      'A disk on the primary database host of {svc} failed, and the RAID rebuild saturated I/O for hours.',
      'A top-of-rack switch failed, and the hosts behind it lost their network.',
    ],
    triggers: [
      'Utility power to the data centre was lost.',
      'A disk on {host} failed.',
      'A switch in rack {n} failed.',
    ],
    factors: [
      'Generator failover had been tested without load.',
      'All replicas of {svc} were in the same rack.',
      'Hardware alerts went to a mailbox nobody watched at night.',
    ],
    fixes: [
      'Power was restored, hosts were brought back in order, and {svc} recovered.',
      'The primary was failed over to a replica while the disk was replaced.',
      'Traffic was drained from the affected rack until the switch was replaced.',
    ],
    actions: [
      'Spread replicas of {svc} across racks and halls.',
      'Test generator failover under load every quarter.',
      'Route hardware alerts to the on-call pager.',
    ],
    tags: ['hardware', 'power', 'disk-failure', 'data-centre', 'redundancy'],
    misleading: ['A simultaneous deploy of {dep} was suspected and rolled back, without effect.'],
  },
  security: {
    causes: [
      ['after the WAF blocked legitimate traffic', 'waf-blocked-traffic'],
      ['during a credential-stuffing attack', 'credential-stuffing'],
      ['from a denial-of-service attack', 'denial-of-service'],
    ],
    root: [
      'A new WAF rule matched a header sent by a popular mobile carrier proxy, and requests from those users were blocked.',
      'A credential-stuffing attack from {n} thousand IP addresses overloaded the login path of {svc}.',
      'A volumetric attack on {svc} saturated the edge in {region} before mitigation kicked in.',
    ],
    triggers: [
      'A new WAF rule set was deployed in blocking mode.',
      'An attack began against {svc}.',
      'Traffic to {svc} rose by {pct}% from unknown sources.',
    ],
    factors: [
      'WAF rules went straight to blocking mode without a period in count-only mode.',
      'Login rate limits were per account, not per source.',
      'The DDoS protection plan had not been enabled for {svc}.',
    ],
    fixes: [
      'The WAF rule was switched to count-only mode and blocked users recovered.',
      'Rate limits per source were applied at the edge and the attack traffic was dropped.',
      'The provider enabled DDoS protection for {svc} and traffic normalised.',
    ],
    actions: [
      'Run new WAF rules in count-only mode for a week before blocking.',
      'Rate limit the login path of {svc} per source address.',
      'Enable DDoS protection on every public endpoint.',
    ],
    tags: ['security', 'waf', 'ddos', 'credential-stuffing', 'rate-limiting'],
    misleading: ['The login failures were first treated as a bug in the new release of {svc}.'],
  },
  unknown: {
    causes: [
      ['with the cause unknown', 'cause-unknown'],
      ['that recovered on its own', 'self-recovered'],
    ],
    root: [
      'The cause has not been established. The team ruled out deploys, configuration changes and the dependencies of {svc}, and the logs from the affected window are incomplete.',
      'Errors stopped on their own after {n} minutes; the available metrics do not show what changed.',
    ],
    triggers: ['No trigger has been identified.'],
    factors: [
      'Logs of {svc} are sampled at 1%, so the failing requests were not recorded.',
      'Metrics have a one-minute resolution, too coarse for a short spike.',
    ],
    fixes: [
      'No action stopped the incident; errors ended without intervention, and the team kept watching for a recurrence.',
    ],
    actions: [
      'Keep unsampled error logs of {svc} for seven days.',
      'Record metrics of {svc} at ten-second resolution.',
      'Revisit this incident if the pattern recurs.',
    ],
    tags: ['cause-unknown', 'observability', 'logging'],
    misleading: ['A slow node in {region} was drained, with no effect on the errors.'],
  },
};

/** Generic narration, slot-filled like the category text. */
export const IMPACT_SENTENCES = [
  'Users saw error pages or spinning loaders and were asked to try again later.',
  'About {pct}% of requests to {svc} failed, and the rest were slower than usual.',
  'Support received {n} tickets during the incident, most of them from mobile users.',
  'No data was lost, but some requests had to be retried by users.',
  'Partners calling the API got timeouts and retried, which added to the load.',
  'Orders placed during the window were delayed but completed once service recovered.',
  'Customers in {region} were hit hardest because their traffic is served from that region first.',
];

export const DETECTION_SOURCES: Record<string, readonly string[]> = {
  'monitoring-alert': [
    'Error-rate alert on {svc}.',
    'Latency alert on the p99 of {svc}.',
    'Alert on {metric} of {svc}.',
    'Burn-rate alert on the availability objective of {svc}.',
  ],
  'customer-report': [
    'Support tickets from customers.',
    'A partner emailed their account manager.',
    'Reports on social media, escalated by support.',
  ],
  'engineer-noticed': [
    'An engineer noticed errors while testing an unrelated change.',
    'An engineer saw the dashboard of {svc} during a review.',
  ],
  'synthetic-check': [
    'The synthetic journey check for {svc} failed from two regions.',
    'The end-to-end canary for {svc} failed.',
  ],
  other: ['A scheduled report came out empty and someone asked why.'],
};

export const RESPONSE_SENTENCES = [
  'The on-call engineer for {team} acknowledged the page within {n} minutes and opened an incident channel.',
  'An incident commander was appointed and the status page was updated.',
  'Responders compared dashboards of {svc} and {dep} to find where errors started.',
  'The team paused deploys to {svc} while the investigation ran.',
  'Logs showed the first failing requests around the time of the trigger, which narrowed the search.',
  'A second responder from {team} joined to check the dependencies of {svc}.',
];

export const LEARNED_SENTENCES = [
  'Alerts that fire on symptoms users feel brought the right people in quickly.',
  'Changes that skip the canary stage deserve the same scrutiny as code.',
  'The runbook for {svc} was out of date, and responders lost time working around it.',
  'Having a single incident channel kept communication clear.',
  'Dashboards should show the dependency graph, not only each service on its own.',
  'We need to practise rollbacks as much as deploys.',
  'Small, reversible changes would have limited the blast radius.',
  'The status page was updated late; customers learned of the incident from their own errors.',
];

export const WENT_WELL = [
  'The alert fired within minutes of the first errors.',
  'Rollback was fast once the cause was found.',
  'Responders from several teams joined quickly and shared one channel.',
  'The status page was updated within fifteen minutes.',
  'Customer support had a clear message to send.',
];
export const WENT_WRONG = [
  'It took too long to connect the errors to the recent change.',
  'The runbook was out of date.',
  'Dashboards did not show the dependency that failed.',
  'Several responders investigated the same hypothesis in parallel.',
  'The incident was declared late, so escalation was slow.',
];
export const GOT_LUCKY = [
  'The incident happened outside the peak hours.',
  'An engineer who knew the system well happened to be online.',
  'A scheduled campaign had been postponed that week.',
];

export const TICKET_PROJECTS = ['OPS', 'PAY', 'PLAT', 'IDN', 'SRCH', 'MOB', 'NET', 'DATA', 'SEC', 'INFRA'];
