/** Generic narration of an incident (impact, detection, response, lessons), slot-filled like the category text. */

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
