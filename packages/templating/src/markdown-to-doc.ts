import MarkdownIt from 'markdown-it';
import { getDocSchema, isSafeHref, type JSONContent } from '@pm/doc-model';
import { BLOCK_SEPARATOR } from './engine.js';

type Parser = InstanceType<typeof MarkdownIt>;
type Token = ReturnType<Parser['parse']>[number];
type Mark = NonNullable<JSONContent['marks']>[number];

/**
 * CommonMark + GFM tables/strikethrough; raw HTML off (html: false), no linkify, no typographer, and
 * links only when http(s)/mailto — markdown-it then leaves a rejected link as literal text.
 */
function createParser(): Parser {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  md.validateLink = (url: string) => isSafeHref(url);
  md.disable(['image']); // no image node in the schema; `![alt](src)` stays literal text
  return md;
}

let parser: Parser | undefined;
const TASK_RE = /^\[([ xX])\][ \t]+/;

const MARK_OPEN: Record<string, string> = { strong_open: 'bold', em_open: 'italic', s_open: 'strike' };
const MARK_CLOSE: Record<string, string> = {
  strong_close: 'bold',
  em_close: 'italic',
  s_close: 'strike',
  link_close: 'link',
};

function inlineToNodes(children: Token[], stripTask: boolean): JSONContent[] {
  const out: JSONContent[] = [];
  const marks: Mark[] = [];
  const text = (t: string, extra?: Mark) => {
    if (!t) return;
    const ms = extra ? [...marks, extra] : marks;
    out.push(
      ms.length ? { type: 'text', text: t, marks: ms.map((m) => ({ ...m })) } : { type: 'text', text: t },
    );
  };
  children.forEach((tok, idx) => {
    if (MARK_OPEN[tok.type]) marks.push({ type: MARK_OPEN[tok.type]! });
    else if (MARK_CLOSE[tok.type]) {
      const i = marks.map((m) => m.type).lastIndexOf(MARK_CLOSE[tok.type]!);
      if (i >= 0) marks.splice(i, 1);
    } else if (tok.type === 'link_open') marks.push({ type: 'link', attrs: { href: tok.attrGet('href') } });
    else if (tok.type === 'text')
      text(idx === 0 && stripTask ? tok.content.replace(TASK_RE, '') : tok.content);
    else if (tok.type === 'code_inline') text(tok.content, { type: 'code' });
    else if (tok.type === 'softbreak') text(' ');
    else if (tok.type === 'hardbreak') out.push({ type: 'hardBreak' });
    else if (tok.content) text(tok.content); // anything else (e.g. disabled rules) as plain text
  });
  return out;
}

interface Frame {
  node: JSONContent;
  close: string;
}

