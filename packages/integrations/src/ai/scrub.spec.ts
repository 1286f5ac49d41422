import { describe, expect, it } from 'vitest';
import { scrubSecrets, SecretScrubber } from './scrub.js';

const cases: Array<[string, string, string]> = [
  ['OpenAI key', 'key sk-proj-AbCdEf0123456789XyZabc used', 'sk-proj-AbCdEf0123456789XyZabc'],
  ['AWS access key', 'creds AKIAIOSFODNN7EXAMPLE leaked', 'AKIAIOSFODNN7EXAMPLE'],
  [
    'GitHub token',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789 in log',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  ],
  ['Slack token', 'bot xoxb-1234567890-abcdefghij posted', 'xoxb-1234567890-abcdefghij'],
  [
    'JWT',
    'cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  ],
  ['Bearer', 'Authorization: Bearer abc123def456ghi789', 'abc123def456ghi789'],
  ['password=', 'ran with password=hunter2!x and failed', 'hunter2!x'],
  ['"password": "…"', '{"user": "db", "password": "s3cr3t value"}', 's3cr3t value'],
  ['api_key: …', "api_key: 'QWERTY12345'", 'QWERTY12345'],
  ['connection string', 'DATABASE_URL=postgres://app:Sup3rS3cret@db.internal:5432/prod', 'Sup3rS3cret'],
  [
    'private key block',
    'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nend',
    'MIIEowIBAAKCAQEA',
  ],
];

describe('scrubSecrets', () => {
  it.each(cases)('replaces a %s with a placeholder', (_name, text, secret) => {
    const out = scrubSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/\[REDACTED_SECRET_1\]/);
  });

  it('keeps ordinary incident text', () => {
    const text =
      'SEV-2: checkout latency rose to 4s at 10:32; rolled back deploy 42 (sha 9f2c1e7). Token bucket tuned.';
    expect(scrubSecrets(text)).toBe(text);
  });

  it('numbers consistently across texts of one request and is idempotent', () => {
    const s = new SecretScrubber();
    const a = s.scrub('first sk-aaaaaaaaaaaaaaaaaaaa1 then ghp_bbbbbbbbbbbbbbbbbbbbbbbbbb');
    const b = s.scrub('again sk-aaaaaaaaaaaaaaaaaaaa1');
    expect(a).toBe('first [REDACTED_SECRET_1] then [REDACTED_SECRET_2]');
    expect(b).toBe('again [REDACTED_SECRET_1]');
    expect(s.count).toBe(2);
    expect(s.scrub(a)).toBe(a);
    expect(scrubSecrets('password=[REDACTED_SECRET_1]')).toBe('password=[REDACTED_SECRET_1]');
  });
});
