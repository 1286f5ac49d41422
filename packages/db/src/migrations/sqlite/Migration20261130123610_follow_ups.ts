import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123610_follow_ups extends Migration {

  override name = 'Migration20261130123610_follow_ups';

  override up(): void | Promise<void> {
    this.addSql(`create table \`follow_ups\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`incident_id\` text not null, \`content\` text not null, \`assignee_ids\` json not null default '[]', \`due_date\` text null, \`status\` text not null default 'open', \`completed_at\` datetime null, \`completed_by_id\` text null, \`created_by_id\` text null, \`modified_at\` datetime not null, \`modified_by_id\` text null, \`position\` integer not null default 0, \`tracker_kind\` text null, \`tracker_key\` text null, \`tracker_url\` text null, \`tracker_state\` text null, \`tracker_error\` text null, constraint \`follow_ups_incident_id_foreign\` foreign key (\`incident_id\`) references \`incidents\` (\`id\`) on delete cascade, constraint \`follow_ups_completed_by_id_foreign\` foreign key (\`completed_by_id\`) references \`users\` (\`id\`) on delete set null, constraint \`follow_ups_created_by_id_foreign\` foreign key (\`created_by_id\`) references \`users\` (\`id\`) on delete set null, constraint \`follow_ups_modified_by_id_foreign\` foreign key (\`modified_by_id\`) references \`users\` (\`id\`) on delete set null);`);
    this.addSql(`create index \`follow_ups_incident_id_index\` on \`follow_ups\` (\`incident_id\`);`);
    this.addSql(`create index \`follow_ups_completed_by_id_index\` on \`follow_ups\` (\`completed_by_id\`);`);
    this.addSql(`create index \`follow_ups_created_by_id_index\` on \`follow_ups\` (\`created_by_id\`);`);
    this.addSql(`create index \`follow_ups_modified_by_id_index\` on \`follow_ups\` (\`modified_by_id\`);`);
    this.addSql(`create index \`follow_ups_incident_id_position_index\` on \`follow_ups\` (\`incident_id\`, \`position\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`follow_ups\`;`);
  }

}
