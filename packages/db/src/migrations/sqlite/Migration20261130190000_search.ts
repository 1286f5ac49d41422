import { Migration } from '@mikro-orm/migrations';

/**
 * Full-text search: an FTS5 table of every postmortem's title and its document's plain text, kept in sync by
 * triggers (so every writer — API, worker, collab — updates it in the same transaction as the row). Rows are keyed
 * by the UNINDEXED `postmortem_id` (rowids of tables without an INTEGER PRIMARY KEY may change on VACUUM).
 * Plus `postmortems.completed_at` for the insights. The FTS tables are outside the entities
 * (schemaGenerator.skipTables in config.ts).
 */
export class Migration20261130190000_search extends Migration {
  override name = 'Migration20261130190000_search';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`postmortems\` add column \`completed_at\` datetime null;`);
    this.addSql(
      `create virtual table \`postmortem_search\` using fts5(postmortem_id unindexed, title, body, tokenize = 'unicode61 remove_diacritics 2');`,
    );
    this.addSql(
      `insert into \`postmortem_search\` (postmortem_id, title, body) select p.id, p.title, coalesce(d.text, '') from \`postmortems\` p left join \`documents\` d on d.id = p.document_id;`,
    );
    this.addSql(`create trigger \`postmortem_search_ai\` after insert on \`postmortems\` begin
  insert into \`postmortem_search\` (postmortem_id, title, body)
    values (new.id, new.title, coalesce((select text from \`documents\` where id = new.document_id), ''));
end;`);
    this.addSql(`create trigger \`postmortem_search_au\` after update of title, document_id on \`postmortems\` begin
  delete from \`postmortem_search\` where postmortem_id = old.id;
  insert into \`postmortem_search\` (postmortem_id, title, body)
    values (new.id, new.title, coalesce((select text from \`documents\` where id = new.document_id), ''));
end;`);
    this.addSql(`create trigger \`postmortem_search_ad\` after delete on \`postmortems\` begin
  delete from \`postmortem_search\` where postmortem_id = old.id;
end;`);
    this.addSql(`create trigger \`postmortem_search_doc_au\` after update of text on \`documents\` begin
  delete from \`postmortem_search\` where postmortem_id in (select id from \`postmortems\` where document_id = new.id);
  insert into \`postmortem_search\` (postmortem_id, title, body)
    select id, title, new.text from \`postmortems\` where document_id = new.id;
end;`);
  }

  override down(): void | Promise<void> {
    for (const t of ['postmortem_search_ai', 'postmortem_search_au', 'postmortem_search_ad', 'postmortem_search_doc_au'])
      this.addSql(`drop trigger if exists \`${t}\`;`);
    this.addSql(`drop table if exists \`postmortem_search\`;`);
    this.addSql(`alter table \`postmortems\` drop column \`completed_at\`;`);
  }
}
