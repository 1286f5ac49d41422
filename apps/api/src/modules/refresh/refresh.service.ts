import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  REFRESH_SOURCES,
  REFRESH_VERSION_NAME,
  RefreshSourceSchema,
  type DocumentVersion,
  type RefreshAppliedInput,
  type RefreshPreview,
} from '@pm/contracts';
import { Postmortem, recordDomainEvent, renderIncidentTemplate, type Em } from '@pm/db';
import { INCIDENT_DATA } from '@pm/doc-model';
import { notFound } from '../../common/errors.js';
import { currentRequestId } from '../../infra/request-id.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { VersionsService } from '../versions/versions.service.js';

/** One template holding every refreshable variable: one render gives the current content of every source. */
const ALL_SOURCES_TEMPLATE = REFRESH_SOURCES.map((s) => `{{ incident.${s} }}`).join('\n\n');

/**
 * "Refresh from incident". The server renders the incident's current data through the one render pipeline (the
 * same engine and options as generation, so an untouched block re-renders to the same hash); the TAB applies the
 * chosen blocks to the live document as one Yjs transaction with its user's undo origin (one Ctrl+Z undoes it, every
 * editor receives it like any edit); then the tab reports what it did here, which records a named version through
 * collab (taken from the live document, after the edit) and a `postmortem.refreshed` domain event.
 */
@Injectable()
export class RefreshService {
  constructor(
    private readonly orm: MikroORM,
    private readonly versions: VersionsService,
  ) {}

  /** A notebook postmortem the user may see; 404 otherwise (never 403), DOCUMENT_NOT_FOUND without a document. */
  private async load(user: AuthUser, postmortemId: string): Promise<Postmortem> {
    const pm = await this.orm.em.fork().findOne(Postmortem, { id: postmortemId }, { populate: ['incident'] });
    if (!pm || !canSeeIncident(user, pm.incident)) throw notFound('POSTMORTEM', postmortemId);
    if (!pm.document) throw notFound('DOCUMENT', postmortemId);
    return pm;
  }

  async preview(user: AuthUser, postmortemId: string): Promise<RefreshPreview> {
    const pm = await this.load(user, postmortemId);
    const { doc } = await renderIncidentTemplate(this.orm.em.fork(), pm.incident.id, ALL_SOURCES_TEMPLATE, {
      destination: 'notebook',
    });
    const blocks = (doc.content ?? []).flatMap((n) => {
      const source = RefreshSourceSchema.safeParse(n.attrs?.['source']);
      return n.type === INCIDENT_DATA && source.success
        ? [{ source: source.data, content: (n.content ?? []) as Array<Record<string, unknown>> }]
        : [];
    });
    return { renderedAt: new Date().toISOString(), blocks };
  }

  async record(user: AuthUser, postmortemId: string, body: RefreshAppliedInput): Promise<DocumentVersion> {
    const pm = await this.load(user, postmortemId);
    const version = await this.versions.createNamed(user, postmortemId, REFRESH_VERSION_NAME);
    await this.orm.em.fork().transactional(async (em) => {
      await recordDomainEvent(em as Em, {
        type: 'postmortem.refreshed',
        incidentId: pm.incident.id,
        postmortemId,
        actorId: user.id,
        requestId: currentRequestId() ?? null,
        data: {
          versionId: version.id,
          updated: body.updated,
          kept: body.kept,
        },
      });
    });
    return version;
  }
}
