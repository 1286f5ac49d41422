import type { Provider } from '@nestjs/common';
import { parseSecretKeys, SecretBox } from '@pm/auth';
import { API_CONFIG, type ApiConfig } from '../../config.js';

/** Injection token of the API's one {@link SecretBox} (keys from `SECRET_KEYS`). */
export const SECRET_BOX = Symbol('SECRET_BOX');

/** Builds the box at start, so a malformed key fails the boot instead of the first "Test connection". */
export const secretBoxProvider: Provider = {
  provide: SECRET_BOX,
  inject: [API_CONFIG],
  useFactory: (cfg: ApiConfig) => new SecretBox(parseSecretKeys(cfg.SECRET_KEYS)),
};
