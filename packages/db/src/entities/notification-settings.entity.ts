import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';

/**
 * A user's notification settings; no row means the defaults (e-mails on, no quiet hours, UTC). Quiet hours are
 * wall-clock `HH:MM` in `timeZone`: e-mails wait until the window ends, in-app notifications do not.
 */
@Entity({ tableName: 'notification_settings' })
export class NotificationSettingsRow {
  [OptionalProps]?: 'emailEnabled' | 'quietStart' | 'quietEnd' | 'timeZone' | 'updatedAt';

  @OneToOne(() => User, { primary: true, owner: true, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'boolean' })
  emailEnabled: boolean = true;

  @Property({ type: 'string', length: 5, nullable: true })
  quietStart: string | null = null;

  @Property({ type: 'string', length: 5, nullable: true })
  quietEnd: string | null = null;

  @Property({ type: 'string', length: 64 })
  timeZone: string = 'UTC';

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
