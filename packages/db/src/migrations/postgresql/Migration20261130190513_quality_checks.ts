import { Migration } from '@mikro-orm/migrations';

export class Migration20261130190513_quality_checks extends Migration {

  override name = 'Migration20261130190513_quality_checks';

  override up(): void | Promise<void> {
    this.addSql(`alter table "incident_types" add "quality_checks" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "incident_types" drop column "quality_checks";`);
  }

}
