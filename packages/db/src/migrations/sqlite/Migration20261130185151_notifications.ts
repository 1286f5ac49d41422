import { Migration } from '@mikro-orm/migrations';

export class Migration20261130185151_notifications extends Migration {

  override name = 'Migration20261130185151_notifications';

  override up(): void | Promise<void> {
    this.addSql(`create table \`event_cursors\` (\`name\` text not null primary key, \`seq\` integer not null);`);

    this.addSql(`create table \`reminder_log\` (\`key\` text not null primary key, \`created_at\` datetime not null);`);

    this.addSql(`create table \`notification_settings\` (\`user_id\` text not null primary key, \`email_enabled\` integer not null default true, \`quiet_start\` text null, \`quiet_end\` text null, \`time_zone\` text not null default 'UTC', \`updated_at\` datetime not null, constraint \`notification_settings_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on update cascade on delete cascade);`);

    this.addSql(`create table \`notifications\` (\`id\` text not null primary key, \`user_id\` text not null, \`event_id\` text not null, \`incident_id\` text null, \`kind\` text not null default 'event', \`title\` text not null, \`body\` text not null default '', \`link\` text null, \`read_at\` datetime null, \`email_state\` text not null default 'none', \`emailed_at\` datetime null, \`created_at\` datetime not null, constraint \`notifications_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`notifications_user_id_index\` on \`notifications\` (\`user_id\`);`);
    this.addSql(`create index \`notifications_user_id_read_at_index\` on \`notifications\` (\`user_id\`, \`read_at\`);`);
    this.addSql(`create index \`notifications_user_id_created_at_index\` on \`notifications\` (\`user_id\`, \`created_at\`);`);
    this.addSql(`create unique index \`notifications_event_id_user_id_unique\` on \`notifications\` (\`event_id\`, \`user_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`event_cursors\`;`);
    this.addSql(`drop table if exists \`reminder_log\`;`);
    this.addSql(`drop table if exists \`notification_settings\`;`);
    this.addSql(`drop table if exists \`notifications\`;`);
  }

}