/** markdown-it token stream → Tiptap JSON of doc-model's schema (single linear pass over tokens). */
function tokensToDoc(tokens: Token[]): JSONContent {
  const root: JSONContent = { type: 'doc', content: [] };
  const stack: Frame[] = [{ node: root, close: '' }];
  const top = () => stack[stack.length - 1]!.node;
  const push = (node: JSONContent, close: string) => {
    (top().content ??= []).push(node);
    stack.push({ node, close });
  };
  const add = (node: JSONContent) => (top().content ??= []).push(node);
  let pendingTask: boolean | null = null;

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (stack.length > 1 && tok.type === stack[stack.length - 1]!.close) {
      stack.pop();
      continue;
    }
    switch (tok.type) {
      case 'paragraph_open':
        if (tokens[i + 1]?.content === BLOCK_SEPARATOR && tokens[i + 2]?.type === 'paragraph_close') {
          i += 2; // separator paragraph between block values: not content
          break;
        }
        push({ type: 'paragraph' }, 'paragraph_close');
        break;
      case 'heading_open':
        push({ type: 'heading', attrs: { level: Number(tok.tag.slice(1)) } }, 'heading_close');
        break;
      case 'blockquote_open':
        push({ type: 'blockquote' }, 'blockquote_close');
        break;
      case 'bullet_list_open': {
        const isTask = isTaskList(tokens, i);
        push({ type: isTask ? 'taskList' : 'bulletList' }, 'bullet_list_close');
        break;
      }
      case 'ordered_list_open':
        push(
          { type: 'orderedList', attrs: { start: Number(tok.attrGet('start') ?? 1) } },
          'ordered_list_close',
        );
        break;
      case 'list_item_open':
        if (top().type === 'taskList') {
          const inline = tokens[i + 2];
          pendingTask = true;
          push(
            { type: 'taskItem', attrs: { checked: /^\[[xX]\]/.test(inline?.content ?? '') } },
            'list_item_close',
          );
        } else push({ type: 'listItem' }, 'list_item_close');
        break;
      case 'table_open':
        push({ type: 'table' }, 'table_close');
        break;
      case 'tr_open':
        push({ type: 'tableRow' }, 'tr_close');
        break;
      case 'th_open':
      case 'td_open':
        push(
          { type: tok.type === 'th_open' ? 'tableHeader' : 'tableCell' },
          tok.type === 'th_open' ? 'th_close' : 'td_close',
        );
        push({ type: 'paragraph' }, '\0cell-paragraph'); // cells need block content
        break;
      case 'th_close':
      case 'td_close':
        stack.pop(); // the cell paragraph
        stack.pop(); // the cell
        break;
      case 'inline': {
        const nodes = inlineToNodes(tok.children ?? [], pendingTask === true);
        pendingTask = null;
        if (nodes.length) (top().content ??= []).push(...nodes);
        break;
      }
      case 'fence':
      case 'code_block': {
        const code = tok.content.replace(/\n$/, '');
        const language = tok.info.trim().split(/\s+/)[0] || null;
        add(
          code
            ? { type: 'codeBlock', attrs: { language }, content: [{ type: 'text', text: code }] }
            : { type: 'codeBlock', attrs: { language } },
        );
        break;
      }
      case 'hr':
        add({ type: 'horizontalRule' });
        break;
      default:
        break; // thead/tbody wrappers and anything unknown carry no content of their own
    }
  }
  fixEmpty(root);
  return root;
}

/** A bullet list is a task list when every item's first line starts with "[ ]" or "[x]" in the source. */
function isTaskList(tokens: Token[], openIdx: number): boolean {
  const level = tokens[openIdx]!.level;
  let items = 0;
  for (let j = openIdx + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.level === level && t.type === 'bullet_list_close') break;
    if (t.type === 'list_item_open' && t.level === level + 1) {
      items++;
      const inline = tokens[j + 2];
      if (
        tokens[j + 1]?.type !== 'paragraph_open' ||
        inline?.type !== 'inline' ||
        !TASK_RE.test(inline.content)
      )
        return false;
    }
  }
  return items > 0;
}

/** List items and cells must start with a paragraph; give empty ones an empty paragraph. */
function fixEmpty(node: JSONContent): void {
  const needsPara =
    node.type === 'listItem' ||
    node.type === 'taskItem' ||
    node.type === 'tableCell' ||
    node.type === 'tableHeader';
  if (needsPara && (!node.content?.length || node.content[0]!.type !== 'paragraph')) {
    node.content = [{ type: 'paragraph' }, ...(node.content ?? [])];
  }
  if ((node.type === 'blockquote' || node.type === 'doc') && !node.content?.length) {
    node.content = [{ type: 'paragraph' }];
  }
  for (const c of node.content ?? []) fixEmpty(c);
}

/**
 * Parses Markdown into a Tiptap document of doc-model's schema, normalised and checked against it
 * (so the result can go straight into Yjs / the editor).
 */
export function markdownToDoc(markdown: string): JSONContent {
  parser ??= createParser();
  const json = tokensToDoc(parser.parse(markdown, {}));
  const node = getDocSchema().nodeFromJSON(json);
  node.check();
  return node.toJSON() as JSONContent;
}
