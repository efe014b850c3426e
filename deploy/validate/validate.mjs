// Offline check of the Kubernetes manifests in deploy/kubernetes: every document against the Kubernetes API
// JSON schemas bundled in kubernetes-models (pinned by package-lock.json), then what a schema cannot know:
// selectors match their pod labels, Services target named container ports, probes ask /mockgc/health on the
// shared port, `--port` and the container ports agree, and every `--regions` key is a region of the scenario.
// usage: node validate.mjs MANIFEST.yaml... --scenario SCENARIO.json   (the file the ConfigMap is made from)
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const at = args.indexOf('--scenario');
const scenario = at >= 0 ? JSON.parse(fs.readFileSync(args.splice(at, 2)[1], 'utf8')) : undefined;
const knownRegions = (scenario?.world?.orgs ?? []).map(o => o.region);
const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

const docs = [];
for (const file of args) {
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length) { fail(file, doc.errors.map(e => e.message).join('; ')); continue; }
    const value = doc.toJS();
    if (value) docs.push({ file, value });
  }
}
if (docs.length === 0) fail(args.join(' '), 'no Kubernetes documents');

for (const { file, value } of docs) {
  const where = `${file} ${value.kind}/${value.metadata?.name}`;
  let Model;
  try {
    Model = (await import(`kubernetes-models/${value.apiVersion}/${value.kind}`))[value.kind];
  } catch {
    fail(where, `unknown apiVersion/kind ${value.apiVersion}/${value.kind}`);
    continue;
  }
  try {
    new Model(value).validate();
  } catch (e) {
    fail(where, `schema: ${e.message}`);
  }
}

const deployments = docs.filter(d => d.value.kind === 'Deployment');
const services = docs.filter(d => d.value.kind === 'Service');
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
for (const { file, value } of deployments) {
  const where = `${file} Deployment/${value.metadata.name}`;
  const labels = value.spec.template.metadata?.labels;
  if (!matches(value.spec.selector.matchLabels, labels)) fail(where, 'selector does not match the pod labels');
  for (const c of value.spec.template.spec.containers) {
    const argv = c.args ?? [];
    const opt = name => { const i = argv.indexOf(name); return i >= 0 ? String(argv[i + 1]) : undefined; };
    const port = Number(opt('--port'));
    const regions = (opt('--regions') ?? '').split(',').filter(Boolean);
    const ports = c.ports ?? [];
    if (!ports.some(p => p.containerPort === port && p.name === 'shared'))
      fail(where, `no container port named "shared" for --port ${port}`);
    regions.forEach((region, i) => {
      if (knownRegions.length && !knownRegions.includes(region)) fail(where, `--regions ${region} is not a region of the scenario`);
      if (!ports.some(p => p.containerPort === port + 1 + i))
        fail(where, `region ${region} listens on ${port + 1 + i} but no container port says so`);
    });
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      const get = c[probe]?.httpGet;
      if (!get || get.path !== '/mockgc/health' || get.port !== 'shared') fail(where, `${probe} must GET /mockgc/health on port "shared"`);
    }
  }
}
for (const { file, value } of services) {
  const where = `${file} Service/${value.metadata.name}`;
  const pods = deployments.filter(d => matches(value.spec.selector, d.value.spec.template.metadata?.labels));
  if (pods.length === 0) { fail(where, 'selects no Deployment of these manifests'); continue; }
  const names = new Set(pods.flatMap(d => d.value.spec.template.spec.containers.flatMap(c => (c.ports ?? []).map(p => p.name))));
  for (const p of value.spec.ports) if (typeof p.targetPort === 'string' && !names.has(p.targetPort))
    fail(where, `targetPort ${p.targetPort} is no container port of the selected pods`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`ok: ${docs.length} documents (${deployments.length} Deployments, ${services.length} Services)`);
