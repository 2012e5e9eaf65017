/**
 * Similar incidents on real postmortems nobody here wrote: the 242 entries of icco/postmortems,
 * all of which import with --publish (tests/corpus/import/icco), as the site lists them.
 *
 * The expectations were judged by reading the postmortems: for twenty pages with a clear root
 * cause, which other published postmortems fail the same way (the same thing failed the same
 * way: a leap second, an expired certificate, BGP announcements, a lost power feed, DNS
 * resolvers failing to answer; not merely the same company, product or vocabulary), then for the
 * five newly published postmortems those pages came to list that share their mechanism. The
 * issue that asked for this (19) measured 19 of 63 neighbours sharing the mechanism before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iccoRecords } from '../helpers/icco-records.ts';
import { computeSimilarity, describeMatch } from '../../src/lib/similarity/similar-incidents.ts';
import { NOT_A_MECHANISM } from '../../src/lib/similarity/not-a-mechanism.ts';
import { tokenize } from '../../src/lib/similarity/term-model.ts';

const records = iccoRecords();
const { similar } = computeSimilarity(records.map((record) => record.input));
const ids = new Set(records.map((record) => record.id));
const listed = (id: string) => (similar.get(id) ?? []).map((match) => match.id);

const CLOUDFLARE_REGEX = '2019-07-02-cloudflare-global-outage-on-july-2-2019';
const STACK_EXCHANGE_REGEX = '2016-07-20-stack-exchange-network-outage-of-july-20-2016';
const GOOGLE_COOLING = '2022-07-19-google-cloud-europe-west2-outage-due-to-cooling-system';
const AWS_TOKYO_COOLING = '2019-08-23-amazon-ec2-and-ebs-issues-in-tokyo-ap-northeast-1-on-august';
const CLOUDFLARE_BGP_2020 = '2020-07-17-cloudflare-outage-on-july-17-2020';
const CLOUDFLARE_BGP_2022 = '2022-06-21-cloudflare-outage-on-june-21-2022';
const CLOUDFLARE_ROUTERS_2013 = '2013-03-03-cloudflare-global-outage-due-to-router-configuration-error';
const GOOGLE_IP_BLOCKS = '2016-04-12-google-compute-engine-global-connectivity-loss-april-2016';
const LINUX_LEAP_2008 = '2009-01-01-linux-kernel-leap-second-deadlock-crash-on-new-year-s-2008';
const LINUX_LEAP_2012 = '2012-07-01-linux-kernel-leap-second-futex-timer-issue';
const CLOUDFLARE_LEAP = '2017-01-01-leap-second-affected-cloudflare-dns';
const AWS_SEOUL_DNS = '2018-11-22-amazon-ec2-dns-resolution-issues-in-ap-northeast-2';
const CLOUDFLARE_RESOLVER = '2023-10-04-cloudflare-1-1-1-1-lookup-failures-on-october-4-2023';
const GITHUB_DNS_2024 = '2024-10-11-github-dns-infrastructure-failure-and-service-degradation-on';
const GITHUB_DNS_2014 = '2014-01-08-github-dns-outage-on-january-8-2014';
const AWS_POWER_2012 = '2012-06-30-aws-us-east-1-power-failure-and-service-disruption-in-june';
const AWS_SYDNEY_POWER = '2016-06-05-aws-sydney-region-ec2-and-ebs-power-disruption';
const AWS_SAO_PAULO_POWER = '2013-12-18-aws-sa-east-1-availability-zone-power-and-network-incident';
const FLEXENTIAL_POWER = '2023-11-02-cloudflare-control-plane-and-analytics-outage-due-to';
const GITHUB_POWER_2016 = '2016-01-28-github-january-28th-2016-datacenter-power-disruption';
const YELLER_PARTITION = '2014-07-29-yeller-network-partition-causes-processing-delays';
const TWILIO_PARTITION = '2013-07-18-twilio-billing-system-incident-of-july-2013';
const GITHUB_PARTITION_2018 = '2018-10-21-github-october-2018-service-degradation-due-to-mysql';
const GITHUB_FAILOVER_2012 = '2012-09-10-github-com-availability-issues-in-september-2012';
const GITHUB_SCHEMA_MIGRATION = '2021-11-27-github-november-2021-availability-incident-due-to-mysql';
const SENTRY_XID = '2015-07-20-sentry-hosted-postgres-xid-wraparound-outage';
const MANDRILL_XID = '2019-02-04-mandrill-postgres-xid-wraparound-outage-february-2019';
const AZURE_LEAP_DAY_CERTIFICATES = '2012-02-29-windows-azure-service-disruption-on-feb-29th-2012';
const FIREFOX_CERTIFICATE = '2019-05-04-firefox-add-ons-outage-due-to-certificate-expiration';
const CIRCLECI_KUBERNETES = '2023-03-14-circleci-jobs-not-starting-due-to-kubernetes-networking';
const DATADOG_KUBERNETES = '2023-03-08-datadog-infrastructure-connectivity-issue-march-2023';
const CLOUDBLEED = '2016-09-22-cloudflare-parser-bug-causes-memory-leak';
const HOMEBREW_TOKEN = '2018-07-31-homebrew-github-token-leak-from-jenkins';
// Published since the importer maps icco's categories (242 entries, 74 more than before).
const FACEBOOK_BACKBONE = '2021-10-04-facebook-global-backbone-network-outage-of-october-2021';
const AWS_DUBLIN_POWER = '0000-00-00-amazon-ec2-ebs-and-rds-eu-west-region-service-event';
const SALESFORCE_POWER_FAILOVER = '0000-00-00-salesforce-salesforce-help-incident';
const GOOGLE_LIGHTNING_POWER = '2015-08-13-google-compute-engine-persistent-disk-issue-in-europe-west1';
const REDDIT_KUBERNETES = '0000-00-00-reddit-incident';

/** A data center lost utility power and its backup (generators, breakers, batteries) did not carry the load. */
const POWER_LOSS = [
  AWS_POWER_2012,
  AWS_SAO_PAULO_POWER,
  AWS_SYDNEY_POWER,
  FLEXENTIAL_POWER,
  GITHUB_POWER_2016,
  AWS_DUBLIN_POWER,
  SALESFORCE_POWER_FAILOVER,
  GOOGLE_LIGHTNING_POWER,
];
const powerLossBesides = (page: string) => POWER_LOSS.filter((id) => id !== page);

