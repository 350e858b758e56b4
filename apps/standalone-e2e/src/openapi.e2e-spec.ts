import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the standalone process serves, as "METHOD /path/{param}". */
function servedRoutes(service: RunningService): string[] {
  const instance = service.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const routes = new Set<string>();
  for (const layer of stack) {
    // Nest's own catch-all (404 handling) is not a route of the API.
    if (!layer.route || layer.route.path.includes('*')) continue;
    const path = layer.route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${path}`);
  }
  return [...routes].sort();
}

describe('the OpenAPI document', () => {
  let db: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startService(standalone, { LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: db.url, JWT_SECRET: 'an-openapi-secret-long-enough-for-hs256' });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('is served at /api/docs-json and describes exactly the routes the process serves', async () => {
    const response = await fetch(`${service.url}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const described = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = servedRoutes(service);
    expect(served.length).toBeGreaterThan(15);
    expect(described).toEqual(served);
  });

  it('describes request bodies with the schemas the controllers validate with', async () => {
    const document = (await (await fetch(`${service.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; additionalProperties?: unknown } }> } }>>;
    };
    const body = document.paths['/api/v1/web/conversations/{id}/messages']!['post']!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(body.properties ?? {})).toEqual(['text', 'clientMessageId']);
    expect(body.additionalProperties).toBe(false);
  });
});
