/** Causes that ship with a change: a release, a configuration change, a manual operation. */
import type { RootCauseCategory } from '../../../src/lib/core/taxonomy.ts';
import type { CategoryText } from './category-text.ts';

export const CHANGE_CAUSES = {
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
} satisfies Partial<Record<RootCauseCategory, CategoryText>>;
