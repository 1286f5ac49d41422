const DROP = new Set([
  'SCRIPT',
  'STYLE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'LINK',
  'META',
  'BASE',
  'FORM',
  'INPUT',
  'BUTTON',
  'TEXTAREA',
  'SELECT',
  'SVG',
  'MATH',
  'TEMPLATE',
  'FRAME',
  'FRAMESET',
]);
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset']);

/**
 * Defence in depth for the preview: the server already escapes incident values, but the HTML is parsed in an
 * inert document (DOMParser runs no scripts and loads nothing), then active elements, event handlers and
 * non-http(s)/mailto URLs are removed before Vue puts it into the page.
 */
export function sanitizeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walk = (el: Element) => {
    for (const child of [...el.children]) {
      if (DROP.has(child.tagName.toUpperCase())) {
        child.remove();
        continue;
      }
      for (const attr of [...child.attributes]) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on') || name === 'style') child.removeAttribute(attr.name);
        else if (URL_ATTRS.has(name) && !/^(https?:|mailto:|#|\/(?!\/))/i.test(attr.value.trim()))
          child.removeAttribute(attr.name);
      }
      if (child.tagName === 'A') child.setAttribute('rel', 'noopener noreferrer');
      walk(child);
    }
  };
  walk(doc.body);
  return doc.body.innerHTML;
}
