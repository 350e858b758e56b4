// Loading, schema validation and house rules for the Kubernetes manifests under k8s/.
// Used by manifests.spec.ts; kept apart so the rules can also be run against mutated
// copies of the manifests (the spec proves each rule actually bites).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';

export const ROOT = path.resolve(__dirname, '..', '..');
export const K8S_DIR = path.join(ROOT, 'k8s');
export const NAMESPACE = 'pegamento';
export const CONFIG_MAP = 'pegamento-config';
export const SECRET = 'pegamento-secrets';
export const PLACEHOLDER = 'CHANGE_ME';
/** The services' default (libs/shared/util-config). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15_000;

/** Every service that runs as its own Deployment (standalone and admin-cli do not). */
export const SERVICES = [
  'gateway-web',
  'gateway-messaging',
  'gateway-email',
  'policy',
  'ai-responder',
  'handoff',
  'crm-sync',
] as const;
/** Apps under apps/ that are deliberately not deployed as a service. */
export const NOT_DEPLOYED = ['standalone', 'admin-cli'];

/** Secret keys that must never be set from a ConfigMap or a literal env value. */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'KAFKA_SASL_PASSWORD',
  'JWT_SECRET',
  'JWT_PREVIOUS_SECRETS',
  'DATA_ENCRYPTION_KEYS',
  'BLIND_INDEX_KEY',
  'OPENAI_API_KEY',
  'TWILIO_AUTH_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'EMAIL_WEBHOOK_TOKEN',
  'HUBSPOT_ACCESS_TOKEN',
  'CRM_WEBHOOK_SECRET',
  'BACKOFFICE_API_TOKEN',
  'SEED_AGENT_PASSWORD',
  'SEED_ADMIN_PASSWORD',
];
const SECRET_LOOKING = /^DATABASE_URL$|SECRET|TOKEN|PASSWORD|API_KEY|PRIVATE_KEY|CREDENTIAL|ENCRYPTION_KEY|INDEX_KEY/;
export const isSecretLooking = (name: string) => SECRET_LOOKING.test(name);

// ---------------------------------------------------------------------------------------
// Loading

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form JSON */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
};

export interface LoadedDoc {
  /** Path relative to the workspace root. */
  file: string;
  /** Index of the document in its file. */
  index: number;
  obj: K8sObject;
}

export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * Parses a multi-document YAML string the way Kubernetes reads it (YAML 1.1 scalars, so
 * `yes` is a boolean), rejecting syntax errors and duplicate keys. Empty documents are skipped.
 */
export function parseYaml(text: string, file: string): LoadedDoc[] {
  const docs: LoadedDoc[] = [];
  parseAllDocuments(text, { version: '1.1', uniqueKeys: true, prettyErrors: true }).forEach((doc, index) => {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length) throw new Error(`${file} document ${index}: ${problems.map((e) => e.message).join('; ')}`);
    const obj = doc.toJS({ maxAliasCount: 0 });
    if (obj === null || obj === undefined) return;
    if (typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`${file} document ${index}: not a mapping`);
    docs.push({ file, index, obj });
  });
  return docs;
}

export function loadYamlFile(file: string): LoadedDoc[] {
  return parseYaml(fs.readFileSync(file, 'utf8'), path.relative(ROOT, file));
}

export const id = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;

// ---------------------------------------------------------------------------------------
// Schema validation (kubernetes-models: the OpenAPI schemas of Kubernetes, compiled)

type ModelClass = new (data: never) => { validate(): void };
/** The only kinds and API versions the manifests may use. */
export const MODELS: Record<string, { model: ModelClass; module: string; iface: string }> = {
  'v1/Namespace': { model: Namespace, module: 'kubernetes-models/v1/Namespace', iface: 'INamespace' },
  'v1/ServiceAccount': { model: ServiceAccount, module: 'kubernetes-models/v1/ServiceAccount', iface: 'IServiceAccount' },
  'v1/ConfigMap': { model: ConfigMap, module: 'kubernetes-models/v1/ConfigMap', iface: 'IConfigMap' },
  'v1/Secret': { model: Secret, module: 'kubernetes-models/v1/Secret', iface: 'ISecret' },
  'v1/Service': { model: Service, module: 'kubernetes-models/v1/Service', iface: 'IService' },
  'apps/v1/Deployment': { model: Deployment, module: 'kubernetes-models/apps/v1/Deployment', iface: 'IDeployment' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    iface: 'IHorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    module: 'kubernetes-models/policy/v1/PodDisruptionBudget',
    iface: 'IPodDisruptionBudget',
  },
  'networking.k8s.io/v1/Ingress': { model: Ingress, module: 'kubernetes-models/networking.k8s.io/v1/Ingress', iface: 'IIngress' },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: NetworkPolicy,
    module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    iface: 'INetworkPolicy',
  },
};
export const modelKey = (o: { apiVersion?: unknown; kind?: unknown }) => `${o.apiVersion}/${o.kind}`;

