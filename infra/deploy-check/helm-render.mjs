// A deliberately tiny renderer for the Go-template subset our Helm chart uses, so CI can render and parse every
// template without the helm binary (not installable here: only the npm registry and Debian packages are reachable,
// and Debian ships no helm). Supported: `{{ .Values.a.b }}`, `.Release.Name|Namespace`, `.Chart.Name|Version|
// AppVersion`, `{{- if X }}` / `{{- if not X }}` / `{{- else }}` / `{{- end }}`, pipes `quote`, `toYaml`,
// `nindent N`, `indent N`, and `{{-` / `-}}` whitespace trimming. Anything else (range, include, define, …)
// throws, so the chart stays within what this check can vouch for. A missing value throws too (helm would print
// "<no value>" and deploy it).
import YAML from 'yaml';

const ACTION = /\{\{(-?)\s*(.*?)\s*(-?)\}\}/gs;

/** Splits a template into text and action tokens, applying the trim markers. */
function tokenize(src) {
  const tokens = [];
  let last = 0;
  let trimNext = false;
  for (const m of src.matchAll(ACTION)) {
    let text = src.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1] === '-') text = text.replace(/\s+$/, '');
    tokens.push({ text });
    tokens.push({ action: m[2] });
    trimNext = m[3] === '-';
    last = m.index + m[0].length;
  }
  let tail = src.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  tokens.push({ text: tail });
  return tokens;
}

/** Builds a tree: { kind: 'text' | 'expr' | 'if', … } with if-nodes holding `then` and `else` lists. */
function parse(tokens, file) {
  const root = [];
  const stack = [{ list: root }];
  for (const t of tokens) {
    const top = stack.at(-1);
    if (t.text !== undefined) {
      if (t.text) top.list.push({ kind: 'text', text: t.text });
      continue;
    }
    const [word, ...rest] = t.action.split(/\s+/);
    if (t.action.startsWith('/*')) continue;
    if (word === 'if') {
      const node = { kind: 'if', cond: rest.join(' '), then: [], else: [] };
      top.list.push(node);
      stack.push({ node, list: node.then });
    } else if (word === 'else') {
      if (!top.node || rest.length) throw new Error(`${file}: unsupported or misplaced '${t.action}'`);
      top.list = top.node.else;
    } else if (word === 'end') {
      if (!top.node) throw new Error(`${file}: 'end' without 'if'`);
      stack.pop();
    } else if (['range', 'with', 'define', 'template', 'include', 'block', 'tpl', 'define'].includes(word)) {
      throw new Error(`${file}: '${word}' is outside the subset infra/deploy-check/helm-render.mjs renders`);
    } else {
      top.list.push({ kind: 'expr', expr: t.action });
    }
  }
  if (stack.length !== 1) throw new Error(`${file}: 'if' without 'end'`);
  return root;
}

function lookup(path, ctx, file) {
  if (!path.startsWith('.')) throw new Error(`${file}: unsupported expression '${path}'`);
  let v = ctx;
  for (const key of path.slice(1).split('.')) {
    if (v === null || typeof v !== 'object' || !(key in v)) throw new Error(`${file}: missing value ${path}`);
    v = v[key];
  }
  return v;
}

const truthy = (v) =>
  !(v === undefined || v === null || v === false || v === 0 || v === '') &&
  !(Array.isArray(v) && v.length === 0) &&
  !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

function evalPipeline(expr, ctx, file) {
  const [head, ...fns] = expr.split('|').map((s) => s.trim());
  let v = /^".*"$/.test(head) ? JSON.parse(head) : lookup(head, ctx, file);
  for (const fn of fns) {
    const [name, arg] = fn.split(/\s+/);
    if (name === 'quote') v = JSON.stringify(String(v));
    else if (name === 'toYaml') v = YAML.stringify(v).trimEnd();
    else if (name === 'indent' || name === 'nindent') {
      const pad = ' '.repeat(Number(arg));
      v = `${name === 'nindent' ? '\n' : ''}${String(v).replace(/^/gm, pad)}`;
    } else throw new Error(`${file}: unsupported function '${name}'`);
  }
  return v;
}

function evalCond(cond, ctx, file) {
  const m = /^not\s+(.+)$/.exec(cond);
  return m ? !truthy(evalPipeline(m[1], ctx, file)) : truthy(evalPipeline(cond, ctx, file));
}

function render(nodes, ctx, file) {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'expr') out += String(evalPipeline(n.expr, ctx, file));
    else out += render(evalCond(n.cond, ctx, file) ? n.then : n.else, ctx, file);
  }
  return out;
}

/** Renders one template file's source with `{ Values, Release, Chart }`. */
export function renderTemplate(src, ctx, file = 'template') {
  return render(parse(tokenize(src), file), ctx, file);
}
