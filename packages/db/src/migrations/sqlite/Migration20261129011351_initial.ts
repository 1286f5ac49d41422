import { Migration } from '@mikro-orm/migrations';

export class Migration20261129011351_initial extends Migration {
  override name = 'Migration20261129011351_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`documents\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`y_state\` blob not null, \`json\` json not null, \`text\` text not null, \`version\` integer not null default 1);`,
    );

    this.addSql(
      `create table \`incidents\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`public_id\` integer not null, \`title\` text not null, \`severity\` text not null, \`status\` text not null, \`visibility\` text not null default 'organization', \`summary\` text null, \`commander_name\` text null, \`detected_at\` datetime null, \`resolved_at\` datetime null);`,
    );
    this.addSql(`create unique index \`incidents_public_id_unique\` on \`incidents\` (\`public_id\`);`);

    this.addSql(
      `create table \`templates\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`content\` text not null, \`destination\` text not null default 'notebook', \`incident_type\` text null, \`is_default\` integer not null default false);`,
    );

    this.addSql(
      `create table \`timeline_entries\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`incident_id\` text not null, \`kind\` text not null default 'note', \`content\` text not null, \`important\` integer not null default false, \`author_name\` text null, \`occurred_at\` datetime not null, constraint \`timeline_entries_incident_id_foreign\` foreign key (\`incident_id\`) references \`incidents\` (\`id\`) on delete cascade);`,
    );
    this.addSql(
      `create index \`timeline_entries_incident_id_index\` on \`timeline_entries\` (\`incident_id\`);`,
    );
    this.addSql(
      `create index \`timeline_entries_incident_id_occurred_at_index\` on \`timeline_entries\` (\`incident_id\`, \`occurred_at\`);`,
    );

    this.addSql(
      `create table \`users\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`email\` text not null, \`name\` text not null, \`handle\` text not null, \`role\` text not null, \`password_hash\` text not null);`,
    );
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
    this.addSql(`create unique index \`users_handle_unique\` on \`users\` (\`handle\`);`);

    this.addSql(
      `create table \`sessions\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`token_hash\` text not null, \`user_id\` text not null, \`kind\` text not null default 'session', \`expires_at\` datetime null, constraint \`sessions_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`,
    );
    this.addSql(`create unique index \`sessions_token_hash_unique\` on \`sessions\` (\`token_hash\`);`);
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);

    this.addSql(
      `create table \`postmortems\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`incident_id\` text not null, \`template_id\` text null, \`title\` text not null, \`destination\` text not null, \`generation_state\` text not null default 'queued', \`progress\` integer not null default 0, \`failure_reason\` text null, \`attempts\` integer not null default 0, \`status\` text not null default 'draft', \`owner_id\` text null, \`requested_by_id\` text not null, \`idempotency_key\` text null, \`document_id\` text null, \`url\` text null, \`removed_at\` datetime null, constraint \`postmortems_incident_id_foreign\` foreign key (\`incident_id\`) references \`incidents\` (\`id\`) on delete cascade, constraint \`postmortems_template_id_foreign\` foreign key (\`template_id\`) references \`templates\` (\`id\`) on delete set null, constraint \`postmortems_owner_id_foreign\` foreign key (\`owner_id\`) references \`users\` (\`id\`) on delete set null, constraint \`postmortems_requested_by_id_foreign\` foreign key (\`requested_by_id\`) references \`users\` (\`id\`), constraint \`postmortems_document_id_foreign\` foreign key (\`document_id\`) references \`documents\` (\`id\`) on delete set null);`,
    );
    this.addSql(`create index \`postmortems_incident_id_index\` on \`postmortems\` (\`incident_id\`);`);
    this.addSql(`create index \`postmortems_template_id_index\` on \`postmortems\` (\`template_id\`);`);
    this.addSql(`create index \`postmortems_owner_id_index\` on \`postmortems\` (\`owner_id\`);`);
    this.addSql(
      `create index \`postmortems_requested_by_id_index\` on \`postmortems\` (\`requested_by_id\`);`,
    );
    this.addSql(
      `create unique index \`postmortems_document_id_unique\` on \`postmortems\` (\`document_id\`);`,
    );
    this.addSql(
      `create unique index \`postmortems_requested_by_id_idempotency_key_unique\` on \`postmortems\` (\`requested_by_id\`, \`idempotency_key\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`documents\`;`);
    this.addSql(`drop table if exists \`incidents\`;`);
    this.addSql(`drop table if exists \`templates\`;`);
    this.addSql(`drop table if exists \`timeline_entries\`;`);
    this.addSql(`drop table if exists \`users\`;`);
    this.addSql(`drop table if exists \`sessions\`;`);
    this.addSql(`drop table if exists \`postmortems\`;`);
  }
}
