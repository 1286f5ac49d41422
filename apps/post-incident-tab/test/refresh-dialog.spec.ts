import { mount } from '@vue/test-utils';
import type { RefreshPlanItem } from '@pm/doc-model';
import { describe, expect, it } from 'vitest';
import RefreshDialog from '../src/components/RefreshDialog.vue';

const item = (blockId: string, source: string, status: RefreshPlanItem['status']): RefreshPlanItem => ({
  blockId,
  source,
  status,
  before: 'Alert fired\nRolled back',
  after: 'Alert fired\nRolled back\nNote added',
  currentHash: `h-${blockId}`,
  content: [],
  hash: `n-${blockId}`,
});

describe('refresh dialog', () => {
  const items = [
    item('tl', 'timeline', 'will_update'),
    item('imp', 'customer_impact', 'edited_by_hand'),
    item('card', 'card', 'unchanged'),
  ];

  it('lists changed blocks with their difference; edited-by-hand ones keep the text by default', async () => {
    const w = mount(RefreshDialog, { props: { items, pending: false, error: null } });
    const blocks = w.findAll('[data-testid="pm-refresh-block"]');
    expect(blocks.map((b) => b.attributes('data-status'))).toEqual(['will_update', 'edited_by_hand']);
    expect(blocks[0]!.text()).toContain('+ Note added');
    expect(w.text()).toContain('1 block(s) already up to date');
    expect((w.get('[data-testid="pm-refresh-keep"]').element as HTMLInputElement).checked).toBe(true);
    await w.get('form').trigger('submit');
    const [applied, kept] = w.emitted('apply')![0] as [RefreshPlanItem[], string[]];
    expect(applied.map((i) => i.blockId)).toEqual(['tl']);
    expect(kept).toEqual(['imp']);
  });

  it('"Take new" replaces the edited block too', async () => {
    const w = mount(RefreshDialog, { props: { items, pending: false, error: null } });
    await w.get('[data-testid="pm-refresh-take"]').setValue(true);
    await w.get('form').trigger('submit');
    const [applied, kept] = w.emitted('apply')![0] as [RefreshPlanItem[], string[]];
    expect(applied.map((i) => i.blockId)).toEqual(['tl', 'imp']);
    expect(kept).toEqual([]);
  });

  it('says so when nothing changed or nothing is marked, and offers no refresh', () => {
    const none = mount(RefreshDialog, { props: { items: [], pending: false, error: null } });
    expect(none.find('[data-testid="pm-refresh-none"]').exists()).toBe(true);
    const same = mount(RefreshDialog, { props: { items: [items[2]!], pending: false, error: null } });
    expect(same.find('[data-testid="pm-refresh-uptodate"]').exists()).toBe(true);
    expect(same.find('[data-testid="pm-refresh-apply"]').exists()).toBe(false);
  });
});
