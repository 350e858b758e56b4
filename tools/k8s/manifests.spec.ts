// Offline checks of the Kubernetes manifests in k8s/: every YAML document parses, is a
// kind we accept, passes the Kubernetes OpenAPI schema (kubernetes-models) and has no
// unknown fields; the kustomizations reference only files that exist; and the house rules
// hold (probes, non-root, read-only root filesystem, limits, pinned images, secrets only
// from the operator's Secret, one Deployment + Service per service). When `kustomize` or
// `kubectl` is installed, the base and the overlays are also rendered and checked whole.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  K8S_DIR,
  K8sObject,
  LoadedDoc,
  MODELS,
  NOT_DEPLOYED,
  PLACEHOLDER,
  ROOT,
  SECRET,
  SECRET_KEYS,
  SERVICES,
  UnknownFieldChecker,
  deploymentViolations,
  findKustomize,
  id,
  loadYamlFile,
  modelKey,
  parseImage,
  parseQuantity,
  readKustomization,
  referencedSecretKeys,
  renderKustomization,
  schemaError,
  setViolations,
  yamlFilesUnder,
} from './manifests';

const BASE_DIR = path.join(K8S_DIR, 'base');
const OVERLAYS_DIR = path.join(K8S_DIR, 'overlays');
const SECRET_EXAMPLE = path.join(BASE_DIR, 'secret.example.yaml');
const rel = (f: string) => path.relative(ROOT, f);

const files = yamlFilesUnder(K8S_DIR);
const docsByFile = new Map(files.map((f) => [f, loadYamlFile(f)] as const));
const kustomizationFiles = files.filter((f) => path.basename(f) === 'kustomization.yaml');
const kustomizations = kustomizationFiles.map((f) => readKustomization(path.dirname(f)));
const overlayDirs = kustomizations.map((k) => k.dir).filter((d) => d.startsWith(OVERLAYS_DIR + path.sep));
const resourceFiles = new Set(kustomizations.flatMap((k) => k.resources).filter((r) => /\.ya?ml$/.test(r)));
const patchFiles = new Set(kustomizations.flatMap((k) => k.patchFiles));
/** Whole objects: kustomize resources plus the Secret example. */
const objectDocs: LoadedDoc[] = [...resourceFiles, SECRET_EXAMPLE].flatMap((f) => docsByFile.get(f) ?? []);
const baseDocs: LoadedDoc[] = readKustomization(BASE_DIR).resources.flatMap((f) => docsByFile.get(f) ?? []);
const baseObjects: K8sObject[] = baseDocs.map((d) => d.obj);
const where = (d: LoadedDoc) => `${d.file}#${d.index} ${id(d.obj)}`;

describe('k8s manifests: files', () => {
  it('has a base and at least one overlay', () => {
    expect(fs.existsSync(path.join(BASE_DIR, 'kustomization.yaml'))).toBe(true);
    expect(overlayDirs.length).toBeGreaterThan(0);
  });

  it('every YAML file parses (YAML 1.1, no duplicate keys) and has a role: kustomization, resource, patch or the Secret example', () => {
    const orphans = files.filter(
      (f) => !kustomizationFiles.includes(f) && !resourceFiles.has(f) && !patchFiles.has(f) && f !== SECRET_EXAMPLE,
    );
    expect(orphans.map(rel)).toEqual([]);
    expect(docsByFile.size).toBe(files.length);
  });

  it('kustomizations reference only files and directories that exist', () => {
    const missing = kustomizations.flatMap((k) =>
      [...k.resources, ...k.patchFiles]
        .filter((r) => !fs.existsSync(r) || (fs.statSync(r).isDirectory() && !fs.existsSync(path.join(r, 'kustomization.yaml'))))
        .map((r) => `${rel(k.file)} -> ${rel(r)}`),
    );
    expect(missing).toEqual([]);
  });

  it('the base lists every manifest in k8s/base except the Secret example', () => {
    const base = readKustomization(BASE_DIR);
    const inBase = files.filter((f) => f.startsWith(BASE_DIR + path.sep) && path.basename(f) !== 'kustomization.yaml' && f !== SECRET_EXAMPLE);
    expect(inBase.filter((f) => !base.resources.includes(f)).map(rel)).toEqual([]);
    expect(base.resources).not.toContain(SECRET_EXAMPLE);
  });

  it('image overrides in kustomizations pin a release, never "latest"', () => {
    const bad = kustomizations.flatMap((k) =>
      (k.raw.images ?? [])
        .filter((i: { newTag?: string; digest?: string }) => (!i.newTag && !i.digest) || i.newTag === 'latest')
        .map((i: { name: string }) => `${rel(k.file)}: ${i.name}`),
    );
    expect(bad).toEqual([]);
  });
});

