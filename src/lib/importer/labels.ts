/**
 * The words the importer looks for: section and label names per field, and the keywords
 * that classify detection, timeline moments and wrong leads. Matched against lower-case
 * labels (see labelKey in ./label-text.ts); each rule names what it recognises.
 */
/** Section and label names, matched against lower-case labels (see labelKey in label-text.ts). */
export const FIELD_LABELS = {
  /** Dates that are not the incident's: when the report was written, published or due. */
  reportDate:
    /^(date of writing|due date|due|deadline|published|published on|publication date|date published|report date|date of report|report written|written on|prepared on|date prepared|last updated|updated|updated on|posted|posted on|submitted|submitted on|review date|postmortem date|date of postmortem)$/,
  title: /^(title|incident|incident title|incident name|name|titre)$/,
  start:
    /^(start|started|start time|start date|start date and time|started at|incident start|incident start time|impact start|impact start time|impact began|impact started|began|outage start|outage began|first impact|time started|beginning|début|debut|heure de début|heure de debut)$/,
  end: /^(end|ended|end time|end date|end date and time|ended at|incident end|incident end time|outage end|outage ended|resolved|resolved at|resolution time|time resolved|recovered|recovered at|all clear|closed|closed at|fin|heure de fin|resolved time)$/,
  detected:
    /^(detected|detected at|detection time|time detected|time of detection|detection|first alert|alerted at|détection|detection date)$/,
  mitigated:
    /^(mitigated|mitigated at|mitigation time|impact ended|impact end|impact end time|time mitigated|service restored|restored at)$/,
  duration:
    /^(duration|incident window|window|time window|period|durée|duree|when|date and duration|date and duration of (the )?(outage|incident)|duration of (the )?(outage|incident))$/,
  summary:
    /^(summary|executive summary|incident summary|issue summary|tl ?dr|overview|abstract|synopsis|résumé|resume)$/,
  severity: /^(severity|sev|severity level|incident severity|incident level|impact level|gravité|gravite|niveau)$/,
  priority: /^(priority|incident priority|p level)$/,
  services:
    /^(services?|affected services?|services? affected|impacted services?|services? impacted|systems? affected|affected systems?|impacted systems?|affected components?|components? affected|service names?|services? concernés|services concernes)$/,
  authors:
    /^(authors?|written by|prepared by|report author|postmortem authors?|postmortem owner|document owner|rédigé par|redige par|auteurs?)$/,
  teams: /^(teams?|teams involved|responders|responding teams?|participants|équipes?|equipes?)$/,
  impact:
    /^(impact|user impact|customer impact|business impact|impact on users|impact on customers|who was affected|scope|impact and scope|effects?|customer facing impact)$/,
  detection:
    /^(detection|how detected|how it was detected|how was it detected|how we detected it|how we found out|how it was found|detection method|detected by|discovery|how discovered|détection|detection source)$/,
  rootCause:
    /^(root cause|root causes|cause|causes|the cause|underlying cause|underlying causes|root cause analysis|rca|why it happened|technical cause|cause racine|causes racines|cause première|cause premiere)$/,
  rootCauseLoose: /^root causes?\b/,
  trigger:
    /^(trigger|triggers|triggering event|what triggered it|immediate cause|proximate cause|déclencheur|declencheur)$/,
  contributing:
    /^(contributing factors?|contributing causes?|contributors|aggravating factors?|facteurs aggravants|facteurs contributifs)$/,
  resolution:
    /^(resolution|resolution and recovery|recovery|fix|the fix|fixes applied|mitigation|mitigation and resolution|remediation|how it was fixed|how we fixed it|how it was resolved|resolution steps|résolution)$/,
  escalation: /^(escalations?|escalated to|escalation path|escalation and communication)$/,
  misleading:
    /(mislead|red herring|dead ends?|false leads?|wrong turns?|ruled out|hypothes[ei]s|pistes? (écartées|ecartees|trompeuses)|what we tried first)/,
  actions:
    /^(action items?|actions|follow ?ups?|follow ?up actions|follow ?up items|corrective actions|corrective and preventa?tive (measures|actions)|preventa?tive (measures|actions)|remediation items|remediations|next steps|tasks?|tasks to address (the|this) (issue|incident)|improvements?|improvements ?\/ ?fixes|fixes|to ?do|what we are changing|what were changing|actions correctives|plan d action|short term|mid term|medium term|long term|(short|mid|medium|long)[ -]term (actions|items|fixes|tasks))$/,
  timeline:
    /^(timeline|timeline of events|chronology|sequence of events|event timeline|detailed timeline|incident timeline|response timeline|timeline of (the )?response|chronologie|déroulé|deroule|timeline utc|timeline \w+)$|^(timeline|chronology) (of events )?\(?(on |for )?\d/,
  wentWell:
    /^(what went well|went well|things that went well|what worked|what worked well|successes|ce qui a bien fonctionné|ce qui a bien fonctionne)$/,
  wentWrong:
    /^(what went wrong|went wrong|what didnt go well|what did not go well|what could have gone better|what could have been better|things that went wrong|challenges|what could be improved|what didnt work|ce qui a mal fonctionné|ce qui a mal fonctionne)$/,
  gotLucky: /^(where we got lucky|got lucky|we got lucky|what was lucky|luck|lucky breaks?|where we were lucky)$/,
};

export const USERS =
  /\b(users?|user base|userbase|customers?|accounts?|members?|merchants?|clients?|subscribers?|visitors?|players?|riders?|drivers?|shoppers?|sellers?|buyers?|tenants?|utilisateurs?|people|students?|patients?|learners?|logins?|sessions?)\b/i;
export const PERCENT = /(\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b|pour cent\b)/gi;

export const DETECTION_RULES: readonly { method: string; words: RegExp }[] = [
  {
    method: 'synthetic-check',
    words:
      /\b(synthetic|canary|canaries|probes?|uptime (check|monitor)|pingdom|health ?checks?|end-to-end (check|test)s?|smoke tests?|blackbox)\b/gi,
  },
  {
    method: 'monitoring-alert',
    words:
      /\b(alerts?|alerting|alarms?|monitoring|pager(duty)?|paged|opsgenie|grafana|prometheus|datadog|new relic|threshold|slo burn)\b/gi,
  },
  {
    method: 'customer-report',
    words:
      /\b(customers? (reported|complained|contacted|called|wrote|noticed)|(players|patients|readers|shoppers|fans|users) reported|customer reports?|reported by (a |our )?(customers?|users?|clients?|merchants?|partners?)|support tickets?|tickets? from|complaints?|tweets?|social media|users? reported|clients? reported|customer support)\b/gi,
  },
  {
    method: 'engineer-noticed',
    words:
      /\b(engineer noticed|noticed by|spotted|by chance|dogfood(ing)?|an? (engineer|developer|employee) (noticed|saw|spotted)|internal users?|staff noticed)\b/gi,
  },
];
/** Someone "noticed" with no other clue: an insider noticing, the weakest reading. */
export const NOTICED = /\bnoticed\b/gi;

export const MISLEADING_MARKERS =
  /\b(misleading(ly)?|red herrings?|dead ends?|wrongly|mistakenly|incorrectly|assum(ed|ing|ptions?)|suspect(ed|ing)?|hypothes[ie]s|initially (thought|believed|suspected)|turned out (not|to be unrelated)|ruled out|did not yield|no leads|false leads?|wild goose)\b/i;

export const TIMELINE_KINDS: readonly { kind: string; words: RegExp }[] = [
  {
    kind: 'resolution',
    words:
      /\b(resolved|resolution|all[- ]clear|incident (closed|over|ended)|declared (over|resolved)|closed the incident)\b/i,
  },
  { kind: 'misleading', words: MISLEADING_MARKERS },
  { kind: 'escalation', words: /\bescalat\w*|\b(brought in|pulled in|looped in|called in)\b/i },
  {
    kind: 'mitigation',
    words:
      /\b(mitigat\w*|restored|recover(s|ed|y)?|rolled back|roll ?back|revert(s|ed)?|pointed back|failover|failed over|back to normal|returned to normal|(error rates?|errors?) (drops?|dropped|falls?|fell|stops?|stopped)|(?:emergency |hot)?fix\b[^.]{0,60}\bdeployed|deployed\b[^.]{0,40}\bfix|hotfix)\b/i,
  },
  {
    kind: 'detection',
    words:
      /\b(detect\w*|alerts?|alerted|alarms?|notice[sd]?|reports?|reported|pages (the )?on-?call|paged|paging|pager( storm)?|pagerduty|fires|fired|notified|informed|automated warning|warning from|(ticket|issue) (is |was )?opened)\b/i,
  },
  {
    kind: 'communication',
    words:
      /\b(status ?page|customers? (were )?(notified|informed)|communicat\w*|announce\w*|tweet\w*|posted an update)\b/i,
  },
  {
    kind: 'impact',
    words:
      /\b(impact (begins?|began|starts?|started)|outage (begins?|began|starts?|started)|(problem|issue|incident) (begins?|began|starts?|started)|start of (the )?(incident|outage|impact)|returning (http )?[45]\d\d|(services?|site|website|hub|api) (is |are |was |were )?(down|unavailable|unreachable)|stopped (working|responding|successfully)|(errors?|error rate|failures?) (begins?|began|starts?|started|spikes?|spiked|rises?|rose|climbs?|climbed|pass(es|ed)?)|(start|starts|started|begin|begins|began) (receiving|seeing|getting|failing|timing out|rejecting)|latency (rose|spiked|increased)|went down|became unavailable|drops? to zero|wave)\b/i,
  },
];

/**
 * Timeline words that say users met the problem, beyond KIND.impact: an HTTP error served
 * ("failed with nginx 504 Timeout", "502 errors"), a system unable to do its job ("unable to
 * scale up"), something that could not be done ("no image could be launched").
 */
export const PROBLEM_WORDS =
  /\b((failed|failing|fails|returned|returning|served|serving|responded|responding) with (an? )?(nginx |http |status )?[45]\d\d|5\d\d( [\w-]+){0,2} (errors?|timeouts?|responses?|status codes?|bad gateway|gateway timeout|service unavailable)|(were|was|is|are) unable to|could not be (reached|accessed|loaded|launched|served|resolved)|no \w+ could be \w+ed|(users?|customers?|clients?) (could not|couldn't|cannot|can't|were unable|are unable|saw|see|received|got|experienced))\b/i;

export const KIND = Object.fromEntries(TIMELINE_KINDS.map((rule) => [rule.kind, rule.words])) as Record<string, RegExp>;

export const TRIGGER_WORDS =
  /\b(config(uration)? change|deploy(ed|s|ment)?|released?|rolled out|migration|job (starts?|started|ran)|script (ran|was run)|was run|upgrade[ds]?|fails? over|failover|expired?|marketing email|goes out|went out)\b/i;
