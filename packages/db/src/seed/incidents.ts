import type { IncidentStatus, Severity, Visibility } from '@pm/contracts';
import { EXTRA_INCIDENTS } from './incidents-extra.js';

/** One timeline entry: minutes after detection, kind, text, important flag, author. */
export type DemoEntry = [
  minutes: number,
  kind: 'note' | 'update',
  content: string,
  important: boolean,
  author: string,
];

/** A demo incident; times are relative so resolved incidents stay in the past and the active one stays recent. */
export interface DemoIncident {
  title: string;
  severity: Severity;
  status: IncidentStatus;
  visibility: Visibility;
  commanderName: string;
  summary: string;
  /** Detection time, in days before "now" (fractions allowed). */
  detectedDaysAgo: number;
  /** Minutes from detection to resolution; null while active. */
  resolvedAfterMinutes: number | null;
  timeline: DemoEntry[];
}

/** Impacts (minutes after detection; end null = ongoing), custom field values and extra responder roles. */
export interface DemoDetails {
  impacts: Array<[startMinutes: number, endMinutes: number | null, description: string]>;
  fields: Record<string, string | number | string[]>;
  /** Responder name → custom responder type name. */
  roles?: Record<string, string>;
}

/** Title end-to-end tests open: the first resolved SEV-2 (publicId 1). */
export const DEMO_CHECKOUT_INCIDENT_TITLE = 'Checkout API returns 500s after payments deploy';

const ADA = 'Ada Admin';
const SAM = 'Sam Standard';
const PRIYA = 'Priya Natarajan';
const MARCO = 'Marco Silva';
const LENA = 'Lena Vogel';

