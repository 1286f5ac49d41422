const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The small self-contained page behind the unsubscribe link (confirmation form, then the result). */
export function unsubscribePage(p: { email: string; token: string; done: boolean }): string {
  const body = p.done
    ? `<h1>You are unsubscribed</h1><p>${esc(p.email)} will get no more notification or reminder e-mails. In-app notifications still appear; turn e-mails back on in your notification settings.</p>`
    : `<h1>Stop notification e-mails?</h1><p>${esc(p.email)} will get no more notification or reminder e-mails from Postmortems.</p>
<form method="post" action="?token=${encodeURIComponent(p.token)}"><button type="submit">Unsubscribe</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Unsubscribe · Postmortems</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}button{font:inherit;padding:.5rem 1rem;background:#632ca6;color:#fff;border:0;border-radius:6px;cursor:pointer}</style></head>
<body><main>${body}</main></body></html>`;
}
