import { Migration } from '@mikro-orm/migrations';

/** The audit trail is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE of domain_events. */
export class Migration20261130184700_domain_events_append_only extends Migration {
  override name = 'Migration20261130184700_domain_events_append_only';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "domain_events_append_only"() returns trigger language plpgsql as $$ begin raise exception 'domain_events is append-only: % refused', TG_OP using errcode = '42501'; end $$;`);
    this.addSql(`create trigger "domain_events_no_change" before update or delete on "domain_events" for each row execute function "domain_events_append_only"();`);
    this.addSql(`create trigger "domain_events_no_truncate" before truncate on "domain_events" for each statement execute function "domain_events_append_only"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "domain_events_no_truncate" on "domain_events";`);
    this.addSql(`drop trigger if exists "domain_events_no_change" on "domain_events";`);
    this.addSql(`drop function if exists "domain_events_append_only"();`);
  }
}
