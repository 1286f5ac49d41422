import { IncidentCard, INCIDENT_CARD_FIELDS } from '@pm/doc-model';
import type { LiveCardSource } from './card-source.js';

/**
 * The doc-model card node with a DOM node view that shows live values (falling back to the stored snapshot).
 * The view never writes to the document: live data is display-only, so it cannot cause edit storms between peers.
 */
export function liveIncidentCard(source: LiveCardSource) {
  return IncidentCard.extend({
    addNodeView() {
      return ({ node }) => {
        const dom = document.createElement('div');
        dom.className = 'pm-incident-card';
        dom.setAttribute('data-testid', 'pm-incident-card');
        dom.contentEditable = 'false';
        const incidentId = node.attrs['incidentId'] as string | null;
        const render = () => {
          const live = (incidentId && source.get(incidentId)) || {};
          const table = document.createElement('table');
          for (const [key, label] of INCIDENT_CARD_FIELDS) {
            const tr = table.insertRow();
            const th = document.createElement('th');
            th.textContent = label; // textContent: incident values are never parsed as HTML
            const td = tr.insertCell();
            td.textContent = live[key] ?? (String(node.attrs[key] ?? '') || '—');
            td.setAttribute('data-field', key);
            tr.prepend(th);
          }
          dom.setAttribute('data-live', String(Object.keys(live).length > 0));
          dom.replaceChildren(table);
        };
        render();
        const off = source.subscribe(render);
        if (incidentId) source.watch(incidentId);
        return { dom, destroy: off, ignoreMutation: () => true };
      };
    },
  });
}
