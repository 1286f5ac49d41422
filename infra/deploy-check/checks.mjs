// The compose and Helm halves of infra/check-deploy.mjs. Each process found there is checked like the Dockerfile
// target it runs: command, variable names, values (the app's own loadConfig), ports, bind address, health probes.

/** Values supplied at deploy time (secrets, `${VAR:?}` in compose), replaced by samples the schemas accept. */
export const SAMPLES = {
  COLLAB_TOKEN_SECRET: 'sample-collab-secret-0123456789abcdef',
  SECRET_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  DATABASE_URL: 'postgresql://postmortems@postgres:5432/postmortems',
};

const LONG_RUNNING = ['api', 'worker', 'collab', 'web'];

/**
 * Checks one process: `env` is what it runs with (image ENV included), `ports` maps a port name (http, tab) to the
 * container port declared for it, `probes` lists { path, port } health checks. Pushes problems prefixed `where`.
 */
function checkProcess(ctx, where, target, { cmd, env, ports = {}, probes = [] }) {
  const { services, stages, problems, root } = ctx;
  const svc = services[target];
  const stage = stages[target];
  const say = (p) => problems.push(`${where}: ${p}`);
  if (cmd) ctx.commandProblems(root, target, cmd, stage).forEach(say);
  for (const k of Object.keys(env))
    if (!svc.names.has(k)) say(`${k} is not read by ${target} (not in its config schema)`);
  const withSamples = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === '' && SAMPLES[k] ? SAMPLES[k] : v]),
  );
  svc.validate(withSamples).forEach((p) => say(`config rejected: ${p}`));
  const effective = (v) => Number(env[v] ?? svc.defaults[v]);
  for (const [name, port] of Object.entries(ports)) {
    const v = svc.ports[name];
    if (!v) say(`port "${name}" is not a port ${target} listens on`);
    else if (Number(port) !== effective(v))
      say(`port ${name} is ${port} but ${target} listens on ${effective(v)} (${v})`);
  }
  if (svc.host && !['0.0.0.0', '::'].includes(env[svc.host] ?? svc.defaults[svc.host])) {
    say(`${svc.host} is ${env[svc.host] ?? svc.defaults[svc.host]}, unreachable from outside the container`);
  }
  const listening = Object.values(svc.ports).map(effective);
  for (const p of probes) {
    if (!svc.health.has(p.path))
      say(`probe ${p.path}: ${target} serves only ${[...svc.health].join(', ') || 'no health path'}`);
    if (!listening.includes(Number(p.port)))
      say(`probe port ${p.port}: ${target} listens on ${listening.join(', ')}`);
  }
}

/** `${VAR:?msg}`, `${VAR:-default}`, `${VAR}` → '' (filled with a sample later) or the default. */
const interpolate = (v) =>
  String(v).replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_, _name, op, rest) => (op === '-' ? rest : ''));

export function checkCompose(ctx, doc) {
  const { stages, problems } = ctx;
  const where = (s) => `compose service ${s}`;
  const services = doc?.services ?? {};
  const byTarget = (t) => Object.keys(services).filter((s) => services[s].build?.target === t);
  for (const t of [...LONG_RUNNING, 'migrate'])
    if (!byTarget(t).length) problems.push(`compose: no service builds target ${t}`);
  for (const [name, s] of Object.entries(services)) {
    const target = s.build?.target;
    if (!target) continue;
    if (!stages[target]) {
      problems.push(`${where(name)}: build target ${target} is not in the Dockerfile`);
      continue;
    }
    const env = { ...stages[target].env };
    for (const [k, v] of Object.entries(s.environment ?? {})) env[k] = interpolate(v);
    const ports = {};
    const svc = ctx.services[target];
    const portNames = Object.entries(svc.ports);
    for (const p of s.ports ?? []) {
      const container = String(p).split(':').at(-1);
      const hit = portNames.find(([, v]) => String(env[v] ?? svc.defaults[v]) === container);
      ports[hit?.[0] ?? `container port ${container}`] = container;
    }
    const probes = [];
    if (LONG_RUNNING.includes(target)) {
      const test = [s.healthcheck?.test ?? []].flat().join(' ');
      const m = /https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/\w+)/.exec(test);
      if (!m) problems.push(`${where(name)}: no HTTP healthcheck`);
      else probes.push({ port: m[1], path: m[2] });
      if (target !== 'web') {
        const migrated = Object.entries(s.depends_on ?? {}).some(
          ([dep, c]) =>
            services[dep]?.build?.target === 'migrate' && c?.condition === 'service_completed_successfully',
        );
        if (!migrated)
          problems.push(
            `${where(name)}: must depend_on the migration (condition service_completed_successfully)`,
          );
      }
    }
    checkProcess(ctx, where(name), target, { cmd: s.command ?? stages[target].cmd, env, ports, probes });
    const internal = env.COLLAB_INTERNAL_URL && new URL(env.COLLAB_INTERNAL_URL);
    if (internal) {
      const collab = services[internal.hostname];
      const collabPort = collab && { ...stages.collab.env, ...collab.environment }.COLLAB_PORT;
      if (collab?.build?.target !== 'collab' || String(collabPort) !== internal.port) {
        problems.push(
          `${where(name)}: COLLAB_INTERNAL_URL ${internal.href} is not a collab service and its port`,
        );
      }
    }
  }
  const redis = Object.values(services).find((s) => /^redis/.test(s.image ?? ''));
  if (!redis || !String(redis.command).includes('noeviction'))
    problems.push('compose: Redis must run with --maxmemory-policy noeviction');
  return Object.keys(services).length;
}

