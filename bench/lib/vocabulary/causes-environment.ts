/** Causes around the system: network and DNS, time and certificates, hardware, attacks, and the unknown. */
import type { RootCauseCategory } from '../../../src/lib/core/taxonomy.ts';
import type { CategoryText } from './category-text.ts';

export const ENVIRONMENT_CAUSES = {
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
} satisfies Partial<Record<RootCauseCategory, CategoryText>>;