/** Per page, the published postmortems judged (by reading) to share its failure mechanism. */
const SAME_MECHANISM: Record<string, string[]> = {
  [CLOUDFLARE_REGEX]: [STACK_EXCHANGE_REGEX],
  [STACK_EXCHANGE_REGEX]: [CLOUDFLARE_REGEX],
  [GOOGLE_COOLING]: [AWS_TOKYO_COOLING],
  [AWS_TOKYO_COOLING]: [GOOGLE_COOLING],
  // A change to routers' configuration that cut data centers off the internet (BGP routes withdrawn).
  [CLOUDFLARE_BGP_2022]: [CLOUDFLARE_BGP_2020, GOOGLE_IP_BLOCKS, CLOUDFLARE_ROUTERS_2013, FACEBOOK_BACKBONE],
  [CLOUDFLARE_BGP_2020]: [CLOUDFLARE_BGP_2022, GOOGLE_IP_BLOCKS, CLOUDFLARE_ROUTERS_2013, FACEBOOK_BACKBONE],
  [CLOUDFLARE_ROUTERS_2013]: [CLOUDFLARE_BGP_2020, CLOUDFLARE_BGP_2022, FACEBOOK_BACKBONE],
  [LINUX_LEAP_2012]: [LINUX_LEAP_2008, CLOUDFLARE_LEAP],
  [CLOUDFLARE_LEAP]: [
    LINUX_LEAP_2008,
    LINUX_LEAP_2012,
    AWS_SEOUL_DNS,
    CLOUDFLARE_RESOLVER,
    GITHUB_DNS_2024,
    GITHUB_DNS_2014,
  ],
  [AWS_SEOUL_DNS]: [CLOUDFLARE_LEAP, CLOUDFLARE_RESOLVER, GITHUB_DNS_2024, GITHUB_DNS_2014],
  [AWS_POWER_2012]: powerLossBesides(AWS_POWER_2012),
  [AWS_SAO_PAULO_POWER]: powerLossBesides(AWS_SAO_PAULO_POWER),
  // Judged since: the newly published neighbours above, whatever they list.
  [AWS_DUBLIN_POWER]: powerLossBesides(AWS_DUBLIN_POWER),
  [GOOGLE_LIGHTNING_POWER]: powerLossBesides(GOOGLE_LIGHTNING_POWER),
  [SALESFORCE_POWER_FAILOVER]: [...powerLossBesides(SALESFORCE_POWER_FAILOVER), GITHUB_PARTITION_2018],
  [FACEBOOK_BACKBONE]: [CLOUDFLARE_BGP_2020, CLOUDFLARE_BGP_2022, CLOUDFLARE_ROUTERS_2013, GOOGLE_IP_BLOCKS],
  [REDDIT_KUBERNETES]: [CIRCLECI_KUBERNETES, DATADOG_KUBERNETES],
  [YELLER_PARTITION]: [TWILIO_PARTITION, GITHUB_PARTITION_2018],
  // A partition or lost primary, then a database failover (across data centers) that went wrong.
  [GITHUB_PARTITION_2018]: [YELLER_PARTITION, TWILIO_PARTITION, GITHUB_FAILOVER_2012, SALESFORCE_POWER_FAILOVER],
  [GITHUB_SCHEMA_MIGRATION]: [GITHUB_FAILOVER_2012],
  [SENTRY_XID]: [MANDRILL_XID],
  [AZURE_LEAP_DAY_CERTIFICATES]: [FIREFOX_CERTIFICATE],
  // A Kubernetes upgrade or change that broke the cluster's networking.
  [CIRCLECI_KUBERNETES]: [DATADOG_KUBERNETES, REDDIT_KUBERNETES],
  // Its mechanism (a parser reading past a buffer) is in no other published postmortem.
  [CLOUDBLEED]: [],
  // Credentials leaked or stolen, then used against repositories or packages.
  [HOMEBREW_TOKEN]: [
    '2018-06-28-gentoo-github-organization-compromise-of-june-2018',
    '2022-04-07-heroku-april-2022-security-incident',
    '2022-12-16-circleci-security-incident-and-data-exfiltration-december',
    '2018-07-12-malicious-packages-published-to-npm',
    '2013-10-27-mongohq-security-breach-impacting-circleci-customer-data',
  ],
};

