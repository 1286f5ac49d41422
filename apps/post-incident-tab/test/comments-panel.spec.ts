import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import CommentsPanel from '../src/components/CommentsPanel.vue';

const REASON = 'Select text in the document to comment on it.';

function panel(canComment: boolean, addComment = vi.fn((_body: string) => true)) {
  const wrapper = mount(CommentsPanel, {
    props: { threads: [], meId: 'me', readOnly: false, canComment, addComment },
  });
  return { wrapper, addComment };
}

describe('comments panel: new comment', () => {
  it('keeps the typed comment and says why when no text is selected', async () => {
    const { wrapper, addComment } = panel(false);
    const input = wrapper.get('[data-testid="pm-comment-input"]');
    await input.setValue('Why did the pool go stale?');
    const button = wrapper.get<HTMLButtonElement>('[data-testid="pm-comment-add"]');
    expect(button.element.disabled).toBe(true);
    expect(wrapper.get('[data-testid="pm-comment-reason"]').text()).toBe(REASON);
    expect(button.attributes('aria-describedby')).toBe('pm-comment-reason');

    // Clicking the disabled button neither starts a thread nor empties the box.
    await button.trigger('click');
    expect(addComment).not.toHaveBeenCalled();
    expect((input.element as HTMLTextAreaElement).value).toBe('Why did the pool go stale?');
  });

  it('comments once text is selected, then clears the box and the reason', async () => {
    const { wrapper, addComment } = panel(false);
    await wrapper.get('[data-testid="pm-comment-input"]').setValue('Why did the pool go stale?');
    await wrapper.setProps({ canComment: true });
    expect(wrapper.find('[data-testid="pm-comment-reason"]').exists()).toBe(false);

    await wrapper.get('[data-testid="pm-comment-add"]').trigger('click');
    expect(addComment).toHaveBeenCalledWith('Why did the pool go stale?');
    expect((wrapper.get('[data-testid="pm-comment-input"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps the text and shows the reason when the editor refuses the thread', async () => {
    const { wrapper, addComment } = panel(
      true,
      vi.fn(() => false),
    );
    await wrapper.get('[data-testid="pm-comment-input"]').setValue('Lost?');
    await wrapper.get('[data-testid="pm-comment-add"]').trigger('click');
    expect(addComment).toHaveBeenCalledTimes(1);
    expect((wrapper.get('[data-testid="pm-comment-input"]').element as HTMLTextAreaElement).value).toBe(
      'Lost?',
    );
    expect(wrapper.get('[data-testid="pm-comment-reason"]').text()).toBe(REASON);
  });
});
