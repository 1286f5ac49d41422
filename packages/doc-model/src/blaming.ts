/**
 * Blameless-wording matcher, shared by the server's quality check and the tab's editor decorations so both flag
 * exactly the same words. Phrases come from admin configuration: every character is matched literally (escaped,
 * never interpreted as a regular expression), case-insensitively, on word boundaries.
 */

/** Defaults used when an incident type configures no list of its own. `'s fault` catches "Bob's fault". */
export const DEFAULT_BLAMING_PHRASES: readonly string[] = [
  'should have',
  'failed to',
  'careless',
  'human error',
  "'s fault",
  "didn't bother",
  'obviously',
];

export interface PhraseMatch {
  phrase: string;
  /** Offsets in the searched text, `to` exclusive. */
  from: number;
  to: number;
}

const WORD = /[\p{L}\p{N}_]/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * Compiles the phrase list into one matcher. Whitespace inside a phrase matches any run of whitespace; the
 * straight and typographic apostrophes are interchangeable. A boundary is required only at an end of the phrase
 * that is a word character, so `'s fault` can follow a name.
 */
export function compileBlamingPhrases(phrases: readonly string[]): (text: string) => PhraseMatch[] {
  const clean = [...new Set(phrases.map((p) => p.trim().replace(/\s+/g, ' ')).filter((p) => p.length > 0))]
    // Longest first, so "should have known" wins over "should have" at the same place.
    .sort((a, b) => b.length - a.length)
    .slice(0, 200);
  if (!clean.length) return () => [];
  const parts = clean.map((p) => {
    const body = p
      .split(' ')
      .map((w) => escape(w).replace(/['’]/g, "['’]"))
      .join('\\s+');
    const pre = WORD.test(p[0]!) ? '(?<![\\p{L}\\p{N}_])' : '';
    const post = WORD.test(p[p.length - 1]!) ? '(?![\\p{L}\\p{N}_])' : '';
    return `${pre}(${body})${post}`;
  });
  const re = new RegExp(parts.join('|'), 'giu');
  return (text: string) => {
    const out: PhraseMatch[] = [];
    for (const m of text.matchAll(re)) {
      const idx = m.slice(1).findIndex((g) => g !== undefined);
      const phrase = clean[idx] ?? m[0];
      out.push({ phrase, from: m.index, to: m.index + m[0].length });
    }
    return out;
  };
}

/** One-off convenience over {@link compileBlamingPhrases}. */
export function findBlamingPhrases(text: string, phrases: readonly string[]): PhraseMatch[] {
  return compileBlamingPhrases(phrases)(text);
}

/** The advice shown on a flagged phrase (decoration title and checklist message). */
export function blamingAdvice(phrase: string): string {
  return `Blaming wording: consider describing what the system allowed instead of "${phrase}"`;
}