export function checkHelm(ctx, objects, helmCtx) {
  const { problems, stages } = ctx;
  const of = (kind) => objects.filter((o) => o.kind === kind);
  const configMaps = Object.fromEntries(of('ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
  const secrets = Object.fromEntries(of('Secret').map((s) => [s.metadata.name, s.stringData ?? {}]));
  const secretName = helmCtx.Values.secrets?.name;
  const workloads = [...of('Deployment'), ...of('Job')];
  for (const w of workloads) {
    const component = w.metadata?.labels?.['app.kubernetes.io/component'];
    const where = `helm ${w.kind} ${w.metadata?.name} (${w.file})`;
    const target = w.kind === 'Job' ? 'migrate' : component;
    if (!ctx.services[target]) {
      problems.push(`${where}: component "${component}" is not a known process`);
      continue;
    }
    const spec = w.spec?.template?.spec ?? {};
    const c = spec.containers?.[0] ?? {};
    if (!String(c.image).includes(`/${target}:`))
      problems.push(`${where}: image ${c.image} is not the ${target} target`);
    const env = { ...stages[target]?.env };
    for (const ref of c.envFrom ?? []) {
      const name = ref.configMapRef?.name;
      if (!configMaps[name]) problems.push(`${where}: envFrom ConfigMap ${name} is not in the chart`);
      Object.assign(env, configMaps[name]);
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && ref.name !== secretName)
        problems.push(`${where}: ${e.name} reads Secret ${ref.name}, not ${secretName}`);
      if (ref && secrets[secretName] && !(ref.key in secrets[secretName]))
        problems.push(`${where}: Secret has no key ${ref.key}`);
      env[e.name] = ref ? String(secrets[secretName]?.[ref.key] ?? '') : String(e.value ?? '');
    }
    const ports = Object.fromEntries((c.ports ?? []).map((p) => [p.name, p.containerPort]));
    const probes = [];
    if (w.kind === 'Deployment') {
      for (const kind of ['livenessProbe', 'readinessProbe']) {
        const probe = c[kind]?.httpGet;
        if (!probe) problems.push(`${where}: no ${kind}`);
        else probes.push({ path: probe.path, port: ports[probe.port] ?? probe.port });
      }
      if (kind0(c.livenessProbe) !== '/healthz') problems.push(`${where}: liveness must probe /healthz`);
      if (!Number.isInteger(w.spec?.replicas)) problems.push(`${where}: replicas must be a number`);
    } else {
      const hooks = String(w.metadata?.annotations?.['helm.sh/hook'] ?? '').split(',');
      if (!hooks.includes('pre-install') || !hooks.includes('pre-upgrade'))
        problems.push(`${where}: must be a pre-install,pre-upgrade hook`);
    }
    if (!c.resources?.requests) problems.push(`${where}: no resource requests`);
    checkProcess(ctx, where, target, { cmd: c.command ?? stages[target]?.cmd, env, ports, probes });
    const internal = env.COLLAB_INTERNAL_URL && new URL(env.COLLAB_INTERNAL_URL);
    if (internal) {
      const svc = of('Service').find((s) => s.metadata.name === internal.hostname);
      if (!svc || !svc.spec.ports.some((p) => String(p.port) === internal.port)) {
        problems.push(
          `${where}: COLLAB_INTERNAL_URL ${internal.href} is not a Service of this release and its port`,
        );
      }
    }
  }
  for (const t of LONG_RUNNING) {
    if (!of('Deployment').some((d) => d.metadata.labels?.['app.kubernetes.io/component'] === t))
      problems.push(`helm: no Deployment for ${t}`);
  }
  if (!of('Job').length) problems.push('helm: no migration Job');
  for (const s of of('Service')) {
    const comp = s.spec?.selector?.['app.kubernetes.io/component'];
    const d = of('Deployment').find((x) => x.metadata.labels?.['app.kubernetes.io/component'] === comp);
    const names = (d?.spec.template.spec.containers[0].ports ?? []).map((p) => p.name);
    for (const p of s.spec?.ports ?? []) {
      if (!names.includes(p.targetPort))
        problems.push(`helm Service ${s.metadata.name}: targetPort ${p.targetPort} is not a port of ${comp}`);
    }
  }
  for (const ing of of('Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const b = path.backend?.service;
        const svc = of('Service').find((s) => s.metadata.name === b?.name);
        if (!svc || !svc.spec.ports.some((p) => p.name === b.port?.name)) {
          problems.push(
            `helm Ingress ${rule.host}: backend ${b?.name}:${b?.port?.name} is not a Service port`,
          );
        }
      }
    }
  }
}

const kind0 = (probe) => probe?.httpGet?.path;
