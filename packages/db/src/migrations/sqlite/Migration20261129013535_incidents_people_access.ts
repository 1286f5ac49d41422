import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013535_incidents_people_access extends Migration {
  override name = 'Migration20261129013535_incidents_people_access';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`incident_fields\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`display_name\` text not null, \`type\` text not null, \`options\` json not null);`,
    );
    this.addSql(`create unique index \`incident_fields_name_unique\` on \`incident_fields\` (\`name\`);`);

    this.addSql(
      `create table \`incident_types\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`description\` text null, \`is_default\` integer not null default false);`,
    );
    this.addSql(`create unique index \`incident_types_name_unique\` on \`incident_types\` (\`name\`);`);

    this.addSql(
      `create table \`responder_types\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`description\` text null, \`one_person\` integer not null default false);`,
    );
    this.addSql(`create unique index \`responder_types_name_unique\` on \`responder_types\` (\`name\`);`);

    this.addSql(
      `create table \`incident_responders\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`incident_id\` text not null, \`user_id\` text not null, \`role\` text not null default 'responder', \`custom_type_id\` text null, \`last_activity_at\` datetime null, constraint \`incident_responders_incident_id_foreign\` foreign key (\`incident_id\`) references \`incidents\` (\`id\`) on delete cascade, constraint \`incident_responders_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade, constraint \`incident_responders_custom_type_id_foreign\` foreign key (\`custom_type_id\`) references \`responder_types\` (\`id\`) on delete set null);`,
    );
    this.addSql(
      `create index \`incident_responders_incident_id_index\` on \`incident_responders\` (\`incident_id\`);`,
    );
    this.addSql(
      `create index \`incident_responders_user_id_index\` on \`incident_responders\` (\`user_id\`);`,
    );
    this.addSql(
      `create index \`incident_responders_custom_type_id_index\` on \`incident_responders\` (\`custom_type_id\`);`,
    );
    this.addSql(
      `create unique index \`incident_responders_incident_id_user_id_unique\` on \`incident_responders\` (\`incident_id\`, \`user_id\`);`,
    );

    this.addSql(
      `create table \`incident_impacts\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`incident_id\` text not null, \`description\` text not null, \`start_at\` datetime not null, \`end_at\` datetime null, constraint \`incident_impacts_incident_id_foreign\` foreign key (\`incident_id\`) references \`incidents\` (\`id\`) on delete cascade);`,
    );
    this.addSql(
      `create index \`incident_impacts_incident_id_index\` on \`incident_impacts\` (\`incident_id\`);`,
    );

    this.addSql(`alter table \`sessions\` add column \`name\` text null;`);

    this.addSql(
      `alter table \`incidents\` add column \`commander_id\` text null constraint \`incidents_commander_id_foreign\` references \`users\` (\`id\`) on delete set null;`,
    );
    this.addSql(
      `alter table \`incidents\` add column \`created_by_id\` text null constraint \`incidents_created_by_id_foreign\` references \`users\` (\`id\`) on delete set null;`,
    );
    this.addSql(
      `alter table \`incidents\` add column \`incident_type_id\` text null constraint \`incidents_incident_type_id_foreign\` references \`incident_types\` (\`id\`) on delete set null;`,
    );
    this.addSql(`alter table \`incidents\` add column \`meeting_url\` text null;`);
    this.addSql(`alter table \`incidents\` add column \`custom_fields\` json not null default '{}';`);
    this.addSql(`alter table \`incidents\` add column \`responder_ids\` json not null default '[]';`);
    this.addSql(`alter table \`incidents\` add column \`chat_channel_url\` text null;`);
    // Keep existing commanders: free-text names become user references where a user has that name.
    this.addSql(
      `update \`incidents\` set \`commander_id\` = (select \`u\`.\`id\` from \`users\` \`u\` where \`u\`.\`name\` = \`incidents\`.\`commander_name\` limit 1);`,
    );
    this.addSql(`alter table \`incidents\` drop column \`commander_name\`;`);
    this.addSql(`create index \`incidents_commander_id_index\` on \`incidents\` (\`commander_id\`);`);
    this.addSql(`create index \`incidents_created_by_id_index\` on \`incidents\` (\`created_by_id\`);`);
    this.addSql(`create index \`incidents_incident_type_id_index\` on \`incidents\` (\`incident_type_id\`);`);

    this.addSql(
      `alter table \`timeline_entries\` add column \`author_id\` text null constraint \`timeline_entries_author_id_foreign\` references \`users\` (\`id\`) on delete set null;`,
    );
    this.addSql(`create index \`timeline_entries_author_id_index\` on \`timeline_entries\` (\`author_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`incident_fields\`;`);
    this.addSql(`drop table if exists \`incident_types\`;`);
    this.addSql(`drop table if exists \`responder_types\`;`);
    this.addSql(`drop table if exists \`incident_responders\`;`);
    this.addSql(`drop table if exists \`incident_impacts\`;`);

    this.addSql(`drop index \`incidents_commander_id_index\`;`);
    this.addSql(`drop index \`incidents_created_by_id_index\`;`);
    this.addSql(`drop index \`incidents_incident_type_id_index\`;`);
    this.addSql(`alter table \`incidents\` drop column \`commander_id\`;`);
    this.addSql(`alter table \`incidents\` drop column \`created_by_id\`;`);
    this.addSql(`alter table \`incidents\` drop column \`incident_type_id\`;`);
    this.addSql(`alter table \`incidents\` drop column \`meeting_url\`;`);
    this.addSql(`alter table \`incidents\` drop column \`custom_fields\`;`);
    this.addSql(`alter table \`incidents\` drop column \`responder_ids\`;`);
    this.addSql(`alter table \`incidents\` drop column \`chat_channel_url\`;`);
    this.addSql(`alter table \`incidents\` add column \`commander_name\` text null;`);

    this.addSql(`alter table \`sessions\` drop column \`name\`;`);

    this.addSql(`drop index \`timeline_entries_author_id_index\`;`);
    this.addSql(`alter table \`timeline_entries\` drop column \`author_id\`;`);
  }
}
