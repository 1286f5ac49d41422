import { Migration } from '@mikro-orm/migrations';

export class Migration20261130182905_domain_events extends Migration {

  override name = 'Migration20261130182905_domain_events';

  override up(): void | Promise<void> {
    this.addSql(`create table \`domain_events\` (\`seq\` integer not null primary key autoincrement, \`id\` text not null, \`type\` text not null, \`incident_id\` text null, \`postmortem_id\` text null, \`follow_up_id\` text null, \`template_id\` text null, \`actor_id\` text null, \`actor_name\` text null, \`request_id\` text null, \`before\` json null, \`after\` json null, \`data\` json null, \`notify\` json null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`domain_events_id_unique\` on \`domain_events\` (\`id\`);`);
    this.addSql(`create index \`domain_events_created_at_index\` on \`domain_events\` (\`created_at\`);`);
    this.addSql(`create index \`domain_events_type_seq_index\` on \`domain_events\` (\`type\`, \`seq\`);`);
    this.addSql(`create index \`domain_events_postmortem_id_seq_index\` on \`domain_events\` (\`postmortem_id\`, \`seq\`);`);
    this.addSql(`create index \`domain_events_incident_id_seq_index\` on \`domain_events\` (\`incident_id\`, \`seq\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`domain_events\`;`);
  }

}
