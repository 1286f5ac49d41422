import type { DemoDetails, DemoIncident } from './incidents.js';

const ADA = 'Ada Admin';
const SAM = 'Sam Standard';
const PRIYA = 'Priya Natarajan';
const MARCO = 'Marco Silva';
const LENA = 'Lena Vogel';

/** Four more incidents so the list has every state and severity (stable, completed, SEV-5, Unknown). */
export const EXTRA_INCIDENTS: DemoIncident[] = [
  {
    title: 'Mobile app push notifications not delivered on Android',
    severity: 'SEV-3',
    status: 'completed',
    visibility: 'organization',
    commanderName: MARCO,
    summary:
      'An expired FCM server key made every Android push fail for 6 hours; iOS was unaffected. The key is now rotated by a scheduled job.',
    detectedDaysAgo: 30,
    resolvedAfterMinutes: 95,
    timeline: [
      [
        0,
        'note',
        'Support: several Android users report no order-shipped notifications since this morning.',
        true,
        SAM,
      ],
      [4, 'note', 'push-gateway logs: 100% of FCM sends fail with 401 "invalid credentials".', true, MARCO],
      [6, 'update', 'Incident declared SEV-3: Android push down, in-app inbox still works.', true, MARCO],
      [11, 'note', 'FCM server key created 2 years ago; org policy expired it at 03:00 UTC.', true, LENA],
      [
        19,
        'note',
        'Generated a new key in the Firebase console; stored in the secrets manager.',
        false,
        LENA,
      ],
      [27, 'update', 'push-gateway restarted with the new key.', false, MARCO],
      [31, 'note', 'Android sends succeeding again (99.8%).', true, LENA],
      [40, 'update', 'Status set to stable.', false, MARCO],
      [
        62,
        'note',
        'Replayed 48k failed notifications from the dead-letter queue (only those < 6 h old).',
        false,
        LENA,
      ],
      [95, 'update', 'Status set to resolved.', true, MARCO],
      [2880, 'note', 'Key rotation job merged and run once in staging and production.', false, LENA],
      [2890, 'update', 'Status set to completed: all follow-ups done.', false, MARCO],
    ],
  },
  {
    title: 'Reporting dashboards show stale data after warehouse migration',
    severity: 'SEV-4',
    status: 'stable',
    visibility: 'organization',
    commanderName: PRIYA,
    summary:
      'The nightly ETL still writes to the old warehouse cluster; dashboards read the new one and show data from 2 days ago.',
    detectedDaysAgo: 1,
    resolvedAfterMinutes: null,
    timeline: [
      [0, 'note', 'Finance reports that the revenue dashboard stops two days ago.', true, SAM],
      [9, 'update', 'Incident declared SEV-4: internal reporting only.', true, PRIYA],
      [15, 'note', 'ETL job etl-nightly ran fine, but its target DSN points to warehouse-old.', true, LENA],
      [
        22,
        'note',
        'The migration runbook missed the ETL secret; only the API secret was switched.',
        false,
        PRIYA,
      ],
      [
        30,
        'update',
        'ETL secret switched to warehouse-new; backfill for the last 2 days started.',
        true,
        LENA,
      ],
      [75, 'note', 'Backfill day 1 of 2 done.', false, LENA],
      [130, 'note', 'Backfill day 2 of 2 done; dashboards current.', true, LENA],
      [140, 'update', 'Status set to stable. Waiting for tonight’s ETL run before resolving.', false, PRIYA],
      [150, 'note', 'Warehouse-old set read-only so nothing writes there by mistake again.', false, MARCO],
      [160, 'note', 'Announced in #data: numbers from the last 2 days may change slightly.', false, PRIYA],
    ],
  },
  {
    title: 'Typo in pricing page currency for CHF customers',
    severity: 'SEV-5',
    status: 'resolved',
    visibility: 'organization',
    commanderName: SAM,
    summary:
      'The pricing page showed "CHE" instead of "CHF" for Swiss visitors for one day. Billing was correct.',
    detectedDaysAgo: 3,
    resolvedAfterMinutes: 35,
    timeline: [
      [0, 'note', 'Customer tweet: "What is CHE 49?"', false, SAM],
      [3, 'update', 'Incident declared SEV-5: cosmetic issue on the marketing site.', false, SAM],
      [6, 'note', 'Translation file de-CH has currency code CHE (WIR euro) instead of CHF.', true, PRIYA],
      [9, 'note', 'Checkout and invoices use the billing service currency and are correct.', true, MARCO],
      [
        12,
        'note',
        'Fix PR opened: currency codes now come from the billing API, not translations.',
        false,
        PRIYA,
      ],
      [18, 'note', 'PR approved and merged.', false, SAM],
      [24, 'note', 'Marketing site deployed.', false, PRIYA],
      [27, 'note', 'Verified from a Swiss VPN exit: CHF 49 shown.', true, SAM],
      [31, 'note', 'Replied to the customer tweet.', false, SAM],
      [35, 'update', 'Status set to resolved.', true, SAM],
    ],
  },
  {
    title: 'Unexplained spike in login attempts from a single ASN',
    severity: 'UNKNOWN',
    status: 'active',
    visibility: 'organization',
    commanderName: ADA,
    summary: 'Login attempts tripled in 20 minutes, 80% from one hosting provider ASN. Impact not yet known.',
    detectedDaysAgo: 25 / 1440,
    resolvedAfterMinutes: null,
    timeline: [
      [0, 'note', 'Monitor "login attempts > 3x baseline" triggered.', true, 'Datadog'],
      [
        2,
        'update',
        'Incident declared; severity unknown until we know whether accounts were taken over.',
        true,
        ADA,
      ],
      [
        5,
        'note',
        '80% of attempts come from AS64500; failure rate 97%: looks like credential stuffing.',
        true,
        MARCO,
      ],
      [8, 'note', 'No successful logins from that ASN on accounts with 2FA.', false, MARCO],
      [
        11,
        'note',
        '14 successful logins from the ASN on accounts without 2FA; sessions listed for review.',
        true,
        LENA,
      ],
      [14, 'update', 'Rate limit for AS64500 lowered to 5 attempts/min per IP.', false, ADA],
      [17, 'note', 'Attempts from the ASN down 90% after the rate limit.', false, MARCO],
      [20, 'note', 'Security reviewing the 14 sessions; forcing password reset on them.', false, LENA],
      [22, 'note', 'Asked the hosting provider abuse desk to act on the source IPs.', false, ADA],
      [24, 'note', 'Comms draft prepared in case customers must be notified.', false, SAM],
    ],
  },
];

