import type { Person, ReviewMeeting as ReviewMeetingDto, ReviewStep as ReviewStepDto } from '@pm/contracts';
import type { ReviewMeeting, ReviewStep, User } from '@pm/db';

export const personOf = (u: User | null | undefined): Person | null =>
  u ? { id: u.id, name: u.name, email: u.email, handle: u.handle } : null;

export const toStepDto = (s: ReviewStep): ReviewStepDto => ({
  id: s.id,
  key: s.key,
  name: s.name,
  ownerRole: s.ownerRole,
  owner: personOf(s.owner as User | null),
  required: s.required,
  dueDate: s.dueDate,
  timeZone: s.timeZone,
  dueAt: s.dueAt.toISOString(),
  status: s.status,
  changedAt: s.changedAt?.toISOString() ?? null,
  changedBy: personOf(s.changedBy as User | null),
  position: s.position,
});

export const toMeetingDto = (m: ReviewMeeting, attendeeCount: number): ReviewMeetingDto => ({
  uid: m.uid,
  startAt: m.startAt.toISOString(),
  endAt: m.endAt.toISOString(),
  location: m.location,
  organizer: personOf(m.organizer as User | null),
  sequence: m.sequence,
  attendeeCount,
});