/** JSON-schema validation; returns the error text, or null when valid. */
export function schemaError(obj: K8sObject): string | null {
  const entry = MODELS[modelKey(obj)];
  if (!entry) return `${modelKey(obj)} is not an accepted apiVersion/kind (see MODELS in tools/k8s/manifests.ts)`;
  try {
    new entry.model(structuredClone(obj) as never).validate();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The compiled schemas accept unknown fields (a typo such as `readinesProbe` passes), as
 * `kubectl apply` without strict validation would. This checks every field name against
 * the TypeScript declarations that kubernetes-models ships, like `--validate=strict`.
 */
export class UnknownFieldChecker {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type>();

  constructor() {
    const virtual = path.join(ROOT, 'tools', 'k8s', '__k8s_model_types__.ts');
    const keys = Object.keys(MODELS);
    const source =
      keys.map((k, i) => `import type { ${MODELS[k].iface} as T${i} } from '${MODELS[k].module}';`).join('\n') +
      '\n' +
      keys.map((_, i) => `export type M${i} = T${i};`).join('\n');
    const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, types: [], moduleResolution: ts.ModuleResolutionKind.Node10 };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) =>
      path.resolve(name) === virtual ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => path.resolve(name) === virtual || fileExists(name);
    const program = ts.createProgram([virtual], options, host);
    this.checker = program.getTypeChecker();
    const sf = program.getSourceFile(virtual);
    if (!sf) throw new Error('cannot load the kubernetes-models type declarations');
    for (const stmt of sf.statements) {
      if (!ts.isTypeAliasDeclaration(stmt)) continue;
      const i = Number(stmt.name.text.slice(1));
      const type = this.checker.getTypeAtLocation(stmt.name);
      if (type.getProperties().length === 0) throw new Error(`no declaration found for ${keys[i]}`);
      this.types.set(keys[i], type);
    }
  }

  /** Paths of fields the Kubernetes API does not know, e.g. `spec.template.spec.containers[0].readinesProbe`. */
  unknownFields(obj: K8sObject): string[] {
    const type = this.types.get(modelKey(obj));
    if (!type) return [];
    const out: string[] = [];
    this.walk(obj, type, '', out);
    return out;
  }

  private walk(value: unknown, type: ts.Type, at: string, out: string[]): void {
    if (value === null || typeof value !== 'object') return;
    let t = this.checker.getNonNullableType(type);
    if (t.isUnion()) {
      const objects = t.types.filter((u) => u.flags & ts.TypeFlags.Object);
      if (objects.length !== 1) return; // e.g. IntOrString: nothing to look into
      t = objects[0];
    }
    if (Array.isArray(value)) {
      const element = this.checker.isArrayType(t) ? this.checker.getTypeArguments(t as ts.TypeReference)[0] : undefined;
      if (element) value.forEach((v, i) => this.walk(v, element, `${at}[${i}]`, out));
      return;
    }
    if (t.getProperties().length === 0) return; // a map (labels, resources.limits, data)
    for (const [key, v] of Object.entries(value)) {
      const prop = this.checker.getPropertyOfType(t, key);
      const where = at ? `${at}.${key}` : key;
      if (!prop) out.push(where);
      else this.walk(v, this.checker.getTypeOfSymbol(prop), where, out);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Kustomize

export interface Kustomization {
  dir: string;
  file: string;
  resources: string[];
  patchFiles: string[];
  raw: any;
}

export function readKustomization(dir: string): Kustomization {
  const file = path.join(dir, 'kustomization.yaml');
  const [doc] = loadYamlFile(file);
  const raw = doc.obj;
  const resources: string[] = (raw.resources ?? []).map((r: string) => path.resolve(dir, r));
  const patchFiles: string[] = [
    ...(raw.patches ?? []).filter((p: any) => p.path).map((p: any) => path.resolve(dir, p.path)),
    ...(raw.patchesStrategicMerge ?? []).map((p: string) => path.resolve(dir, p)),
  ];
  return { dir, file, resources, patchFiles, raw };
}

/** A `kustomize build` (standalone or built into kubectl) when one is installed here. */
export function findKustomize(): { cmd: string; args: string[] } | null {
  for (const c of [
    { cmd: 'kustomize', args: ['build'] },
    { cmd: 'kubectl', args: ['kustomize'] },
  ]) {
    const probe = spawnSync(c.cmd, [...c.args, '--help'], { stdio: 'ignore' });
    if (probe.status === 0) return c;
  }
  return null;
}

export function renderKustomization(tool: { cmd: string; args: string[] }, dir: string): LoadedDoc[] {
  const out = execFileSync(tool.cmd, [...tool.args, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseYaml(out, `${path.relative(ROOT, dir)} (rendered)`);
}

// ---------------------------------------------------------------------------------------
// House rules

/** Kubernetes quantity to a number (cores or bytes). */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(q));
  if (!m) return NaN;
  const factor: Record<string, number> = {
    m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
  };
  return Number(m[1]) * (m[2] ? factor[m[2]] : 1);
}

/** `registry/repo:tag@sha256:…` into its parts; the tag is what follows the last `:` of the last path segment. */
export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const [ref, digest] = image.split('@');
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? { name: ref.slice(0, colon), tag: ref.slice(colon + 1), digest } : { name: ref, digest };
}

const matches = (selector: Record<string, string> = {}, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The container port a probe or Service port names (by name or number). */
function resolvePort(container: any, port: string | number | undefined): any {
  return (container.ports ?? []).find((p: any) => p.name === port || p.containerPort === port);
}

/** Rules every service Deployment follows. Returns human-readable violations. */
export function deploymentViolations(d: K8sObject): string[] {
  const v: string[] = [];
  const name = d.metadata?.name;
  const at = (s: string) => v.push(`Deployment/${name}: ${s}`);
  const pod = d.spec?.template?.spec ?? {};
  const podLabels = d.spec?.template?.metadata?.labels ?? {};
  const psc = pod.securityContext ?? {};

  if (d.metadata?.namespace !== NAMESPACE) at(`namespace must be ${NAMESPACE}`);
  if (d.metadata?.labels?.['app.kubernetes.io/name'] !== name) at('label app.kubernetes.io/name must be the Deployment name');
  if (podLabels['app.kubernetes.io/name'] !== name) at('pod label app.kubernetes.io/name must be the Deployment name');
  if (podLabels['app.kubernetes.io/part-of'] !== 'pegamento') at('pod label app.kubernetes.io/part-of must be pegamento');
  if (!matches(d.spec?.selector?.matchLabels, podLabels)) at('selector must match the pod labels');
  if (pod.terminationGracePeriodSeconds !== 30) at('terminationGracePeriodSeconds must be 30');
  if (pod.automountServiceAccountToken !== false) at('automountServiceAccountToken must be false');
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) at('must not use host namespaces');
  if (pod.initContainers?.length) at('unexpected initContainers (apply the same rules to them first)');

  const containers: any[] = pod.containers ?? [];
  if (containers.length !== 1) at('must have exactly one container');
  const volumes: any[] = pod.volumes ?? [];

  for (const c of containers) {
    const cat = (s: string) => at(`container ${c.name}: ${s}`);
    const csc = c.securityContext ?? {};

    // image: pinned release, never latest
    const img = parseImage(String(c.image ?? ''));
    if (!img.tag && !img.digest) cat(`image ${c.image} has no tag or digest`);
    if (img.tag === 'latest') cat(`image ${c.image} uses the tag "latest"`);
    if (!img.name.endsWith(`/${name}`)) cat(`image ${c.image} is not the ${name} image`);

    // ports and probes
    const http = resolvePort(c, 'http');
    if (!http || http.containerPort !== 3000) cat('needs a container port named http on 3000');
    const env: any[] = c.env ?? [];
    const envValue = (n: string) => env.find((e) => e.name === n);
    if (envValue('PORT')?.value !== '3000') cat('env PORT must be "3000"');
    const probe = (kind: string, p: any, wantPath: string) => {
      if (!p) return cat(`${kind} is missing`);
      if (p.httpGet?.path !== wantPath) return cat(`${kind} must be an httpGet on ${wantPath}`);
      if (resolvePort(c, p.httpGet.port)?.containerPort !== 3000) cat(`${kind} must target the http port`);
    };
    probe('livenessProbe', c.livenessProbe, '/health/live');
    probe('readinessProbe', c.readinessProbe, '/health/ready');
    probe('startupProbe', c.startupProbe, '/health/live');

    // graceful shutdown: preStop sleep that fits in the grace period
    const preStop = c.lifecycle?.preStop;
    const sleep = preStop?.sleep?.seconds ?? (preStop?.exec?.command?.[0] === 'sleep' ? Number(preStop.exec.command[1]) : undefined);
    if (!sleep || !(sleep > 0)) cat('needs a preStop sleep');
    else if (sleep >= (pod.terminationGracePeriodSeconds ?? 30) - 10) cat('preStop sleep leaves the app under 10 s to shut down');

    // resources
    for (const r of ['cpu', 'memory']) {
      const req = c.resources?.requests?.[r];
      const lim = c.resources?.limits?.[r];
      if (req === undefined) cat(`resources.requests.${r} is missing`);
      if (lim === undefined) cat(`resources.limits.${r} is missing`);
      if (req !== undefined && lim !== undefined && !(parseQuantity(req) <= parseQuantity(lim)))
        cat(`resources.requests.${r} exceeds the limit`);
    }

    // security
    const runAsNonRoot = csc.runAsNonRoot ?? psc.runAsNonRoot;
    const runAsUser = csc.runAsUser ?? psc.runAsUser;
    if (runAsNonRoot !== true) cat('must run with runAsNonRoot: true');
    if (!Number.isInteger(runAsUser) || runAsUser <= 0) cat('needs a numeric non-zero runAsUser (the image user is a name)');
    if (csc.readOnlyRootFilesystem !== true) cat('must set readOnlyRootFilesystem: true');
    if (csc.allowPrivilegeEscalation !== false) cat('must set allowPrivilegeEscalation: false');
    if (csc.privileged === true) cat('must not be privileged');
    if (!(csc.capabilities?.drop ?? []).includes('ALL')) cat('must drop ALL capabilities');
    if ((csc.capabilities?.add ?? []).length) cat('must not add capabilities');
    if ((csc.seccompProfile ?? psc.seccompProfile)?.type !== 'RuntimeDefault') cat('needs seccompProfile RuntimeDefault');
    const tmp = (c.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
    if (!tmp || !volumes.find((vol) => vol.name === tmp.name && vol.emptyDir)) cat('needs an emptyDir mounted at /tmp');

    // configuration: ConfigMap for settings, the Secret for secrets
    if (!(c.envFrom ?? []).some((e: any) => e.configMapRef?.name === CONFIG_MAP)) cat(`needs envFrom configMapRef ${CONFIG_MAP}`);
    if ((c.envFrom ?? []).some((e: any) => e.secretRef)) cat('must not import the whole Secret (envFrom secretRef): name the keys it needs');
    for (const e of env) {
      if (isSecretLooking(e.name) && !e.valueFrom?.secretKeyRef) cat(`${e.name} must come from a secretKeyRef`);
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && ref.name !== SECRET) cat(`${e.name} must come from the Secret ${SECRET}`);
    }
    const db = envValue('DATABASE_URL')?.valueFrom?.secretKeyRef;
    if (!db || db.optional === true) cat('DATABASE_URL must come from the Secret and not be optional');
  }
  return v;
}

/** Rules across the objects of one rendered or listed set of manifests. */
export function setViolations(objs: K8sObject[], opts: { minReplicas: number }): string[] {
  const v: string[] = [];
  const of = (kind: string) => objs.filter((o) => o.kind === kind);
  const find = (kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata?.name === name);
  const deployments = of('Deployment');

  for (const o of objs) {
    if (o.kind !== 'Namespace' && o.metadata?.namespace !== NAMESPACE) v.push(`${id(o)}: namespace must be ${NAMESPACE}`);
    if (o.kind === 'Secret') v.push(`${id(o)}: Secrets are created by the operator, not applied from k8s/`);
  }
  const ids = objs.map(id);
  for (const dup of ids.filter((x, i) => ids.indexOf(x) !== i)) v.push(`${dup}: defined twice`);

  if (!find('Namespace', NAMESPACE)) v.push(`Namespace/${NAMESPACE} is missing`);

  // ConfigMap
  const cm = find('ConfigMap', CONFIG_MAP);
  const partitions = Number(cm?.data?.KAFKA_TOPIC_PARTITIONS);
  if (!cm) v.push(`ConfigMap/${CONFIG_MAP} is missing`);
  else {
    for (const key of Object.keys(cm.data ?? {}))
      if (isSecretLooking(key)) v.push(`ConfigMap/${CONFIG_MAP}: ${key} is a secret and belongs in the Secret`);
    if (!cm.data?.KAFKA_BROKERS) v.push(`ConfigMap/${CONFIG_MAP}: KAFKA_BROKERS must be set (external Kafka)`);
    if (!(partitions >= 1)) v.push(`ConfigMap/${CONFIG_MAP}: KAFKA_TOPIC_PARTITIONS must be a number`);
    if (cm.data?.KAFKA_REPLICATION_FACTOR !== '3') v.push(`ConfigMap/${CONFIG_MAP}: KAFKA_REPLICATION_FACTOR must be "3"`);
  }

  // graceful shutdown: preStop sleep + the app's SHUTDOWN_TIMEOUT_MS fit in the grace period
  for (const d of deployments) {
    const pod = d.spec?.template?.spec ?? {};
    for (const c of pod.containers ?? []) {
      const own = (c.env ?? []).find((e: any) => e.name === 'SHUTDOWN_TIMEOUT_MS')?.value;
      const shutdownS = Number(own ?? cm?.data?.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_TIMEOUT_MS) / 1000;
      const sleepS = Number(c.lifecycle?.preStop?.sleep?.seconds ?? 0);
      if (!(sleepS + shutdownS < (pod.terminationGracePeriodSeconds ?? 30)))
        v.push(`${id(d)}: preStop ${sleepS} s + SHUTDOWN_TIMEOUT_MS ${shutdownS} s do not fit in the grace period`);
    }
  }

  // one Deployment, Service, HPA and PDB per service, and nothing else deployed
  for (const d of deployments)
    if (!(SERVICES as readonly string[]).includes(d.metadata.name)) v.push(`${id(d)}: not a known service`);
  for (const s of SERVICES) {
    const d = find('Deployment', s);
    if (!d) {
      v.push(`Deployment/${s} is missing`);
      continue;
    }
    const container = d.spec?.template?.spec?.containers?.[0] ?? {};
    const podLabels = d.spec?.template?.metadata?.labels;

    const svc = find('Service', s);
    if (!svc) v.push(`Service/${s} is missing`);
    else {
      if (!matches(svc.spec?.selector, podLabels)) v.push(`Service/${s}: selector does not select the ${s} pods`);
      for (const p of svc.spec?.ports ?? [])
        if (!resolvePort(container, p.targetPort)) v.push(`Service/${s}: targetPort ${p.targetPort} is not a container port`);
      if (!(svc.spec?.ports ?? []).some((p: any) => p.name === 'http')) v.push(`Service/${s}: needs a port named http`);
    }

    const hpa = of('HorizontalPodAutoscaler').find((h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec?.scaleTargetRef?.name === s);
    if (!hpa) v.push(`HorizontalPodAutoscaler for ${s} is missing`);
    else {
      if (!(hpa.spec.minReplicas >= opts.minReplicas)) v.push(`${id(hpa)}: minReplicas must be at least ${opts.minReplicas}`);
      if (!(hpa.spec.maxReplicas <= partitions))
        v.push(`${id(hpa)}: maxReplicas ${hpa.spec.maxReplicas} exceeds KAFKA_TOPIC_PARTITIONS ${partitions}`);
      if (d.spec?.replicas !== undefined) v.push(`${id(d)}: has replicas although an HPA scales it`);
    }
    if (!of('PodDisruptionBudget').some((p) => matches(p.spec?.selector?.matchLabels, podLabels)))
      v.push(`PodDisruptionBudget for ${s} is missing`);
  }

  // Ingress: the public routes, TLS, and backends that exist
  const ingresses = of('Ingress');
  const routes = new Map<string, string>();
  for (const ing of ingresses) {
    const tlsHosts = (ing.spec?.tls ?? []).flatMap((t: any) => t.hosts ?? []);
    for (const rule of ing.spec?.rules ?? []) {
      if (!rule.host || !tlsHosts.includes(rule.host)) v.push(`${id(ing)}: host ${rule.host} is not covered by TLS`);
      for (const p of rule.http?.paths ?? []) {
        const backend = p.backend?.service;
        const svc = find('Service', backend?.name);
        if (!svc) v.push(`${id(ing)}: ${p.path} routes to missing Service ${backend?.name}`);
        else if (!(svc.spec?.ports ?? []).some((sp: any) => sp.name === backend.port?.name || sp.port === backend.port?.number))
          v.push(`${id(ing)}: ${p.path} routes to a missing port of Service ${backend.name}`);
        routes.set(p.path, backend?.name);
      }
    }
  }
  const wantRoutes: Record<string, string> = {
    '/api/v1/web': 'gateway-web',
    '/widget.js': 'gateway-web',
    '/widget.js.map': 'gateway-web',
    '/': 'gateway-web',
    '/privacy': 'gateway-web',
    '/accessibility': 'gateway-web',
    '/webhooks/twilio': 'gateway-messaging',
    '/webhooks/email': 'gateway-email',
    '/api/v1/agent': 'handoff',
    '/api/v1/auth': 'handoff',
    '/api/v1/admin': 'handoff',
    '/slack/events': 'handoff',
    '/console': 'handoff',
    '/api/v1/compliance': 'policy',
    '/api/v1/privacy': 'policy',
    '/api/v1/admin/tenant': 'policy',
    '/api/v1/admin/knowledge': 'ai-responder',
    '/api/v1/crm': 'crm-sync',
  };
  for (const [p, svc] of Object.entries(wantRoutes))
    if (routes.get(p) !== svc) v.push(`Ingress: ${p} must route to ${svc} (routes to ${routes.get(p) ?? 'nothing'})`);
  for (const p of routes.keys())
    if (/^\/(health|metrics)/.test(p)) v.push(`Ingress: ${p} must not be public`);

  // NetworkPolicy: default deny, then DNS, PostgreSQL and Kafka for every service
  const policies = of('NetworkPolicy');
  const selects = (np: K8sObject, labels: Record<string, string>) => {
    const sel = np.spec?.podSelector ?? {};
    const ml: Record<string, string> = sel.matchLabels ?? {};
    const okLabels = Object.entries(ml).every(([k, val]) => labels[k] === val);
    const okExpr = (sel.matchExpressions ?? []).every((e: any) =>
      e.operator === 'In' ? e.values.includes(labels[e.key]) : e.operator === 'NotIn' ? !e.values.includes(labels[e.key]) : e.operator === 'Exists' ? e.key in labels : !(e.key in labels),
    );
    return okLabels && okExpr;
  };
  const isEmptySelector = (np: K8sObject) =>
    !Object.keys(np.spec?.podSelector?.matchLabels ?? {}).length && !(np.spec?.podSelector?.matchExpressions ?? []).length;
  const defaultDeny = policies.some(
    (np) =>
      isEmptySelector(np) &&
      ['Ingress', 'Egress'].every((t) => (np.spec?.policyTypes ?? []).includes(t)) &&
      !(np.spec?.ingress ?? []).length &&
      !(np.spec?.egress ?? []).length,
  );
  if (!defaultDeny) v.push('NetworkPolicy: a default deny of all ingress and egress is missing');
  const egressPorts = (labels: Record<string, string>) =>
    policies
      .filter((np) => selects(np, labels))
      .flatMap((np) => np.spec?.egress ?? [])
      .flatMap((rule: any) => (rule.ports ?? []).map((p: any) => [p.port, p.endPort ?? p.port]));
  const allowsPort = (ranges: any[][], port: number) => ranges.some(([from, to]) => from <= port && port <= to);
  for (const d of deployments) {
    const labels = d.spec?.template?.metadata?.labels ?? {};
    const ranges = egressPorts(labels);
    for (const [what, port] of [['DNS', 53], ['PostgreSQL', 5432], ['Kafka', 9092]] as const)
      if (!allowsPort(ranges, port)) v.push(`NetworkPolicy: ${id(d)} has no egress to ${what} (${port})`);
  }
  for (const s of new Set(routes.values())) {
    const labels = find('Deployment', s)?.spec?.template?.metadata?.labels ?? {};
    const admitted = policies.some((np) => selects(np, labels) && (np.spec?.ingress ?? []).some((r: any) => (r.ports ?? []).some((p: any) => p.port === 'http' || p.port === 3000)));
    if (!admitted) v.push(`NetworkPolicy: ${s} is routed by the Ingress but admits no traffic on http`);
  }
  return v;
}

/** Every secret key the Deployments read. */
export function referencedSecretKeys(objs: K8sObject[]): string[] {
  const keys = new Set<string>();
  for (const d of objs.filter((o) => o.kind === 'Deployment'))
    for (const c of d.spec?.template?.spec?.containers ?? [])
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) keys.add(e.valueFrom.secretKeyRef.key);
  return [...keys].sort();
}
/* eslint-enable @typescript-eslint/no-explicit-any */
