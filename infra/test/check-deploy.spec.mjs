// infra/check-deploy.mjs: the committed deploy files pass, and each kind of drift between them and the code is
// reported (bad fixtures are the real files with one deliberate mistake).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDeploy, FILES, ROOT } from '../check-deploy.mjs';
import { renderTemplate } from '../deploy-check/helm-render.mjs';

const real = (rel) => readFileSync(join(ROOT, rel), 'utf8');
/** Problems after replacing `from` by `to` in one file (the replacement must apply). */
async function problemsWith(rel, from, to) {
  const text = real(rel);
  expect(text).toContain(from);
  return (await checkDeploy({ overrides: { [rel]: text.replace(from, to) } })).problems;
}
const VALUES = `${FILES.chart}/values.yaml`;

describe('check-deploy', () => {
  it('passes on the committed Dockerfile, compose file and Helm chart', async () => {
    const { problems, summary } = await checkDeploy();
    expect(problems).toEqual([]);
    expect(summary).toMatch(/5 targets.*Helm \(\d+ objects/);
  });

  it('reports a port that no longer matches the health check and the published port', async () => {
    const problems = await problemsWith(FILES.compose, "API_PORT: '3000'", "API_PORT: '3005'");
    expect(problems).toContain('compose service api: probe port 3000: api listens on 3005');
    expect(problems).toContain(
      'compose service api: port "container port 3000" is not a port api listens on',
    );
  });

  it('reports a variable no config schema reads (a typo in the Helm values)', async () => {
    const problems = await problemsWith(
      VALUES,
      "    API_PORT: '3000'",
      "    API_PORT: '3000'\n    API_PROT: '3000'",
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^helm Deployment postmortems-api .*: API_PROT is not read by api/),
    );
  });

  it('reports a value the app would refuse at start (its own loadConfig runs)', async () => {
    const problems = await problemsWith(
      FILES.compose,
      'REDIS_URL: redis://redis:6379',
      'REDIS_URL: http://redis:6379',
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^compose service worker: config rejected: REDIS_URL: /),
    );
  });

  it('reports a container command whose file the build does not produce', async () => {
    const problems = await problemsWith(
      FILES.dockerfile,
      'CMD ["node", "dist/main.js"]',
      'CMD ["node", "dist/mian.js"]',
    );
    expect(problems).toContain('Dockerfile target api: apps/api/dist/mian.js does not exist after the build');
  });

  it('reports a service bound to loopback inside its container', async () => {
    const problems = await problemsWith(
      VALUES,
      'WORKER_HEALTH_HOST: 0.0.0.0',
      'WORKER_HEALTH_HOST: 127.0.0.1',
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/postmortems-worker .*: WORKER_HEALTH_HOST is 127\.0\.0\.1, unreachable/),
    );
  });

  it('reports a service that may start before the migrations finished', async () => {
    const compose = real(FILES.compose);
    const bad = compose.replace(
      /(migrate:\n\s+condition: )service_completed_successfully/,
      '$1service_started',
    );
    expect(bad).not.toBe(compose);
    const { problems } = await checkDeploy({ overrides: { [FILES.compose]: bad } });
    expect(problems).toContain(
      'compose service api: must depend_on the migration (condition service_completed_successfully)',
    );
  });

  it('reports a readiness probe on a path the service does not serve', async () => {
    const rel = `${FILES.chart}/templates/collab.yaml`;
    const problems = await problemsWith(rel, 'path: /readyz', 'path: /ready');
    expect(problems).toContainEqual(
      expect.stringMatching(/postmortems-collab .*: probe \/ready: collab serves only \/healthz, \/readyz/),
    );
  });
});

describe('helm-render (the template subset)', () => {
  const ctx = {
    Values: { a: { b: 'x y', on: true, off: '', map: { k: 'v', n: 1 } } },
    Release: { Name: 'r' },
  };
  it('renders values, pipes, if/else and trim markers like helm', () => {
    const src =
      'n: {{ .Release.Name }}-{{ .Values.a.b | quote }}\n{{- if .Values.a.off }}\nno\n{{- else }}\nyes: 1\n{{- end }}\nm:\n  {{- .Values.a.map | toYaml | nindent 2 }}\n';
    expect(renderTemplate(src, ctx)).toBe('n: r-"x y"\nyes: 1\nm:\n  k: v\n  n: 1\n');
    expect(renderTemplate('{{- if not .Values.a.off }}on{{- end }}', ctx)).toBe('on');
  });
  it('refuses what it cannot vouch for: unsupported actions and missing values', () => {
    expect(() => renderTemplate('{{ range .Values.a }}{{ end }}', ctx, 't.yaml')).toThrow(
      /'range' is outside the subset/,
    );
    expect(() => renderTemplate('{{ .Values.a.missing }}', ctx, 't.yaml')).toThrow(
      't.yaml: missing value .Values.a.missing',
    );
  });
});