test('the judged pages and their neighbours are published icco entries', () => {
  assert.equal(records.length, 242);
  for (const [page, same] of Object.entries(SAME_MECHANISM)) {
    assert.ok(ids.has(page), page);
    for (const id of same) assert.ok(ids.has(id), `${page}: ${id}`);
  }
});

test("Cloudflare's regex outage and Stack Exchange's list each other, for the regex", () => {
  for (const [page, other] of [
    [CLOUDFLARE_REGEX, STACK_EXCHANGE_REGEX],
    [STACK_EXCHANGE_REGEX, CLOUDFLARE_REGEX],
  ]) {
    const match = similar.get(page)!.find((candidate) => candidate.id === other);
    assert.ok(match, `${page} lists ${listed(page).join(', ')}`);
    assert.match(describeMatch(match), /^shared: .*(regular expression|regex|backtracking)/);
  }
});

test("Google's cooling failure and AWS Tokyo's list each other, for the cooling", () => {
  for (const [page, other] of [
    [GOOGLE_COOLING, AWS_TOKYO_COOLING],
    [AWS_TOKYO_COOLING, GOOGLE_COOLING],
  ]) {
    const match = similar.get(page)!.find((candidate) => candidate.id === other);
    assert.ok(match, `${page} lists ${listed(page).join(', ')}`);
    assert.match(describeMatch(match), /^shared: .*cooling/);
  }
});

test('BGP outages list each other, for BGP', () => {
  for (const page of [CLOUDFLARE_BGP_2020, CLOUDFLARE_BGP_2022]) {
    const bgp = similar.get(page)!.filter((match) => match.sharedTerms.includes('bgp'));
    assert.ok(bgp.length >= 1, `${page} lists ${listed(page).join(', ')}`);
  }
  assert.ok(listed(CLOUDFLARE_BGP_2022).includes(CLOUDFLARE_BGP_2020));
  assert.ok(listed(CLOUDFLARE_BGP_2020).includes(CLOUDFLARE_BGP_2022));
});

