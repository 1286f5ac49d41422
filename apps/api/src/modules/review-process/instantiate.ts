import type { EntityManager } from '@mikro-orm/core';
import { DEFAULT_REVIEW_PROCESS, type ReviewStepDefinition, type Severity } from '@pm/contracts';
import { Incident, Postmortem, Responder, ReviewProcessDefinition, ReviewStep, User } from '@pm/db';
import { addBusinessDays, endOfLocalDay } from './business-days.js';

/** The process of an incident type: its stored definition, else the built-in default. */
export async function processFor(
  em: EntityManager,
  incidentTypeId: string | null,
): Promise<ReviewStepDefinition[]> {
  if (!incidentTypeId) return DEFAULT_REVIEW_PROCESS;
  const def = await em.findOne(ReviewProcessDefinition, { incidentType: incidentTypeId });
  return def?.steps ?? DEFAULT_REVIEW_PROCESS;
}

/** The steps of the process that a given severity gets, with whether each is required. */
export function stepsForSeverity(steps: readonly ReviewStepDefinition[], severity: Severity) {
  return steps
    .filter((s) => s.appliesTo.includes(severity))
    .map((s) => ({ ...s, required: s.requiredFor.includes(severity) }));
}

/** Who holds `role` on the incident of `pm` (null when nobody does). */
async function ownerOf(
  em: EntityManager,
  role: string,
  incident: Incident,
  pm: Pick<Postmortem, 'owner'>,
): Promise<User | null> {
  if (role === 'commander') return incident.commander ? await em.findOne(User, incident.commander.id) : null;
  if (role === 'postmortem_owner') return pm.owner ? await em.findOne(User, pm.owner.id) : null;
  const typeId = role.startsWith('responder_type:') ? role.slice('responder_type:'.length) : null;
  if (!typeId) return null;
  const r = await em.findOne(
    Responder,
    { incident, customType: typeId },
    { populate: ['user'], orderBy: { createdAt: 'asc' } },
  );
  return r?.user ?? null;
}

/** One step as the process gives it out now (owner and due date computed), before it is written. */
export interface PlannedStep {
  key: string;
  name: string;
  ownerRole: string;
  owner: User | null;
  required: boolean;
  dueDate: string;
  timeZone: string;
  dueAt: Date;
  position: number;
}

/**
 * The steps the incident's type and severity call for, with owners and due dates. Reads only: a broken definition
 * throws here, before anything is added to the unit of work. Due dates count business days in the owner's time
 * zone from the incident's resolution, or from the postmortem's creation while the incident is unresolved.
 * `incident` needs `commander` and `incidentType` loaded.
 */
export async function planReviewSteps(
  em: EntityManager,
  pm: Pick<Postmortem, 'owner' | 'createdAt'>,
  incident: Incident,
): Promise<PlannedStep[]> {
  const defs = stepsForSeverity(await processFor(em, incident.incidentType?.id ?? null), incident.severity);
  const start = incident.resolvedAt ?? pm.createdAt;
  const planned: PlannedStep[] = [];
  for (const [position, d] of defs.entries()) {
    const owner = await ownerOf(em, d.ownerRole, incident, pm);
    const timeZone = owner?.timeZone ?? 'UTC';
    const dueDate = addBusinessDays(start, d.dueBusinessDays, timeZone);
    planned.push({
      key: d.key,
      name: d.name,
      ownerRole: d.ownerRole,
      owner,
      required: d.required,
      dueDate,
      timeZone,
      dueAt: endOfLocalDay(dueDate, timeZone),
      position,
    });
  }
  return planned;
}

/**
 * Gives the postmortem the steps its incident's type and severity call for, in the caller's unit of work (flush is
 * the caller's). Idempotent: a step already given out (by key) keeps its status; an open one gets its owner and due
 * date recomputed (the commander may have changed). Returns the steps.
 */
export async function applyReviewProcess(em: EntityManager, pmId: string): Promise<ReviewStep[]> {
  const pm = await em.findOneOrFail(Postmortem, pmId, { populate: ['owner'] });
  // Fresh read: callers may hold a partially loaded incident (only the access-rule columns).
  const incident = await em.findOneOrFail(Incident, pm.incident.id, {
    populate: ['commander', 'incidentType'],
    refresh: true,
  });
  const planned = await planReviewSteps(em, pm, incident);
  const existing = new Map((await em.find(ReviewStep, { postmortem: pm })).map((s) => [s.key, s]));
  for (const p of planned) {
    const step = existing.get(p.key);
    if (step && step.status !== 'open') continue;
    if (step) {
      Object.assign(step, p);
      continue;
    }
    existing.set(p.key, em.create(ReviewStep, { postmortem: pm, ...p }));
  }
  return [...existing.values()].sort((a, b) => a.position - b.position);
}

/**
 * After a postmortem is generated or attached: gives it its review steps in a separate unit of work, so a failure
 * here (a broken definition) never loses the postmortem; "Apply process" in the tab retries.
 */
export async function giveReviewSteps(
  em: EntityManager,
  pmId: string,
  log: { warn(msg: string): void },
): Promise<void> {
  try {
    const fork = em.fork();
    await applyReviewProcess(fork, pmId);
    await fork.flush();
  } catch (e) {
    log.warn(`review steps of ${pmId} not given out: ${(e as Error).message}`);
  }
}
