import type { IncidentField } from '@pm/api-client';

/** What a custom field's form control holds: text for inputs, a list for multi-selects. */
export type FieldDraft = string | string[];

/** The stored value as the form control shows it. */
export function toDraft(field: IncidentField, value: unknown): FieldDraft {
  if (value === undefined || value === null) return field.type === 'multi_select' ? [] : '';
  if (field.type === 'multi_select') return Array.isArray(value) ? value.map(String) : [String(value)];
  if (field.type === 'text_array') return Array.isArray(value) ? value.join(', ') : String(value);
  if (field.type === 'datetime') {
    const d = new Date(String(value));
    if (Number.isNaN(d.getTime())) return '';
    // datetime-local wants the viewer's local wall-clock time without a zone.
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }
  return String(value);
}

/** The value to send for a draft: `null` clears the field (PATCH merges custom fields). */
export function fromDraft(field: IncidentField, draft: FieldDraft): string | number | string[] | null {
  if (Array.isArray(draft)) return draft.length ? draft : null;
  const text = draft.trim();
  if (!text) return null;
  switch (field.type) {
    case 'number':
      return Number(text);
    case 'text_array':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'datetime':
      return new Date(text).toISOString();
    case 'single_select':
    case 'multi_select':
    case 'text':
      return text;
  }
}

/** A value as read-only text. */
export function showValue(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}
