/**
 * A small well-formedness check for serializer output (tests only): every element closed in order, attribute values
 * quoted, no bare `<` or `&` in text, CDATA sections closed. Returns the problem or null.
 */
export function xmlProblem(xml: string): string | null {
  const stack: string[] = [];
  const token =
    /<!\[CDATA\[[\s\S]*?\]\]>|<\/([\w:-]+)>|<([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#\d+);)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml))) {
    if (m[0].startsWith('<![CDATA[')) continue;
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[1]) return `</${m[1]}> closes <${open ?? 'nothing'}> at ${m.index}`;
    } else if (m[2]) {
      if (!m[4]) stack.push(m[2]);
    } else return `bare ${JSON.stringify(m[0])} at ${m.index}: ${xml.slice(m.index, m.index + 40)}`;
  }
  return stack.length ? `unclosed <${stack.join('><')}>` : null;
}
