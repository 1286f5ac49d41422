import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, webhookHeaders } from './sign.js';

// The signing vector published with the Standard Webhooks reference libraries (github:standard-webhooks/standard-webhooks,
// libraries/*/ tests "sign"): secret, message id, timestamp and body → expected signature.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signer', () => {
  it('reproduces the reference signing vector, with or without the whsec_ prefix', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.msgId, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(signWebhook(VECTOR.secret.slice(6), VECTOR.msgId, VECTOR.timestamp, VECTOR.body)).toBe(
      VECTOR.signature,
    );
  });

  it('matches the reference library on the vector and verifies with it', () => {
    const ref = new Webhook(VECTOR.secret);
    expect(ref.sign(VECTOR.msgId, new Date(VECTOR.timestamp * 1000), VECTOR.body)).toBe(VECTOR.signature);
    const now = new Date();
    const headers = webhookHeaders([VECTOR.secret], 'evt-1', now, '{"a":1}');
    expect(ref.verify('{"a":1}', headers)).toEqual({ a: 1 });
  });

  it('signs with every active secret so receivers holding either one verify (rotation)', () => {
    const oldS = newWebhookSecret();
    const newS = newWebhookSecret();
    const headers = webhookHeaders([oldS, newS], 'evt-2', new Date(), '{"b":2}');
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(oldS).verify('{"b":2}', headers)).toEqual({ b: 2 });
    expect(new Webhook(newS).verify('{"b":2}', headers)).toEqual({ b: 2 });
    expect(() => new Webhook(newWebhookSecret()).verify('{"b":2}', headers)).toThrow();
  });

  it('lets receivers detect forgeries and replays', () => {
    const s = newWebhookSecret();
    const wh = new Webhook(s);
    const headers = webhookHeaders([s], 'evt-3', new Date(), '{"c":3}');
    // tampered body, tampered id
    expect(() => wh.verify('{"c":4}', headers)).toThrow();
    expect(() => wh.verify('{"c":3}', { ...headers, 'webhook-id': 'evt-4' })).toThrow();
    // a captured delivery replayed later than the reference tolerance (5 min) is refused
    const old = webhookHeaders([s], 'evt-5', new Date(Date.now() - 10 * 60_000), '{"c":3}');
    expect(() => wh.verify('{"c":3}', old)).toThrow(/timestamp/i);
  });

  it('refuses ids that would make the signed content ambiguous', () => {
    expect(() => signWebhook(newWebhookSecret(), 'a.b', 1, '{}')).toThrow();
  });
});
