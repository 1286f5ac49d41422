import { frozen } from '../reviews/reviews.service.js';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { signCollabToken } from '@pm/auth';
import {
  collabRestorePath,
  CollabVersionResultSchema,
  collabVersionsPath,
  type CollabVersionResult,
  type DocumentVersion as VersionDto,
  type DocumentVersionPreview,
} from '@pm/contracts';
import { listDocumentVersions, loadDocumentVersion, Postmortem, type DocumentVersion } from '@pm/db';
import { DOC_SCHEMA_VERSION } from '@pm/doc-model';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { AppError, notFound } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { recordEvent } from '../audit/record-event.js';

const toDto = (v: DocumentVersion): VersionDto => ({
  id: v.id,
  kind: v.kind,
  name: v.name,
  documentVersion: v.documentVersion,
  createdAt: v.createdAt.toISOString(),
  createdByName: v.createdByName,
  restoredFromId: v.restoredFromId,
});

/**
 * Version history of a postmortem's notebook. Reads come from the database; creating a named version and
 * restoring go through the collab server (it owns the live document, see apps/collab/src/versions.ts), called
 * over HTTP at `COLLAB_INTERNAL_URL` with a collab token signed for the acting user and that one document.
 */
@Injectable()
export class VersionsService {
  private readonly log = new Logger('Versions');

  constructor(
    private readonly orm: MikroORM,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** The notebook document id of a postmortem the user may see; 404 otherwise (never 403). */
  private async documentOf(user: AuthUser, postmortemId: string): Promise<string> {
    return (await this.postmortemOf(user, postmortemId)).document!.id;
  }

  private async postmortemOf(user: AuthUser, postmortemId: string, forChange = false): Promise<Postmortem> {
    const pm = await this.orm.em.fork().findOne(Postmortem, { id: postmortemId }, { populate: ['incident'] });
    if (!pm || !canSeeIncident(user, pm.incident)) throw notFound('POSTMORTEM', postmortemId);
    if (!pm.document) throw notFound('DOCUMENT', postmortemId);
    // A Completed postmortem is frozen: restoring a version would change it.
    if (forChange && pm.status === 'completed') throw frozen(postmortemId);
    return pm;
  }

  async list(user: AuthUser, postmortemId: string): Promise<{ items: VersionDto[] }> {
    const documentId = await this.documentOf(user, postmortemId);
    return { items: (await listDocumentVersions(this.orm.em, documentId)).map(toDto) };
  }

  async preview(user: AuthUser, postmortemId: string, versionId: string): Promise<DocumentVersionPreview> {
    const documentId = await this.documentOf(user, postmortemId);
    const v = await loadDocumentVersion(this.orm.em, documentId, versionId);
    if (!v) throw new AppError('VERSION_NOT_FOUND', `Version ${versionId} was not found`);
    return { ...toDto(v), json: v.json, text: v.text };
  }

  async createNamed(user: AuthUser, postmortemId: string, name: string): Promise<VersionDto> {
    const documentId = await this.documentOf(user, postmortemId);
    const { versionId } = await this.callCollab(
      user,
      postmortemId,
      documentId,
      collabVersionsPath(documentId),
      {
        name,
      },
    );
    return this.preview(user, postmortemId, versionId).then(({ json: _j, text: _t, ...dto }) => dto);
  }

  async restore(user: AuthUser, postmortemId: string, versionId: string): Promise<VersionDto> {
    const pm = await this.postmortemOf(user, postmortemId, true);
    const documentId = pm.document!.id;
    const res = await this.callCollab(
      user,
      postmortemId,
      documentId,
      collabRestorePath(documentId, versionId),
    );
    // Collab wrote the restore (its own transaction); the event follows once it answered.
    const em = this.orm.em.fork();
    await recordEvent(em, user, {
      type: 'postmortem.version_restored',
      incidentId: pm.incident.id,
      postmortemId,
      after: { restoredFromId: versionId, versionId: res.versionId },
      data: { title: pm.title },
    });
    await em.flush();
    return this.preview(user, postmortemId, res.versionId).then(({ json: _j, text: _t, ...dto }) => dto);
  }

  /** POSTs to collab's internal `path` about `documentId`, as `user` (a 60 s token for that document only). */
  private async callCollab(
    user: AuthUser,
    postmortemId: string,
    documentId: string,
    path: string,
    body?: unknown,
  ): Promise<CollabVersionResult> {
    const { token } = await signCollabToken(
      { sub: user.id, name: user.name, doc: documentId, ro: false, sv: DOC_SCHEMA_VERSION },
      this.cfg.COLLAB_TOKEN_SECRET,
      60,
    );
    let res: Response;
    try {
      res = await fetch(`${this.cfg.COLLAB_INTERNAL_URL}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      this.log.warn(`collab unreachable for ${path}: ${(err as Error).message}`);
      throw new AppError(
        'COLLAB_UNAVAILABLE',
        'The collaboration server is not reachable; try again shortly',
      );
    }
    if (res.status === 404) throw new AppError('VERSION_NOT_FOUND', 'That version was not found');
    // Collab re-checks incident access; a refusal there means the user may not see this postmortem (404, never 403).
    if (res.status === 403) throw notFound('POSTMORTEM', postmortemId);
    if (!res.ok) throw new AppError('COLLAB_UNAVAILABLE', `The collaboration server answered ${res.status}`);
    const answer = CollabVersionResultSchema.safeParse(await res.json().catch(() => null));
    if (!answer.success)
      throw new AppError('COLLAB_UNAVAILABLE', 'The collaboration server answered unreadably');
    return answer.data;
  }
}