test('on pages with a clear root cause at least 60 % of the listed neighbours share the mechanism', (t) => {
  let same = 0;
  let total = 0;
  const lines: string[] = [];
  for (const [page, judged] of Object.entries(SAME_MECHANISM)) {
    const neighbours = listed(page);
    const hits = neighbours.filter((id) => judged.includes(id)).length;
    same += hits;
    total += neighbours.length;
    lines.push(`${hits}/${neighbours.length} ${page}`);
  }
  t.diagnostic(`${same} of ${total} listed neighbours share the mechanism\n${lines.join('\n')}`);
  assert.ok(total >= 40, `only ${total} neighbours listed on ${Object.keys(SAME_MECHANISM).length} pages`);
  assert.ok(same / total >= 0.6, `${same} of ${total}`);
});

/** Words the issue found in reasons, and words nearly every postmortem uses. */
const GENERIC = new Set(
  (
    'valid quickly creating pacific impacted us customers customer users user team engineers engineer incident ' +
    'incidents outage outages issue issues service services minutes hours time utc affected impact caused cause ' +
    'root error errors failure failures system systems data request requests production change changes new ' +
    'also however approximately region regions locations products go able'
  ).split(' '),
);

test('no reason names a generic word or a word most postmortems use', () => {
  const texts = records.map((record) =>
    [record.input.title, record.input.summary, record.input.body].join(' ').toLowerCase(),
  );
  const share = (word: string) =>
    texts.filter((text) => new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text)).length /
    texts.length;
  let reasons = 0;
  const wrong: string[] = [];
  for (const [page, matches] of similar) {
    for (const match of matches) {
      reasons++;
      if (match.sharedTerms.length === 0) wrong.push(`${page} → ${match.id} has no reason`);
      for (const term of match.sharedTerms) {
        if (GENERIC.has(term)) wrong.push(`${page} → ${match.id}: "${term}" is generic`);
        else if (!term.includes(' ') && share(term) > 0.25)
          wrong.push(`${page} → ${match.id}: "${term}" is in ${Math.round(share(term) * 100)} % of them`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(reasons >= 200, `${reasons} neighbours listed in all`);
});

test('no reason names a word that is not a mechanism (rollout, service, operator…), alone or in a phrase', () => {
  const wrong: string[] = [];
  for (const [page, matches] of similar) {
    for (const match of matches) {
      for (const term of match.sharedTerms) {
        const words = tokenize(term).filter((token) => NOT_A_MECHANISM.has(token.stem));
        if (words.length > 0) wrong.push(`${page} → ${match.id}: "${term}"`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test('every listed neighbour has a reason, and the two expired certificates list each other for it', () => {
  // Both are about a certificate that expired; the reason names it, not the services or the rollout.
  for (const [page, other] of [
    [AZURE_LEAP_DAY_CERTIFICATES, FIREFOX_CERTIFICATE],
    [FIREFOX_CERTIFICATE, AZURE_LEAP_DAY_CERTIFICATES],
  ]) {
    const match = similar.get(page)!.find((candidate) => candidate.id === other);
    assert.ok(match, `${page} lists ${listed(page).join(', ')}`);
    assert.match(describeMatch(match), /^shared: .*certificate/);
  }
  for (const [page, matches] of similar) {
    for (const match of matches) assert.ok(match.sharedTerms.length > 0, `${page} → ${match.id} has no reason`);
  }
});

test('most pages list a neighbour, and none more than five', () => {
  const counts = records.map((record) => listed(record.id).length);
  assert.ok(counts.every((count) => count <= 5));
  const withNeighbours = counts.filter((count) => count > 0).length;
  // Most of the pages without one are one of a kind (Therac-25, the Vasa, Ariane 5, the Pentium
  // FDIV bug); listing them a neighbour for a category or a process word lowered the share of
  // neighbours that share the mechanism (bench/similar-quality.ts: 72 % to 63 %).
  assert.ok(withNeighbours >= 0.7 * records.length, `${withNeighbours} of ${records.length} pages list a neighbour`);
});