/** Impacts, custom field values and custom roles per demo incident title. */
export const DEMO_DETAILS: Record<string, DemoDetails> = {
  'Checkout API returns 500s after payments deploy': {
    impacts: [[0, 47, 'About 9% of checkout attempts failed with HTTP 500 in all regions.']],
    fields: {
      detection_method: 'Monitor',
      services: ['checkout-api', 'payments-service'],
      teams: ['Payments'],
      root_cause: 'Connection pool size multiplied by pod count exceeded the database connection limit.',
    },
    roles: { 'Ada Admin': 'Communications lead' },
  },
  'Elevated latency in eu-west-1 search cluster': {
    impacts: [[0, 100, 'Search in the EU was slow (p99 up to 2.4 s); no errors.']],
    fields: { detection_method: 'Monitor', services: ['search'], teams: ['Search'] },
  },
  'SSO logins fail after identity provider certificate rotation': {
    impacts: [[0, 38, 'All SSO users (62% of active users) could not log in.']],
    fields: {
      detection_method: 'Customer report',
      services: ['auth-service'],
      teams: ['Identity', 'Security'],
      root_cause: 'IdP signing certificate rotated without updating our SAML metadata.',
    },
    roles: { 'Sam Standard': 'Communications lead' },
  },
  'Email notifications delayed by up to 3 hours': {
    impacts: [[0, 180, 'Emails (including password resets) delayed up to 3 hours.']],
    fields: { detection_method: 'Customer report', services: ['notifications'], teams: ['Platform'] },
  },
  "Support tool showed other tenants' invoices to agents": {
    impacts: [[0, 12, '14 internal support agents could open invoices of other tenants.']],
    fields: { detection_method: 'Employee', services: ['support-tool'], teams: ['Security'] },
  },
  'Intermittent 502s from CDN edge in ap-southeast-1': {
    impacts: [[0, null, 'About 1.5% of requests through Singapore edge locations fail with 502.']],
    fields: { detection_method: 'Synthetic', services: ['cdn'], teams: ['Platform'] },
  },
  'Mobile app push notifications not delivered on Android': {
    impacts: [[-360, 31, 'No Android push notifications delivered for about 6 hours.']],
    fields: { detection_method: 'Customer report', services: ['push-gateway'], teams: ['Mobile'] },
  },
  'Reporting dashboards show stale data after warehouse migration': {
    impacts: [[-2880, 130, 'Internal dashboards showed data two days old.']],
    fields: { detection_method: 'Employee', services: ['etl', 'warehouse'], teams: ['Data'] },
  },
  'Typo in pricing page currency for CHF customers': {
    impacts: [[-1440, 24, 'Swiss visitors saw "CHE" instead of "CHF" on the pricing page.']],
    fields: { detection_method: 'Customer report', services: ['marketing-site'], teams: ['Web'] },
  },
  'Unexplained spike in login attempts from a single ASN': {
    impacts: [[0, null, 'Login attempts tripled; 14 accounts without 2FA logged in from the attacking ASN.']],
    fields: { detection_method: 'Monitor', services: ['auth-service'], teams: ['Security', 'Identity'] },
  },
};

/** Custom property fields the demo uses (the reference product's default fields). */
export const DEMO_FIELDS = [
  {
    name: 'detection_method',
    displayName: 'Detection method',
    type: 'single_select' as const,
    options: ['Monitor', 'Synthetic', 'Customer report', 'Employee'],
  },
  { name: 'services', displayName: 'Services', type: 'text_array' as const, options: [] },
  {
    name: 'teams',
    displayName: 'Teams',
    type: 'multi_select' as const,
    options: ['Payments', 'Search', 'Identity', 'Security', 'Platform', 'Mobile', 'Data', 'Web'],
  },
  { name: 'root_cause', displayName: 'Root cause', type: 'text' as const, options: [] },
];

/** Custom responder types the demo uses. */
export const DEMO_RESPONDER_TYPES = [
  { name: 'Communications lead', description: 'Owns status page and customer messages.', onePerson: true },
  {
    name: 'Subject matter expert',
    description: 'Brings deep knowledge of the affected system.',
    onePerson: false,
  },
];
