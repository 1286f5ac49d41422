import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123519_exports extends Migration {

  override name = 'Migration20261130123519_exports';

  override up(): void | Promise<void> {
    this.addSql(`create table \`exports\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`postmortem_id\` text not null, \`kind\` text not null, \`state\` text not null default 'queued', \`progress\` integer not null default 0, \`requested_by_id\` text not null, \`target\` json null, \`target_key\` text null, \`external_id\` text null, \`url\` text null, \`file_name\` text null, \`content_type\` text null, \`content\` blob null, \`size\` integer null, \`error\` json null, \`attempts\` integer not null default 0, \`finished_at\` datetime null, constraint \`exports_postmortem_id_foreign\` foreign key (\`postmortem_id\`) references \`postmortems\` (\`id\`) on delete cascade, constraint \`exports_requested_by_id_foreign\` foreign key (\`requested_by_id\`) references \`users\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`exports_postmortem_id_index\` on \`exports\` (\`postmortem_id\`);`);
    this.addSql(`create index \`exports_requested_by_id_index\` on \`exports\` (\`requested_by_id\`);`);
    this.addSql(`create index \`exports_postmortem_id_target_key_state_index\` on \`exports\` (\`postmortem_id\`, \`target_key\`, \`state\`);`);
    this.addSql(`create index \`exports_postmortem_id_created_at_index\` on \`exports\` (\`postmortem_id\`, \`created_at\`);`);

    this.addSql(`alter table \`postmortems\` add column \`external_id\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`exports\`;`);

    this.addSql(`alter table \`postmortems\` drop column \`external_id\`;`);
  }

}
