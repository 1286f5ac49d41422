// Static checks of the deploy files against the code, run by `pnpm test` (after the build): the Dockerfile's five
// targets, infra/compose/compose.yaml and the Helm chart in infra/helm/postmortems must start files that exist, on
// the ports and bind addresses the code really uses, with only variables the apps' config schemas read, and with
// values those schemas accept (each app's own built loadConfig parses the environment each place gives it).
// Why static: CI has no container engine and no helm binary (only the npm registry and Debian packages are
// reachable, Debian ships no helm), so the chart is rendered by infra/deploy-check/helm-render.mjs, a renderer
// of the small template subset the chart is written in, and every rendered document is parsed as YAML.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { renderTemplate } from './deploy-check/helm-render.mjs';
import { describeServices } from './deploy-check/services.mjs';
import { checkCompose, checkHelm } from './deploy-check/checks.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TARGETS = ['api', 'worker', 'collab', 'web', 'migrate'];
export const FILES = {
  dockerfile: 'Dockerfile',
  compose: 'infra/compose/compose.yaml',
  chart: 'infra/helm/postmortems',
};

/** Stages of a Dockerfile: `from`, `env` (inherited from a parent stage), `cmd`, `expose`, `copies`, `runs`. */
export function parseDockerfile(text) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = {};
  let cur = null;
  for (const line of lines) {
    const [instr, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const op = instr.toUpperCase();
    if (op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      const parent = stages[m[1]];
      cur = {
        from: m[1],
        env: { ...parent?.env },
        cmd: parent?.cmd ?? null,
        expose: [...(parent?.expose ?? [])],
        copies: [...(parent?.copies ?? [])],
        runs: [],
      };
      stages[m[2] ?? `#${Object.keys(stages).length}`] = cur;
    } else if (!cur) continue;
    else if (op === 'ENV') for (const [, k, v] of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S*)/g)) cur.env[k] = v;
    else if (op === 'CMD') cur.cmd = JSON.parse(args);
    else if (op === 'EXPOSE') cur.expose.push(...args.split(/\s+/).map(Number));
    else if (op === 'RUN') cur.runs.push(args);
    else if (op === 'COPY') {
      const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
      cur.copies.push({
        from: /--from=(\S+)/.exec(args)?.[1] ?? null,
        srcs: parts.slice(0, -1),
        dest: parts.at(-1),
      });
    }
  }
  return stages;
}

/** Problems with `cmd` (an exec-form command) of a process built from `target`; empty when it starts a real file. */
export function commandProblems(root, target, cmd, stage) {
  if (!Array.isArray(cmd) || cmd[0] !== 'node' || !cmd[1])
    return [`command ${JSON.stringify(cmd)} is not ["node", <file>, …]`];
  if (target === 'web') {
    const copied = stage.copies.filter((c) => !c.from).flatMap((c) => c.srcs);
    const src = copied.find((s) => basename(s) === cmd[1]);
    if (!src) return [`${cmd[1]} is not copied into the web image`];
    return existsSync(join(root, src)) ? [] : [`${src} (copied as ${cmd[1]}) does not exist`];
  }
  const app = target === 'migrate' ? 'apps/api' : `apps/${target}`;
  if (!existsSync(join(root, app, cmd[1]))) return [`${app}/${cmd[1]} does not exist after the build`];
  if (cmd[1] === 'dist/cli.js') {
    const cli = readFileSync(join(root, app, 'src/cli.ts'), 'utf8');
    if (!cmd[2] || !cli.includes(`cmd === '${cmd[2]}'`)) return [`dist/cli.js has no '${cmd[2]}' command`];
  }
  return [];
}

/**
 * Runs every check; `overrides` maps a repository-relative path to replacement text (tests feed bad fixtures).
 * Resolves with { problems, summary }.
 */
export async function checkDeploy({ root = ROOT, overrides = {} } = {}) {
  const read = (rel) => overrides[rel] ?? readFileSync(join(root, rel), 'utf8');
  const services = await describeServices(root);
  const problems = [];
  const stages = parseDockerfile(read(FILES.dockerfile));
  const built = stages[Object.keys(stages).find((k) => k === 'build')] ?? { runs: [] };

  for (const t of TARGETS) {
    const where = `Dockerfile target ${t}`;
    const stage = stages[t];
    if (!stage) {
      problems.push(`${where}: missing`);
      continue;
    }
    const svc = services[t];
    problems.push(...commandProblems(root, t, stage.cmd, stage).map((p) => `${where}: ${p}`));
    for (const k of Object.keys(stage.env)) {
      if (!svc.names.has(k))
        problems.push(`${where}: ENV ${k} is not read by ${t} (not in its config schema)`);
    }
    for (const [, v] of Object.entries(svc.ports)) {
      const port = Number(stage.env[v] ?? svc.defaults[v]);
      if (!stage.expose.includes(port))
        problems.push(
          `${where}: listens on ${port} (${v}) but EXPOSEs ${stage.expose.join(', ') || 'nothing'}`,
        );
    }
    if (svc.host && !['0.0.0.0', '::'].includes(stage.env[svc.host] ?? svc.defaults[svc.host])) {
      problems.push(
        `${where}: ${svc.host} is ${stage.env[svc.host] ?? svc.defaults[svc.host]}, unreachable from outside the container`,
      );
    }
    if (t !== 'web' && t !== 'migrate') {
      const deployed = built.runs.some((r) => r.includes(`--filter @pm/${t} deploy --prod /out/${t}`));
      const copied = stage.copies.some((c) => c.from === 'build' && c.srcs.includes(`/out/${t}`));
      if (!deployed || !copied)
        problems.push(`${where}: must COPY /out/${t} made by \`pnpm --filter @pm/${t} deploy --prod\``);
    }
  }

  const ctx = { root, services, stages, problems, commandProblems };
  const compose = checkCompose(ctx, YAML.parse(read(FILES.compose), { merge: true }));

  const chartDir = join(root, FILES.chart);
  const values = YAML.parse(read(`${FILES.chart}/values.yaml`));
  const chart = YAML.parse(read(`${FILES.chart}/Chart.yaml`));
  const helmCtx = {
    Values: values,
    Release: { Name: 'postmortems', Namespace: 'default' },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
  };
  const objects = [];
  const templates = readdirSync(join(chartDir, 'templates')).filter((f) => /\.ya?ml$/.test(f));
  for (const f of templates) {
    const rel = `${FILES.chart}/templates/${f}`;
    try {
      for (const doc of YAML.parseAllDocuments(renderTemplate(read(rel), helmCtx, rel))) {
        if (doc.errors.length)
          problems.push(`${rel}: rendered YAML does not parse: ${doc.errors[0].message}`);
        else if (doc.contents) objects.push({ file: rel, ...doc.toJS() });
      }
    } catch (e) {
      problems.push(e.message);
    }
  }
  checkHelm(ctx, objects, helmCtx);
  return {
    problems,
    summary: `Dockerfile (${TARGETS.length} targets), compose (${compose} services), Helm (${objects.length} objects from ${templates.length} templates)`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { problems, summary } = await checkDeploy();
  if (problems.length) {
    console.error(`deploy files do not match the code:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`deploy files match the code: ${summary}`);
}
