// Accessibility helpers for browser specs: an axe-core audit that lists serious/critical violations, and
// keyboard-only focus moves.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A/AA rules (axe's tags); best-practice rules are advisory and left out. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Serious and critical axe violations on `page` (optionally only inside `include`), one readable line each:
 * `rule-id: help — selector (summary)`. An empty list means the state passes.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id}: ${v.help} — ${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(1, 2).join('').trim()})`,
      ),
    );
}

/** The focused element's data-testid (or tag name), looking through the tab's focusable descendants. */
export const focusedId = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? '';
  });

/** Presses Tab (or Shift+Tab) until the element matching `selector` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, { max = 60, back = false } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    const hit = await page.evaluate(
      (sel) => !!document.activeElement && document.activeElement.matches(sel),
      selector,
    );
    if (hit) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} never got the keyboard focus (last: ${await focusedId(page)})`);
}

/**
 * Why the page scrolls sideways: the outermost elements sticking out past the viewport's right edge (tag, class,
 * right edge). Empty when the page fits its window.
 */
export const overflowX = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return [];
    const out: string[] = [];
    const walk = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        const inner = [...el.children].some((c) => c.getBoundingClientRect().right > width + 1);
        if (!inner)
          out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
      }
      for (const c of el.children) walk(c);
    };
    walk(document.body);
    return out.slice(0, 10);
  });
