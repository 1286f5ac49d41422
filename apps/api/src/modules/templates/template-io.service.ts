import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  TemplateFileSchema,
  type ImportTemplatesInput,
  type ImportTemplatesResult,
  type TemplateBundle,
} from '@pm/contracts';
import { Template } from '@pm/db';
import { parseMarkdownFile, toMarkdownFile } from '@pm/templating';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { TemplatesService } from './templates.service.js';

type ParsedFile = z.output<typeof TemplateFileSchema>;

/** A template entity as code (the fields a file carries). */
export function toTemplateFile(t: Template): ParsedFile {
  return {
    name: t.name,
    incidentType: t.incidentType,
    destination: t.destination,
    confluence: t.confluenceSettings,
    googleDocs: t.googleDocsSettings,
    isDefault: t.isDefault,
    content: t.content,
  };
}

/** File name for a template: a slug of its name (and incident type). */
export function templateFileName(t: Pick<Template, 'name' | 'incidentType'>, ext: 'md' | 'json'): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'template';
  return `${slug(t.name)}${t.incidentType ? `.${slug(t.incidentType)}` : ''}.${ext}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Templates as code: export one/all as JSON or Markdown with front matter; import idempotently. */
@Injectable()
export class TemplateIoService {
  constructor(
    private readonly orm: MikroORM,
    private readonly templates: TemplatesService,
  ) {}

  async exportOne(id: string, format: 'json' | 'markdown') {
    const t = await this.templates.get(id);
    const file = toTemplateFile(t);
    return format === 'markdown'
      ? { fileName: templateFileName(t, 'md'), body: toMarkdownFile(file), type: 'text/markdown' }
      : {
          fileName: templateFileName(t, 'json'),
          body: JSON.stringify(file, null, 2),
          type: 'application/json',
        };
  }

  async exportAll(): Promise<TemplateBundle> {
    const rows = await this.orm.em.find(Template, {}, { orderBy: { name: 'asc', id: 'asc' } });
    return { version: 1, templates: rows.map(toTemplateFile) };
  }

  /**
   * Imports template files. Matches existing templates by name + incident type: identical → unchanged,
   * different → updated, missing → created. Every file is parsed and validated before anything is written,
   * so one bad file rejects the whole import (400/422 naming the file).
   */
  async import(user: AuthUser, input: ImportTemplatesInput): Promise<ImportTemplatesResult> {
    const files: Array<{ label: string; file: ParsedFile }> = [];
    const raw: Array<{ label: string; value: unknown }> = [
      ...(input.templates ?? []).map((value, i) => ({ label: `templates[${i}]`, value })),
      ...(input.markdown ?? []).map((text, i) => {
        try {
          return { label: `markdown[${i}]`, value: parseMarkdownFile(text) as unknown };
        } catch (e) {
          throw new AppError('VALIDATION_FAILED', `markdown[${i}]: ${(e as Error).message}`, {
            issues: [{ path: `markdown.${i}`, message: (e as Error).message, code: 'custom' }],
          });
        }
      }),
    ];
    for (const { label, value } of raw) {
      const res = TemplateFileSchema.safeParse(value);
      if (!res.success) {
        const issues = res.error.issues.map((iss) => ({
          path: [label, ...iss.path].join('.'),
          message: iss.message,
          code: iss.code,
        }));
        throw new AppError('VALIDATION_FAILED', `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
      }
      try {
        await this.templates.assertValidContent(res.data.content);
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `${label}: ${e.message}`, e.details);
        throw e;
      }
      files.push({ label, file: res.data });
    }

    const result: ImportTemplatesResult = { created: 0, updated: 0, unchanged: 0, items: [] };
    for (const { file } of files) {
      const existing = await this.orm.em.fork().findOne(Template, {
        name: file.name,
        incidentType: file.incidentType,
      });
      const write = {
        name: file.name,
        content: file.content,
        destination: file.destination,
        confluence: file.confluence ?? null,
        googleDocs: file.googleDocs ?? null,
      };
      if (!existing) {
        const dto = await this.templates.create(user, {
          ...write,
          incidentType: file.incidentType,
          isDefault: file.isDefault,
        });
        result.created++;
        result.items.push({ name: file.name, id: dto.id, outcome: 'created' });
        continue;
      }
      const current = toTemplateFile(existing);
      const unchanged =
        current.content === file.content &&
        current.destination === file.destination &&
        same(current.confluence, write.confluence) &&
        same(current.googleDocs, write.googleDocs) &&
        (!file.isDefault || existing.isDefault);
      if (unchanged) {
        result.unchanged++;
        result.items.push({ name: file.name, id: existing.id, outcome: 'unchanged' });
        continue;
      }
      // A file marks a default; it never unmarks one (another file or the UI may have chosen it since).
      await this.templates.update(user, existing.id, {
        ...write,
        ...(file.isDefault && !existing.isDefault ? { isDefault: true } : {}),
      });
      result.updated++;
      result.items.push({ name: file.name, id: existing.id, outcome: 'updated' });
    }
    return result;
  }
}
