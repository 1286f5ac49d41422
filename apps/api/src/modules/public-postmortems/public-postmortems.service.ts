import { createHash, randomBytes } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type {
  PublicPostmortemInput,
  PublicPreview,
  PublicStatus,
  PublishedPostmortem,
  RedactionSummary,
} from '@pm/contracts';
import { Postmortem, PublicPostmortem, User, withCurrentFollowUps } from '@pm/db';
import { publicSections, redactForPublic, type JSONContent } from '@pm/doc-model';
import { AppError, notFound } from '../../common/errors.js';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { recordEvent } from '../audit/record-event.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { publicPage } from './public-page.js';
import { redactionRules } from './redaction-rules.js';

/** SHA-256 of a link token: what the table stores and looks up (the token itself is never stored). */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** 256 random bits, URL-safe: the unguessable part of the public link. */
const newToken = () => randomBytes(32).toString('base64url');

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Public, read-only versions of Completed postmortems: preview and publish render the chosen sections through the
 * redaction rules and the one HTML exporter of the document model; the stored page is served as is at
 * `/public/postmortems/{token}` until it is revoked (unpublish, or publishing again).
 */
@Injectable()
export class PublicPostmortemsService {
  constructor(
    private readonly orm: MikroORM,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** A postmortem with a document the user may see; 404 otherwise (never 403). */
  private async load(em: EntityManager, user: AuthUser, id: string): Promise<Postmortem> {
    const pm = await em.findOne(
      Postmortem,
      { id, removedAt: null },
      { populate: ['incident', 'document', 'owner'] },
    );
    if (!pm || !canSeeIncident(user, pm.incident)) throw notFound('POSTMORTEM', id);
    if (!pm.document) throw notFound('DOCUMENT', id);
    return pm;
  }

  private async completed(em: EntityManager, user: AuthUser, id: string): Promise<Postmortem> {
    const pm = await this.load(em, user, id);
    if (pm.status !== 'completed')
      throw new AppError('POSTMORTEM_NOT_COMPLETED', 'Only a Completed postmortem can be published', {
        status: pm.status,
      });
    return pm;
  }

  private async render(em: EntityManager, pm: Postmortem, sections: string[]) {
    const json = await withCurrentFollowUps(em, pm.document!.json as JSONContent);
    const rules = await redactionRules(em, pm, this.cfg.PUBLIC_POSTMORTEM_INTERNAL_HOSTS);
    const { doc, summary, unknown } = redactForPublic(json, sections, rules);
    if (unknown.length)
      throw new AppError(
        'PUBLIC_SECTION_UNKNOWN',
        'Some chosen sections are not in the document any more; choose again',
        { unknown },
      );
    const all = publicSections(json);
    const chosen = all.filter((s) => sections.includes(s.id)).map((s) => s.id);
    return { all, chosen, summary, html: publicPage(doc, pm.title, rules) };
  }

  async status(user: AuthUser, id: string): Promise<PublicStatus> {
    const em = this.orm.em.fork();
    const pm = await this.load(em, user, id);
    const live = await em.findOne(
      PublicPostmortem,
      { postmortem: pm.id, revokedAt: null },
      { populate: ['publishedBy'] },
    );
    return {
      sections: publicSections(pm.document!.json as JSONContent),
      published: live
        ? {
            id: live.id,
            publishedAt: live.createdAt.toISOString(),
            publishedBy: live.publishedBy ? { id: live.publishedBy.id, name: live.publishedBy.name } : null,
            sections: live.sections,
            redaction: live.redaction as RedactionSummary,
          }
        : null,
    };
  }

  async preview(user: AuthUser, id: string, input: PublicPostmortemInput): Promise<PublicPreview> {
    const em = this.orm.em.fork();
    const pm = await this.load(em, user, id);
    const r = await this.render(em, pm, input.sections);
    return { sections: r.all, chosen: r.chosen, redaction: r.summary, html: r.html };
  }

  async publish(user: AuthUser, id: string, input: PublicPostmortemInput): Promise<PublishedPostmortem> {
    // Rendering reads through forks of its own (document state, follow-ups): done before the transaction, which
    // then re-checks the status under its own read (SQLite has one connection: a fork inside would wait forever).
    const outside = this.orm.em.fork();
    const r = await this.render(outside, await this.completed(outside, user, id), input.sections);
    return this.orm.em.fork().transactional(async (em) => {
      const pm = await this.completed(em, user, id);
      const now = new Date();
      const previous = await em.find(PublicPostmortem, { postmortem: pm.id, revokedAt: null });
      for (const row of previous) {
        row.revokedAt = now;
        row.revokedBy = em.getReference(User, user.id);
      }
      const token = newToken();
      const row = em.create(PublicPostmortem, {
        postmortem: pm,
        tokenHash: hashToken(token),
        html: r.html,
        sections: r.chosen,
        redaction: { ...r.summary },
        publishedBy: em.getReference(User, user.id),
        createdAt: now,
        updatedAt: now,
      });
      await recordEvent(em, user, {
        type: 'postmortem.published',
        incidentId: pm.incident.id,
        postmortemId: pm.id,
        data: {
          title: pm.title,
          publicationId: row.id,
          sections: r.chosen,
          redaction: r.summary,
          replaced: previous.map((p) => p.id),
        },
      });
      return {
        id: row.id,
        token,
        path: `/public/postmortems/${token}`,
        publishedAt: now.toISOString(),
        sections: r.chosen,
        redaction: r.summary,
      };
    });
  }

  /** Revokes the live publication; the link answers 404 from the commit on. Idempotent (nothing live = no event). */
  async unpublish(user: AuthUser, id: string): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const pm = await this.load(em, user, id);
      const live = await em.find(PublicPostmortem, { postmortem: pm.id, revokedAt: null });
      if (!live.length) return;
      const now = new Date();
      for (const row of live) {
        row.revokedAt = now;
        row.revokedBy = em.getReference(User, user.id);
      }
      await recordEvent(em, user, {
        type: 'postmortem.unpublished',
        incidentId: pm.incident.id,
        postmortemId: pm.id,
        data: { title: pm.title, publicationIds: live.map((r) => r.id) },
      });
    });
  }

  /** The stored page of a live link, or null (unknown, malformed, revoked, postmortem removed). */
  async page(token: string): Promise<string | null> {
    if (!TOKEN_RE.test(token)) return null;
    const row = await this.orm.em
      .fork()
      .findOne(
        PublicPostmortem,
        { tokenHash: hashToken(token), revokedAt: null, postmortem: { removedAt: null } },
        { fields: ['html'] },
      );
    return row?.html ?? null;
  }
}
