import { Migration } from '@mikro-orm/migrations';

export class Migration20261130184550_review_process extends Migration {

  override name = 'Migration20261130184550_review_process';

  override up(): void | Promise<void> {
    this.addSql(`create table \`review_process_definitions\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`incident_type_id\` text not null, \`steps\` json not null, constraint \`review_process_definitions_incident_type_id_foreign\` foreign key (\`incident_type_id\`) references \`incident_types\` (\`id\`) on delete cascade);`);
    this.addSql(`create unique index \`review_process_definitions_incident_type_id_unique\` on \`review_process_definitions\` (\`incident_type_id\`);`);

    this.addSql(`create table \`review_steps\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`postmortem_id\` text not null, \`key\` text not null, \`name\` text not null, \`owner_role\` text not null, \`owner_id\` text null, \`required\` integer not null, \`due_date\` text not null, \`time_zone\` text not null, \`due_at\` datetime not null, \`status\` text not null default 'open', \`changed_at\` datetime null, \`changed_by_id\` text null, \`position\` integer not null default 0, constraint \`review_steps_postmortem_id_foreign\` foreign key (\`postmortem_id\`) references \`postmortems\` (\`id\`) on delete cascade, constraint \`review_steps_owner_id_foreign\` foreign key (\`owner_id\`) references \`users\` (\`id\`) on delete set null, constraint \`review_steps_changed_by_id_foreign\` foreign key (\`changed_by_id\`) references \`users\` (\`id\`) on delete set null);`);
    this.addSql(`create index \`review_steps_postmortem_id_index\` on \`review_steps\` (\`postmortem_id\`);`);
    this.addSql(`create index \`review_steps_owner_id_index\` on \`review_steps\` (\`owner_id\`);`);
    this.addSql(`create index \`review_steps_changed_by_id_index\` on \`review_steps\` (\`changed_by_id\`);`);
    this.addSql(`create unique index \`review_steps_postmortem_id_key_unique\` on \`review_steps\` (\`postmortem_id\`, \`key\`);`);

    this.addSql(`create table \`review_meetings\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`postmortem_id\` text not null, \`uid\` text not null, \`start_at\` datetime not null, \`end_at\` datetime not null, \`location\` text null, \`organizer_id\` text null, \`sequence\` integer not null default 0, constraint \`review_meetings_postmortem_id_foreign\` foreign key (\`postmortem_id\`) references \`postmortems\` (\`id\`) on delete cascade, constraint \`review_meetings_organizer_id_foreign\` foreign key (\`organizer_id\`) references \`users\` (\`id\`) on delete set null);`);
    this.addSql(`create unique index \`review_meetings_postmortem_id_unique\` on \`review_meetings\` (\`postmortem_id\`);`);
    this.addSql(`create index \`review_meetings_organizer_id_index\` on \`review_meetings\` (\`organizer_id\`);`);

    this.addSql(`alter table \`users\` add column \`time_zone\` text not null default 'UTC';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`review_process_definitions\`;`);
    this.addSql(`drop table if exists \`review_steps\`;`);
    this.addSql(`drop table if exists \`review_meetings\`;`);

    this.addSql(`alter table \`users\` drop column \`time_zone\`;`);
  }

}
