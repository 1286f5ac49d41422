import { Migration } from '@mikro-orm/migrations';

/** The audit trail is append-only: the database itself refuses UPDATE and DELETE of domain_events. */
export class Migration20261130184700_domain_events_append_only extends Migration {
  override name = 'Migration20261130184700_domain_events_append_only';

  override up(): void | Promise<void> {
    this.addSql(`create trigger \`domain_events_no_update\` before update on \`domain_events\` begin select raise(abort, 'domain_events is append-only: UPDATE refused'); end;`);
    this.addSql(`create trigger \`domain_events_no_delete\` before delete on \`domain_events\` begin select raise(abort, 'domain_events is append-only: DELETE refused'); end;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists \`domain_events_no_delete\`;`);
    this.addSql(`drop trigger if exists \`domain_events_no_update\`;`);
  }
}