describe('k8s manifests: Kubernetes schema', () => {
  const unknown = new UnknownFieldChecker();

  it.each(objectDocs.map((d) => [where(d), d] as const))('%s is valid', (_name, doc) => {
    expect(schemaError(doc.obj)).toBeNull();
    expect(unknown.unknownFields(doc.obj)).toEqual([]);
  });

  it('patches use accepted kinds and only known fields', () => {
    const problems = [...patchFiles].flatMap((f) =>
      (docsByFile.get(f) ?? []).flatMap((d) =>
        !MODELS[modelKey(d.obj)]
          ? [`${where(d)}: kind ${modelKey(d.obj)} not accepted`]
          : unknown.unknownFields(d.obj).map((p) => `${where(d)}: unknown field ${p}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('the unknown-field check catches a misspelt field', () => {
    const d = structuredClone(baseObjects.find((o) => o.kind === 'Deployment')!);
    const c = d.spec.template.spec.containers[0];
    c.readinesProbe = c.readinessProbe;
    expect(schemaError(d)).toBeNull(); // the schemas alone let it through
    expect(unknown.unknownFields(d)).toEqual(['spec.template.spec.containers[0].readinesProbe']);
  });
});

describe('k8s manifests: house rules (base)', () => {
  it('every service has a Deployment, Service, HPA and PDB, and the set is consistent', () => {
    expect(setViolations(baseObjects, { minReplicas: 2 })).toEqual([]);
  });

  it.each(SERVICES.map((s) => [s]))('Deployment %s: probes, non-root, read-only root, limits, pinned image, secrets', (s) => {
    const d = baseObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === s);
    expect(d).toBeDefined();
    expect(deploymentViolations(d!)).toEqual([]);
  });

  it('every deployable app under apps/ has manifests; standalone and admin-cli are not deployed', () => {
    const apps = fs
      .readdirSync(path.join(ROOT, 'apps'))
      .filter((a) => fs.existsSync(path.join(ROOT, 'apps', a, 'project.json')) && !a.endsWith('-e2e'));
    expect(apps.filter((a) => !NOT_DEPLOYED.includes(a)).sort()).toEqual([...SERVICES].sort());
    const deployed = baseObjects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    expect(deployed.filter((n) => NOT_DEPLOYED.includes(n))).toEqual([]);
  });

  it('gateway-email also exposes its SMTP listener on 2525', () => {
    const d = baseObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gateway-email')!;
    const c = d.spec.template.spec.containers[0];
    expect(c.env.find((e: { name: string }) => e.name === 'SMTP_INBOUND_PORT')?.value).toBe('2525');
    expect(c.ports).toContainEqual(expect.objectContaining({ name: 'smtp', containerPort: 2525 }));
  });
});

describe('k8s manifests: secrets', () => {
  const secretDocs = [...docsByFile.values()].flat().filter((d) => d.obj.kind === 'Secret');

  it('no kustomization applies a Secret', () => {
    const applied = kustomizations.flatMap((k) =>
      k.resources.flatMap((f) => (docsByFile.get(f) ?? []).filter((d) => d.obj.kind === 'Secret').map(where)),
    );
    expect(applied).toEqual([]);
    expect(kustomizations.filter((k) => k.raw.secretGenerator).map((k) => rel(k.file))).toEqual([]);
  });

  it('the only Secret manifest is the example, with placeholder values only', () => {
    expect(secretDocs.map((d) => d.file)).toEqual([rel(SECRET_EXAMPLE)]);
    for (const d of secretDocs) {
      expect(d.obj.data).toBeUndefined(); // base64 would hide what the value is
      const values = Object.entries<string>(d.obj.stringData ?? {});
      expect(values.length).toBeGreaterThan(0);
      expect(values.filter(([, value]) => !String(value).includes(PLACEHOLDER)).map(([k]) => k)).toEqual([]);
    }
  });

  it('the example holds every secret key the Deployments read, and all the documented ones', () => {
    const example = secretDocs.find((d) => d.obj.metadata.name === SECRET)?.obj.stringData ?? {};
    const keys = Object.keys(example);
    expect(referencedSecretKeys(baseObjects).filter((k) => !keys.includes(k))).toEqual([]);
    expect(SECRET_KEYS.filter((k) => !keys.includes(k))).toEqual([]);
  });
});

describe('k8s manifests: the rules bite', () => {
  // Each mutation of a valid Deployment must produce a violation: a rule that cannot fail
  // protects nothing.
  const original = baseObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'policy')!;
  type Mutation = (d: K8sObject, c: K8sObject) => void;
  const mutations: [string, Mutation][] = [
    ['liveness probe removed', (_d, c) => delete c.livenessProbe],
    ['readiness probe removed', (_d, c) => delete c.readinessProbe],
    ['startup probe removed', (_d, c) => delete c.startupProbe],
    ['readiness probe on the liveness path', (_d, c) => (c.readinessProbe.httpGet.path = '/health/live')],
    ['probe on an undeclared port', (_d, c) => (c.livenessProbe.httpGet.port = 8080)],
    ['runAsNonRoot off', (d) => (d.spec.template.spec.securityContext.runAsNonRoot = false)],
    ['runAsUser 0', (d) => (d.spec.template.spec.securityContext.runAsUser = 0)],
    ['writable root filesystem', (_d, c) => (c.securityContext.readOnlyRootFilesystem = false)],
    ['privilege escalation', (_d, c) => (c.securityContext.allowPrivilegeEscalation = true)],
    ['capabilities kept', (_d, c) => delete c.securityContext.capabilities],
    ['no memory limit', (_d, c) => delete c.resources.limits.memory],
    ['no limits', (_d, c) => delete c.resources.limits],
    ['request above limit', (_d, c) => (c.resources.requests.memory = '2Gi')],
    ['image :latest', (_d, c) => (c.image = 'registry.example.com/pegamento/policy:latest')],
    ['image without tag', (_d, c) => (c.image = 'registry.example.com/pegamento/policy')],
    ['no /tmp volume', (_d, c) => (c.volumeMounts = [])],
    ['no preStop', (_d, c) => delete c.lifecycle],
    ['grace period changed', (d) => (d.spec.template.spec.terminationGracePeriodSeconds = 5)],
    ['secret as a literal', (_d, c) => c.env.push({ name: 'OPENAI_API_KEY', value: 'sk-not-real' })],
    ['whole Secret imported', (_d, c) => c.envFrom.push({ secretRef: { name: SECRET } })],
    ['service account token mounted', (d) => (d.spec.template.spec.automountServiceAccountToken = true)],
  ];

  it('the unmutated Deployment passes', () => {
    expect(deploymentViolations(original)).toEqual([]);
  });

  it.each(mutations)('%s is caught', (_name, mutate) => {
    const d = structuredClone(original);
    mutate(d, d.spec.template.spec.containers[0]);
    expect(deploymentViolations(d).length).toBeGreaterThan(0);
  });

  it.each<[string, (objs: K8sObject[]) => void]>([
    ['a Deployment removed', (objs) => objs.splice(objs.findIndex((o) => o.kind === 'Deployment'), 1)],
    ['a Service removed', (objs) => objs.splice(objs.findIndex((o) => o.kind === 'Service'), 1)],
    ['the default deny removed', (objs) => objs.splice(objs.findIndex((o) => o.metadata.name === 'default-deny-all'), 1)],
    ['a Secret applied', (objs) => objs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'pegamento' } })],
    ['an HPA above the partition count', (objs) => (objs.find((o) => o.kind === 'HorizontalPodAutoscaler')!.spec.maxReplicas = 64)],
    ['a webhook route dropped', (objs) => {
      const ing = objs.find((o) => o.kind === 'Ingress')!;
      ing.spec.rules[0].http.paths = ing.spec.rules[0].http.paths.filter((p: { path: string }) => p.path !== '/webhooks/twilio');
    }],
    ['a shutdown timeout longer than the grace period', (objs) => (objs.find((o) => o.kind === 'ConfigMap')!.data.SHUTDOWN_TIMEOUT_MS = '60000')],
    ['a token in the ConfigMap', (objs) => (objs.find((o) => o.kind === 'ConfigMap')!.data.SLACK_BOT_TOKEN = 'xoxb-not-real')],
  ])('set rule: %s is caught', (_name, mutate) => {
    const objs = structuredClone(baseObjects);
    mutate(objs);
    expect(setViolations(objs, { minReplicas: 2 }).length).toBeGreaterThan(0);
  });

  it('helpers read images and quantities right', () => {
    expect(parseImage('registry.example.com:5000/pegamento/policy')).toEqual({ name: 'registry.example.com:5000/pegamento/policy', digest: undefined });
    expect(parseImage('r.example.com/p/policy:1.2.3').tag).toBe('1.2.3');
    expect(parseImage(`r/p@sha256:${'a'.repeat(64)}`).digest).toBe('sha256:' + 'a'.repeat(64));
    expect(parseQuantity('500m')).toBeCloseTo(0.5);
    expect(parseQuantity('384Mi')).toBe(384 * 1024 * 1024);
    expect(parseQuantity('1')).toBe(1);
  });
});

// Rendering needs `kustomize` or `kubectl`; without one these are skipped (and say so).
const kustomize = findKustomize();
const describeRendered = kustomize ? describe : describe.skip;
describeRendered(`k8s manifests: rendered with ${kustomize ? kustomize.cmd : 'kustomize (not installed: skipped)'}`, () => {
  const unknown = kustomize ? new UnknownFieldChecker() : undefined;
  const targets = [
    { dir: BASE_DIR, minReplicas: 2 },
    ...overlayDirs.map((dir) => ({ dir, minReplicas: dir.endsWith('production') ? 3 : 2 })),
  ];

  it.each(targets.map((t) => [rel(t.dir), t] as const))('%s renders, validates and keeps the rules', (_name, t) => {
    const docs = renderKustomization(kustomize!, t.dir);
    const objs = docs.map((d) => d.obj);
    const problems = [
      ...docs.flatMap((d) => {
        const err = schemaError(d.obj);
        return [...(err ? [`${id(d.obj)}: ${err}`] : []), ...unknown!.unknownFields(d.obj).map((f) => `${id(d.obj)}: unknown field ${f}`)];
      }),
      ...setViolations(objs, { minReplicas: t.minReplicas }),
      ...objs.filter((o) => o.kind === 'Deployment').flatMap(deploymentViolations),
    ];
    expect(problems).toEqual([]);
  });
});
