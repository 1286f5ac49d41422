import { Inject, Injectable } from '@nestjs/common';
import { parseSecretKeys, SecretBox } from '@pm/auth';
import { API_CONFIG, type ApiConfig } from '../../config.js';

/** The SecretBox over `SECRET_KEYS`, sealing tracker webhook secrets like account credentials. */
@Injectable()
export class TrackerSecretBox extends SecretBox {
  constructor(@Inject(API_CONFIG) cfg: ApiConfig) {
    super(parseSecretKeys(cfg.SECRET_KEYS));
  }
}
