import type { ApiClient } from '@pm/api-client';
import type { IncidentCardField } from '@pm/doc-model';

/** Live values of a card, keyed like the node's attributes. */
export type CardValues = Partial<Record<IncidentCardField, string>>;

/** Where card node views read live values from; `subscribe` returns an unsubscribe function. */
export interface LiveCardSource {
  get(incidentId: string): CardValues | undefined;
  subscribe(listener: () => void): () => void;
  /** Asks for an incident's values (first view of it starts polling). */
  watch(incidentId: string): void;
  dispose(): void;
}

const STATUS_LABEL: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In Review',
  completed: 'Completed',
};

/**
 * Polls GET /incidents/:id (and the open postmortem for its status and owner) every `intervalMs` while the
 * document is open, so every card shows the incident as it is now, not as it was when the document was generated.
 */
export function pollingCardSource(
  api: () => Pick<ApiClient, 'getIncident' | 'getPostmortem'>,
  postmortemId: string,
  intervalMs = 10_000,
): LiveCardSource {
  const values = new Map<string, CardValues>();
  const listeners = new Set<() => void>();
  const watched = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const refresh = async () => {
    const pm = await api()
      .getPostmortem(postmortemId)
      .catch(() => null);
    for (const id of watched) {
      const incident = await api()
        .getIncident(id)
        .catch(() => null);
      if (!incident) continue;
      const impacts = incident.impacts ?? [];
      values.set(id, {
        title: incident.title,
        severity: incident.severity,
        status: incident.status,
        impact: impacts.length
          ? `${impacts[0]!.description}${impacts.length > 1 ? ` (+${impacts.length - 1} more)` : ''}`
          : 'No customer impact',
        ...(pm && pm.incidentId === id
          ? { postmortemStatus: STATUS_LABEL[pm.status] ?? pm.status, owner: pm.ownerName ?? '—' }
          : {}),
      });
    }
    listeners.forEach((l) => l());
  };
  return {
    get: (id) => values.get(id),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    watch(id) {
      if (watched.has(id)) return;
      watched.add(id);
      void refresh();
      timer ??= setInterval(() => void refresh(), intervalMs);
    },
    dispose() {
      if (timer) clearInterval(timer);
      listeners.clear();
    },
  };
}
