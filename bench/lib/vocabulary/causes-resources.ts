/** Causes in what a service leans on: its capacity, its database, its dependencies. */
import type { RootCauseCategory } from '../../../src/lib/core/taxonomy.ts';
import type { CategoryText } from './category-text.ts';

export const RESOURCE_CAUSES = {
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
} satisfies Partial<Record<RootCauseCategory, CategoryText>>;