const BASE_INCIDENTS: DemoIncident[] = [
  {
    title: DEMO_CHECKOUT_INCIDENT_TITLE,
    severity: 'SEV-2',
    status: 'resolved',
    visibility: 'organization',
    commanderName: SAM,
    summary:
      'payments-service v2.41.0 shipped a connection pool setting that exhausted database connections; checkout returned HTTP 500 for about 9% of requests for 47 minutes.',
    detectedDaysAgo: 12,
    resolvedAfterMinutes: 52,
    timeline: [
      [
        0,
        'note',
        'Monitor "checkout-api 5xx rate > 2%" triggered: 5xx at 6.8% in us-east-1.',
        true,
        'Datadog',
      ],
      [2, 'note', 'Paged on-call for checkout. Acknowledged.', false, SAM],
      [
        4,
        'update',
        'Status set to active, severity SEV-2. Customers see "Something went wrong" at payment step.',
        true,
        SAM,
      ],
      [
        6,
        'note',
        'Errors started 14:02 UTC, two minutes after payments-service v2.41.0 finished rolling out.',
        true,
        PRIYA,
      ],
      [
        8,
        'note',
        'checkout-api logs: "upstream payments-service 503: pool timeout acquiring connection".',
        false,
        PRIYA,
      ],
      [11, 'note', 'payments-service DB connection count at 500/500 on primary; normally ~180.', true, MARCO],
      [
        13,
        'note',
        'Diff of v2.41.0 shows pool maxSize raised from 20 to 80 per pod (40 pods).',
        false,
        MARCO,
      ],
      [15, 'update', 'Decision: roll back payments-service to v2.40.3. ETA 10 minutes.', true, SAM],
      [18, 'note', 'Status page updated: "Some customers may be unable to complete checkout."', false, ADA],
      [24, 'note', 'Rollback 50% done; 5xx down to 3.1%.', false, PRIYA],
      [29, 'note', 'Rollback complete. DB connections back to 190. 5xx at 0.4% and falling.', true, PRIYA],
      [34, 'update', 'Status set to stable. Monitoring for 15 minutes before resolving.', false, SAM],
      [38, 'note', 'Found 1,214 orders stuck in "payment_pending"; reconciliation job queued.', false, MARCO],
      [
        45,
        'note',
        'Reconciliation finished; 1,209 orders captured, 5 voided and customers emailed.',
        false,
        MARCO,
      ],
      [52, 'update', 'Status set to resolved. Error rate at baseline for 15 minutes.', true, SAM],
      [
        55,
        'note',
        'Follow-up: add a CI check comparing total pool size with DB max_connections.',
        false,
        SAM,
      ],
    ],
  },
  {
    title: 'Elevated latency in eu-west-1 search cluster',
    severity: 'SEV-3',
    status: 'resolved',
    visibility: 'organization',
    commanderName: PRIYA,
    summary:
      'A hot shard on the eu-west-1 search cluster after a reindex pushed p99 search latency from 180 ms to 2.4 s for 1 h 40 min.',
    detectedDaysAgo: 9,
    resolvedAfterMinutes: 100,
    timeline: [
      [0, 'note', 'Monitor "search p99 latency > 1s (eu-west-1)" triggered at 1.9 s.', true, 'Datadog'],
      [3, 'update', 'Incident declared, SEV-3. Search is slow but working; no errors.', true, PRIYA],
      [7, 'note', 'CPU on search-eu-7 at 98%, other nodes at 35%.', false, LENA],
      [12, 'note', "search-eu-7 holds 3 primaries of products_v12 after last night's reindex.", true, LENA],
      [18, 'note', 'Tried cluster reroute of one primary; relocation throttled at 40 MB/s.', false, LENA],
      [25, 'update', 'Raised recovery throttle to 200 MB/s to speed up relocation.', false, PRIYA],
      [41, 'note', 'First shard relocated; p99 down to 1.2 s.', false, LENA],
      [60, 'note', 'Second shard relocated; p99 at 450 ms.', false, LENA],
      [72, 'update', 'Status set to stable.', false, PRIYA],
      [88, 'note', 'Set index.routing.allocation.total_shards_per_node=1 on products_v12.', true, LENA],
      [100, 'update', 'Status set to resolved. p99 at 190 ms.', true, PRIYA],
      [
        104,
        'note',
        'Follow-up: make the reindex job set total_shards_per_node before it creates the index.',
        false,
        PRIYA,
      ],
    ],
  },
  {
    title: 'SSO logins fail after identity provider certificate rotation',
    severity: 'SEV-1',
    status: 'resolved',
    visibility: 'organization',
    commanderName: ADA,
    summary:
      'The IdP signing certificate was rotated without updating our SAML metadata; all SSO customers (62% of active users) could not log in for 38 minutes.',
    detectedDaysAgo: 21,
    resolvedAfterMinutes: 44,
    timeline: [
      [
        0,
        'note',
        'Support reports a spike of "SSO login failed" tickets from enterprise customers.',
        true,
        SAM,
      ],
      [
        2,
        'note',
        'auth-service logs: "SAML response signature validation failed" for every SSO tenant.',
        true,
        MARCO,
      ],
      [
        4,
        'update',
        'Incident declared SEV-1: SSO login down for all tenants. Password logins unaffected.',
        true,
        ADA,
      ],
      [6, 'note', 'Paged identity team and security on-call.', false, ADA],
      [
        9,
        'note',
        'IdP admin console shows signing certificate rotated at 08:58 UTC by scheduled policy.',
        true,
        MARCO,
      ],
      [12, 'note', 'Our SP metadata still pins the old certificate fingerprint.', false, MARCO],
      [
        15,
        'update',
        'Plan: add the new certificate next to the old one and hot-reload auth-service config.',
        true,
        ADA,
      ],
      [19, 'note', 'Status page: "Investigating: Single sign-on logins failing."', false, SAM],
      [24, 'note', 'Config change reviewed by security; deploying to auth-service.', false, MARCO],
      [31, 'note', 'auth-service reloaded in all regions. First SSO logins succeed.', true, MARCO],
      [33, 'update', 'Status set to stable. Login success rate back to 99.6%.', true, ADA],
      [
        38,
        'note',
        'Sessions of users who retried during the outage were rate-limited; limits cleared.',
        false,
        MARCO,
      ],
      [41, 'note', 'Status page updated to "Monitoring".', false, SAM],
      [44, 'update', 'Status set to resolved.', true, ADA],
      [
        47,
        'note',
        'Follow-up: fetch IdP metadata automatically and alert 14 days before certificate expiry.',
        false,
        ADA,
      ],
      [50, 'note', 'Follow-up: synthetic SSO login check every minute per IdP type.', false, MARCO],
    ],
  },
  {
    title: 'Email notifications delayed by up to 3 hours',
    severity: 'SEV-4',
    status: 'resolved',
    visibility: 'organization',
    commanderName: MARCO,
    summary:
      'A stuck consumer on the notifications queue let 410k emails pile up; delivery was delayed up to 3 hours, nothing was lost.',
    detectedDaysAgo: 5,
    resolvedAfterMinutes: 180,
    timeline: [
      [0, 'note', 'Customer reports password-reset emails arriving hours late.', false, SAM],
      [5, 'note', 'notifications queue depth at 410k and growing; normal is under 2k.', true, MARCO],
      [8, 'update', 'Incident declared SEV-4: emails delayed, no data loss.', true, MARCO],
      [
        14,
        'note',
        'All 6 consumers alive, but throughput near zero: each waits on SMTP relay with 120 s timeout.',
        false,
        LENA,
      ],
      [20, 'note', 'SMTP relay smtp-2 accepts connections but never answers EHLO.', true, LENA],
      [26, 'update', 'Removed smtp-2 from the relay pool.', false, MARCO],
      [30, 'note', 'Throughput back to 1.8k/s; queue draining.', false, LENA],
      [
        45,
        'note',
        'Password-reset and 2FA emails prioritised on a separate queue while the backlog drains.',
        true,
        MARCO,
      ],
      [90, 'note', 'Queue at 150k.', false, LENA],
      [150, 'note', 'Queue at 4k.', false, LENA],
      [180, 'update', 'Status set to resolved. Queue at baseline.', true, MARCO],
    ],
  },
  {
    title: "Support tool showed other tenants' invoices to agents",
    severity: 'SEV-2',
    status: 'resolved',
    visibility: 'private',
    commanderName: ADA,
    summary:
      'A caching change in the internal support tool keyed invoices by invoice number only; 14 support agents could see invoices of other tenants for 2 hours. No customer-facing exposure.',
    detectedDaysAgo: 16,
    resolvedAfterMinutes: 130,
    timeline: [
      [
        0,
        'note',
        "Support agent reports an invoice with another company's name on a customer ticket.",
        true,
        LENA,
      ],
      [
        4,
        'update',
        'Incident declared SEV-2 and made private: possible cross-tenant data exposure.',
        true,
        ADA,
      ],
      [
        9,
        'note',
        'Support tool v5.2 added an invoice cache keyed by invoice number; numbers are per tenant.',
        true,
        MARCO,
      ],
      [12, 'update', 'Support tool invoice view disabled with a feature flag.', true, ADA],
      [20, 'note', 'Security and legal engaged. Access logs preserved.', false, ADA],
      [35, 'note', 'Cache key fixed to (tenantId, invoiceNumber); cache flushed.', false, MARCO],
      [
        60,
        'note',
        'Log analysis: 14 agents opened 37 mismatched invoices; none were exported or emailed.',
        true,
        LENA,
      ],
      [95, 'note', 'Legal assessment: internal exposure only, no notification duty. Documented.', false, ADA],
      [110, 'update', 'Invoice view re-enabled after review of the fix.', false, MARCO],
      [130, 'update', 'Status set to resolved.', true, ADA],
      [133, 'note', 'Follow-up: tenant id required in every cache key helper (lint rule).', false, MARCO],
    ],
  },
  {
    title: 'Intermittent 502s from CDN edge in ap-southeast-1',
    severity: 'SEV-3',
    status: 'active',
    visibility: 'organization',
    commanderName: LENA,
    summary: 'About 1.5% of requests through Singapore edge locations return 502 since 40 minutes ago.',
    detectedDaysAgo: 40 / 1440,
    resolvedAfterMinutes: null,
    timeline: [
      [
        0,
        'note',
        'Synthetic check "homepage from Singapore" failing 2 of 10 runs with 502.',
        true,
        'Datadog',
      ],
      [3, 'update', 'Incident declared SEV-3.', true, LENA],
      [6, 'note', 'CDN logs: 502 with "origin connect timeout" only at SIN edge POPs.', false, PRIYA],
      [
        10,
        'note',
        'Origin load balancer in ap-southeast-1 healthy; 0 errors from other regions.',
        false,
        PRIYA,
      ],
      [15, 'note', 'Traceroute from SIN POP shows packet loss at a transit provider hop.', true, LENA],
      [19, 'note', 'Opened ticket with CDN provider (case 88213).', false, LENA],
      [24, 'update', 'Testing a route through the Tokyo shield as a workaround.', false, LENA],
      [31, 'note', 'Tokyo shield route: 0 errors in 5 minutes on canary traffic.', false, PRIYA],
      [36, 'note', 'Rolling shield change to 25% of SIN traffic.', false, PRIYA],
      [39, 'note', 'CDN provider confirms a degraded transit link in Singapore.', true, LENA],
    ],
  },
];

/** Every demo incident, oldest entries first in the order they get public ids (the checkout incident is #1). */
export const DEMO_INCIDENTS: DemoIncident[] = [...BASE_INCIDENTS, ...EXTRA_INCIDENTS];
