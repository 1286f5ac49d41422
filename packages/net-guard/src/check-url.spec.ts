import { describe, expect, it } from 'vitest';
import { checkUrl } from './check-url.js';
import type { Resolver } from './options.js';

const noDns: Resolver = () => Promise.reject(new Error('no DNS in this test'));
const resolveTo =
  (...ips: string[]): Resolver =>
  () =>
    Promise.resolve(
      ips.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) })),
    );

async function refusal(url: string, resolve: Resolver = noDns): Promise<{ code: string; message: string }> {
  try {
    await checkUrl(url, { resolve });
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error(`${url} was accepted`);
}

describe('checkUrl (fault scenario 18: URLs the server would connect to)', () => {
  it.each([
    'http://127.0.0.1/',
    'https://127.0.0.1:8443/wiki',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/',
    'http://172.16.3.4/',
    'http://192.168.1.1/',
    'http://100.64.1.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://017700000001/',
  ])('refuses %s before any lookup or connection', async (url) => {
    const e = await refusal(url);
    expect(e.code).toBe('URL_ADDRESS_FORBIDDEN');
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'ftp://example.com/',
    'gopher://x/',
  ])('refuses the scheme of %s', async (url) => {
    expect((await refusal(url)).code).toBe('URL_SCHEME_NOT_ALLOWED');
  });

  it('refuses garbage', async () => {
    expect((await refusal('not a url')).code).toBe('URL_INVALID');
  });

  it('refuses a name that resolves to a private address, naming host and address', async () => {
    const e = await refusal('https://wiki.example.com/', resolveTo('10.9.8.7'));
    expect(e.code).toBe('URL_ADDRESS_FORBIDDEN');
    expect(e.message).toContain('wiki.example.com resolves to 10.9.8.7');
  });

  it('refuses a name when ANY of its addresses is private', async () => {
    const e = await refusal('https://wiki.example.com/', resolveTo('93.184.215.14', '169.254.169.254'));
    expect(e.code).toBe('URL_ADDRESS_FORBIDDEN');
  });

  it('refuses a name that does not resolve', async () => {
    expect((await refusal('https://nowhere.invalid/')).code).toBe('URL_UNRESOLVABLE');
  });

  it('accepts a public name and a public literal', async () => {
    const a = await checkUrl('https://acme.atlassian.net/wiki', { resolve: resolveTo('104.192.141.1') });
    expect(a.url.hostname).toBe('acme.atlassian.net');
    const b = await checkUrl('http://93.184.215.14/', { resolve: noDns });
    expect(b.addresses).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('never echoes credentials from the URL in its error', async () => {
    const e = await refusal('http://admin:s3cret@127.0.0.1/');
    expect(JSON.stringify(e) + e.message).not.toContain('s3cret');
  });

  it('accepts the loopback allowance only under NODE_ENV=test', async () => {
    const ok = await checkUrl('http://127.0.0.1:9/', { allowLoopbackForTests: true });
    expect(ok.url.port).toBe('9');
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(checkUrl('http://127.0.0.1:9/', { allowLoopbackForTests: true })).rejects.toMatchObject({
        code: 'TEST_ALLOWANCE_REFUSED',
      });
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});
