import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOrmOptions, migrationsDir, parseDatabaseUrl } from './config.js';

describe('parseDatabaseUrl', () => {
  it('recognises PostgreSQL URLs and takes our ?schema= parameter out of the driver URL', () => {
    expect(parseDatabaseUrl('postgresql://u@h:5432/db')).toEqual({
      kind: 'postgresql',
      target: 'postgresql://u@h:5432/db',
    });
    expect(parseDatabaseUrl('postgres://u@h/db?schema=t_ab12&sslmode=disable')).toEqual({
      kind: 'postgresql',
      target: 'postgres://u@h/db?sslmode=disable',
      schema: 't_ab12',
    });
  });

  it('recognises SQLite paths in sqlite:, file: and :memory: forms', () => {
    expect(parseDatabaseUrl('sqlite:./.data/pm.sqlite')).toEqual({
      kind: 'sqlite',
      target: './.data/pm.sqlite',
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/pm.db')).toEqual({ kind: 'sqlite', target: '/var/lib/pm.db' });
    expect(parseDatabaseUrl('file:/tmp/x.db')).toEqual({ kind: 'sqlite', target: '/tmp/x.db' });
    expect(parseDatabaseUrl(':memory:')).toEqual({ kind: 'sqlite', target: ':memory:' });
  });

  it('rejects anything else with a message naming the accepted forms', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/postgresql:\/\/, sqlite: or file:/);
  });
});

describe('createOrmOptions', () => {
  it('picks the migration folder of the driver', () => {
    expect(createOrmOptions({ databaseUrl: ':memory:' }).migrations?.path).toBe(migrationsDir('sqlite'));
    expect(createOrmOptions({ databaseUrl: 'postgresql://u@h/db' }).migrations?.path).toBe(
      migrationsDir('postgresql'),
    );
  });

  it('opens a relative SQLite path against the working directory', () => {
    expect(createOrmOptions({ databaseUrl: 'sqlite:pm-relative.db' }).dbName).toBe(resolve('pm-relative.db'));
    expect(createOrmOptions({ databaseUrl: ':memory:' }).dbName).toBe(':memory:');
  });

  it('routes every PostgreSQL query to the configured schema; DbConfig.schema wins over the URL', () => {
    const opts = createOrmOptions({ databaseUrl: 'postgresql://u@h/db?schema=from_url', schema: 'from_cfg' });
    expect(opts.schema).toBe('from_cfg');
    expect(opts.driverOptions).toEqual({ options: '-c search_path=from_cfg' });
    expect(createOrmOptions({ databaseUrl: 'postgresql://u@h/db?schema=from_url' }).schema).toBe('from_url');
  });

  it('refuses a schema name that would need quoting (it is spliced into search_path)', () => {
    expect(() => createOrmOptions({ databaseUrl: 'postgresql://u@h/db', schema: 'x; drop' })).toThrow(
      /invalid PostgreSQL schema/,
    );
  });
});
