import { Migration } from '@mikro-orm/migrations';

export class Migration20261130182905_domain_events extends Migration {

  override name = 'Migration20261130182905_domain_events';

  override up(): void | Promise<void> {
    this.addSql(`create table "domain_events" ("seq" serial primary key, "id" uuid not null, "type" varchar(60) not null, "incident_id" uuid null, "postmortem_id" uuid null, "follow_up_id" uuid null, "template_id" uuid null, "actor_id" uuid null, "actor_name" varchar(200) null, "request_id" varchar(128) null, "before" jsonb null, "after" jsonb null, "data" jsonb null, "notify" jsonb null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "domain_events" add constraint "domain_events_id_unique" unique ("id");`);
    this.addSql(`create index "domain_events_created_at_index" on "domain_events" ("created_at");`);
    this.addSql(`create index "domain_events_type_seq_index" on "domain_events" ("type", "seq");`);
    this.addSql(`create index "domain_events_postmortem_id_seq_index" on "domain_events" ("postmortem_id", "seq");`);
    this.addSql(`create index "domain_events_incident_id_seq_index" on "domain_events" ("incident_id", "seq");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "domain_events" cascade;`);
  }

}
