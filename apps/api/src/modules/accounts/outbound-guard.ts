import { serviceUrlsOf, type ConnectedAccountCredentials } from '@pm/contracts';
import { checkUrl, NetGuardError, type NetGuardOptions } from '@pm/net-guard';
import { AppError } from '../../common/errors.js';

/**
 * Refuses credentials whose service URLs point at loopback, private, link-local or otherwise non-public addresses
 * (or do not resolve), before anything is stored or contacted: 422 URL_ADDRESS_FORBIDDEN / URL_UNRESOLVABLE,
 * naming the field.
 */
export async function assertServiceUrlsAllowed(
  credentials: ConnectedAccountCredentials,
  guard: NetGuardOptions,
): Promise<void> {
  for (const url of serviceUrlsOf(credentials)) {
    try {
      await checkUrl(url, guard);
    } catch (e) {
      if (!(e instanceof NetGuardError)) throw e;
      const code = e.code === 'URL_UNRESOLVABLE' ? 'URL_UNRESOLVABLE' : 'URL_ADDRESS_FORBIDDEN';
      throw new AppError(code, `${url}: ${e.message}`, { url, reason: e.code });
    }
  }
}
