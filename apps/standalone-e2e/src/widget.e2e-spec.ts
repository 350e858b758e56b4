import { get } from 'node:http';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { buildUiForTest, expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from './support/browser';
import { ContractClient, type ConversationShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * The customer widget in a real Chromium, embedded in gateway-web's demo shop page
 * exactly as a customer's site embeds it (one script tag), against the whole standalone
 * process: WCAG 2.2 AA checks (axe, in the shadow root too), keyboard only, reloads,
 * network drops, narrow screens, reduced motion.
 */
const WIDGET_CACHE_MAX_AGE_SECONDS = 120;

/**
 * The browser objects the in-page checks use. This file compiles without the DOM lib;
 * the callbacks passed to evaluate() run in Chromium, where globalThis is the window.
 */
interface InPageRect {
  left: number;
  top: number;
  width: number;
  height: number;
}
interface InPageElement {
  tagName: string;
  getBoundingClientRect(): InPageRect;
}
interface InPage {
  document: { documentElement: { scrollWidth: number }; body: unknown; activeElement: InPageElement | null; elementFromPoint(x: number, y: number): InPageElement | null };
  innerWidth: number;
  sessionStorage: { length: number; key(index: number): string | null; getItem(key: string): string | null };
  getComputedStyle(element: unknown): { animationName: string; scrollBehavior: string };
}
const DEMO_PHONE = '+31 20 123 4567';
const DEMO_EMAIL = 'klantenservice@voorbeeldwinkel.example';

describe('the customer web widget', () => {
  let db: TestDatabase;
  let service: RunningService;
  let browser: Browser;
  let api: ContractClient;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const uiDir = buildUiForTest();
    db = await createTestDatabase();
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-widget-e2e-secret-long-enough-for-hs256',
      UI_DIR: uiDir,
      WIDGET_CACHE_MAX_AGE_SECONDS: String(WIDGET_CACHE_MAX_AGE_SECONDS),
      // Allowed widget origins are read anew on every request, so a changed setting applies at once.
      WEB_ORIGINS_CACHE_MS: '0',
      ...SEED_USERS,
    });
    api = new ContractClient(service.url);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await service?.stop();
    await db?.drop();
  });

  async function open(options: Parameters<typeof newPage>[1] = {}): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
    const { context, page } = await newPage(browser, options);
    contexts.push(context);
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    return { context, page, cspViolations };
  }

  const launcher = (page: Page) => page.locator('pegamento-chat .launcher');
  const panel = (page: Page) => page.locator('pegamento-chat #pgm-panel');
  const input = (page: Page) => page.locator('pegamento-chat #pgm-input');
  const messagesBy = (page: Page, type: string) => page.locator(`pegamento-chat article[data-author-type="${type}"]`);
  const statusLine = (page: Page) => page.locator('pegamento-chat .status');

  /** Is this element the one with keyboard focus (inside the widget's shadow root)? */
  const focused = (locator: Locator) => locator.evaluate((el) => (el.getRootNode() as { activeElement: unknown }).activeElement === el);

  /** Presses Tab (or Shift+Tab) until `locator` has focus: keyboard only, as a person would. */
  async function tabTo(page: Page, locator: Locator, backwards = false, max = 40): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await focused(locator).catch(() => false)) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`could not reach ${locator.toString()} with ${backwards ? 'Shift+Tab' : 'Tab'} in ${max} presses`);
  }

  /** The accessible name a message gets from aria-labelledby ("AI assistant said:"). */
  const accessibleName = (article: Locator) =>
    article.evaluate((el) => {
      const id = el.getAttribute('aria-labelledby');
      return id ? ((el.getRootNode() as { getElementById(id: string): { textContent: string | null } | null }).getElementById(id)?.textContent ?? '') : '';
    });

  async function login(email: string, password: string): Promise<string> {
    const response = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email, password } });
    expect(response.status).toBe(200);
    return response.body.accessToken;
  }

  /** The conversation id the widget keeps in sessionStorage. */
  const conversationIdOf = (page: Page) =>
    page.evaluate(() => {
      const storage = (globalThis as unknown as InPage).sessionStorage;
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        if (key.startsWith('pegamento-chat:v1:') && !key.endsWith(':ui')) return (JSON.parse(storage.getItem(key)!) as { conversationId: string }).conversationId;
      }
      return null;
    });

  it('serves the script with CORS and caching, the pages with a CSP, and the public info route', async () => {
    const script = await fetch(`${service.url}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(script.headers.get('cache-control')).toBe(`public, max-age=${WIDGET_CACHE_MAX_AGE_SECONDS}`);
    const etag = script.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await script.text()).length).toBeGreaterThan(10_000);
    // (fetch turns a conditional request into a no-cache reload, as the Fetch standard says; a browser cache does not.)
    const revalidated = await new Promise<number>((resolve, reject) =>
      get(`${service.url}/widget.js`, { headers: { 'if-none-match': etag! } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject),
    );
    expect(revalidated).toBe(304);
    const map = await fetch(`${service.url}/widget.js.map`);
    expect(map.status).toBe(200);
    expect(map.headers.get('content-type')).toBe('application/json; charset=utf-8');

    const page = await fetch(`${service.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toContain('<script src="/widget.js" data-locale="nl" async></script>');
    expect(html).toContain('<html lang="nl">');
    expect(await (await fetch(`${service.url}/privacy?lang=en`)).text()).toContain('<html lang="en">');

    // The demo tenant has the sample shop's human routes (DEMO_TENANT, standalone only).
    const info = await api.request<Record<string, unknown>>('GET', '/api/v1/web/info?locale=en-GB');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      locale: 'en',
      humanRoutes: { phone: DEMO_PHONE, email: DEMO_EMAIL },
      privacyNoticeUrl: '/privacy?lang=en',
      accessibilityStatementUrl: '/accessibility?lang=en',
      openingHours: { openNow: true, nextOpeningAt: null },
    });
    expect((await api.request('GET', `/api/v1/web/info?locale=${'x'.repeat(40)}`)).status).toBe(400);

    // A tenant's own privacy notice replaces the platform's page.
    const admin = await login(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
    const saved = await api.request<{ settings: Record<string, unknown> }>('GET', '/api/v1/admin/tenant/settings', { token: admin });
    const own = { ...saved.body.settings, privacyNoticeUrl: 'https://voorbeeldwinkel.example/privacy' };
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: own })).status).toBe(200);
    expect((await api.request('GET', '/api/v1/web/info')).body).toMatchObject({ privacyNoticeUrl: 'https://voorbeeldwinkel.example/privacy' });
    const script_ = { ...saved.body.settings, privacyNoticeUrl: 'javascript:alert(1)' };
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: script_ })).status).toBe(400);
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: saved.body.settings })).status).toBe(200);

    // The widget calls the API from the organisation's own sites: strict CORS, only the
    // platform's origin and the tenant's widgetOrigins.
    const preflight = () =>
      fetch(`${service.url}/api/v1/web/conversations`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const refused = await preflight();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const foreignPost = await fetch(`${service.url}/api/v1/web/conversations`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(foreignPost.status).toBe(403);
    expect(((await foreignPost.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    const foreignRead = await fetch(`${service.url}/api/v1/web/info`, { headers: { origin: 'https://evil.example' } });
    expect(foreignRead.headers.get('access-control-allow-origin')).toBeNull();
    const withShop = { ...saved.body.settings, widgetOrigins: ['https://shop.example'] };
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: { ...withShop, widgetOrigins: ['https://shop.example/path'] } })).status).toBe(400);
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: withShop })).status).toBe(200);
    const allowed = await preflight();
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    // The platform's own pages (same origin) need no configuration.
    const sameOrigin = await fetch(`${service.url}/api/v1/web/info`, { headers: { origin: service.url } });
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBe(service.url);
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: saved.body.settings })).status).toBe(200);
  });

  it('the demo page, the privacy notice and the accessibility statement pass axe in Dutch and English', async () => {
    const { page, cspViolations } = await open();
    // The English demo page is checked with the widget open in the keyboard test.
    for (const path of ['/?lang=nl', '/privacy?lang=en', '/accessibility?lang=nl']) {
      await page.goto(`${service.url}${path}`);
      if (path.startsWith('/?')) await launcher(page).waitFor();
      await expectNoAxeViolations(page, path);
    }
    await page.goto(`${service.url}/privacy?lang=en`);
    await expect(page.getByRole('heading', { level: 2, name: 'Which other companies help?' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('main').innerText()).toContain(DEMO_EMAIL);
    // Without ?lang the page follows the browser (en-GB here), and the widget follows the page's data-locale.
    await page.goto(`${service.url}/`);
    await launcher(page).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await launcher(page).innerText()).toContain('Chat with us');
    await expectNoAxeViolations(page, 'widget closed, English', 'pegamento-chat');
    await page.goto(`${service.url}/?lang=nl`);
    await launcher(page).waitFor();
    expect(await launcher(page).innerText()).toContain('Chat met ons');
    await saveScreenshot(page, 'widget-closed');
    expect(cspViolations).toEqual([]);
  });

  it('works by keyboard alone: ask, get a labelled answer with its source, ask for a person, flag, Esc; a reload and a network drop lose nothing', async () => {
    const { context, page, cspViolations } = await open();
    await page.goto(`${service.url}/?lang=en`);
    await launcher(page).waitFor();

    await tabTo(page, launcher(page));
    await page.keyboard.press('Enter');
    await expect(panel(page).isVisible()).resolves.toBe(true);
    await expect(focused(input(page))).resolves.toBe(true);
    // The intro before the first message: AI, sensitive data, the human routes, privacy and accessibility.
    const intro = page.locator('pegamento-chat .intro');
    await expect(intro.getByRole('link', { name: `Call ${DEMO_PHONE}` }).getAttribute('href')).resolves.toBe('tel:+31201234567');
    await expect(intro.getByRole('link', { name: `E-mail ${DEMO_EMAIL}` }).isVisible()).resolves.toBe(true);
    await expect(intro.getByRole('link', { name: /Privacy and AI/ }).getAttribute('href')).resolves.toBe(`${service.url}/privacy?lang=en`);
    await expect(intro.getByRole('link', { name: /Accessibility/ }).isVisible()).resolves.toBe(true);
    expect(await intro.innerText()).toMatch(/BSN/);
    await expectNoAxeViolations(page, 'widget open, English', 'pegamento-chat');
    await saveScreenshot(page, 'widget-open-en');

    await page.keyboard.type('How do I return an item?');
    await page.keyboard.press('Enter');
    const answer = messagesBy(page, 'ai').filter({ hasText: /30 days/ });
    await answer.waitFor();
    await expect(focused(input(page))).resolves.toBe(true);
    await expect(accessibleName(answer)).resolves.toBe('AI assistant said:');
    await expect(answer.locator('.tag-ai').innerText()).resolves.toBe('AI assistant');
    await expect(answer.getAttribute('lang')).resolves.toBe('en');
    await expect(answer.getByRole('link', { name: /Returns/ }).getAttribute('href')).resolves.toBe('https://voorbeeldwinkel.example/en/returns');
    const question = messagesBy(page, 'customer').first();
    await expect(accessibleName(question)).resolves.toBe('You said:');
    // The opening disclosure is an AI message, but no answer to flag.
    await expect(messagesBy(page, 'ai').first().getByRole('button').count()).resolves.toBe(0);
    await expect(page.locator('pegamento-chat .log').getAttribute('aria-live')).resolves.toBe('polite');
    await expect(page.locator('pegamento-chat .log').getAttribute('role')).resolves.toBe('log');

    // "Talk to a person", by keyboard: the status line and the status region say so.
    const person = page.locator('pegamento-chat .btn-person');
    await tabTo(page, person, true);
    await page.keyboard.press('Enter');
    await eventually(async () => (await statusLine(page).innerText()) === 'You are waiting for a person. You are in the queue.', 5_000, 50);
    await expect(statusLine(page).getAttribute('role')).resolves.toBe('status');
    await messagesBy(page, 'system').filter({ hasText: /queue/ }).waitFor();
    await expect(focused(person)).resolves.toBe(true);

    // "This is wrong", by keyboard: the answer shows it was flagged; focus stays on it.
    const flag = answer.getByRole('button', { name: 'This is wrong' });
    await tabTo(page, flag, true);
    await page.keyboard.press('Enter');
    const flagged = answer.getByRole('button', { name: 'Reported as wrong' });
    await flagged.waitFor();
    await expect(flagged.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(focused(flagged)).resolves.toBe(true);
    await expect(page.locator('pegamento-chat .notice').innerText()).resolves.toMatch(/Thank you/);

    // Esc closes and puts focus back on the launcher.
    await page.keyboard.press('Escape');
    await expect(panel(page).isVisible()).resolves.toBe(false);
    await expect(focused(launcher(page))).resolves.toBe(true);

    // A reload continues the conversation.
    const before = await page.locator('pegamento-chat article[data-message-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
    await page.reload();
    await launcher(page).waitFor();
    await tabTo(page, launcher(page));
    await page.keyboard.press('Enter');
    await eventually(async () => (await page.locator('pegamento-chat article[data-message-id]').count()) >= before.length, 5_000, 50);
    const after = await page.locator('pegamento-chat article[data-message-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
    expect(after.slice(0, before.length)).toEqual(before);
    await expect(answer.getByRole('button', { name: 'Reported as wrong' }).isVisible()).resolves.toBe(true);

    // The network drops; meanwhile an agent claims and replies; it appears once, labelled with the agent's name.
    const conversationId = await conversationIdOf(page);
    expect(conversationId).toEqual(expect.any(String));
    await context.setOffline(true);
    await eventually(async () => /No connection/.test(await statusLine(page).innerText()), 15_000, 100);
    const agent = await login(SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
    const claimed = await api.request<{ conversation: ConversationShape }>('POST', `/api/v1/agent/conversations/${conversationId}/claim`, { token: agent });
    expect(claimed.status).toBe(200);
    const agentName = claimed.body.conversation.assignedAgent!.displayName;
    const reply = 'Hello, I checked your question. You can return it within 30 days.';
    expect((await api.request('POST', `/api/v1/agent/conversations/${conversationId}/messages`, { token: agent, json: { text: reply } })).status).toBe(202);
    await context.setOffline(false);
    const agentMessage = messagesBy(page, 'agent').filter({ hasText: reply });
    await agentMessage.waitFor({ timeout: 20_000 });
    await expect(accessibleName(agentMessage)).resolves.toBe(`${agentName} (agent) said:`);
    await expect(agentMessage.locator('.tag-agent').innerText()).resolves.toBe(`${agentName} (agent)`);
    await eventually(async () => (await statusLine(page).innerText()) === `${agentName} (agent) is helping you now.`, 5_000, 50);
    // Give a late socket copy time to show up: still exactly one.
    await page.waitForTimeout(500);
    await expect(agentMessage.count()).resolves.toBe(1);
    const ids = await page.locator('pegamento-chat article[data-message-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
    expect(new Set(ids).size).toBe(ids.length);

    // The transcript: a .txt download and a mailto link, with who wrote each message.
    const download = page.waitForEvent('download');
    await page.locator('pegamento-chat .tools').getByRole('button', { name: 'Download conversation' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^conversation-\d{4}-\d{2}-\d{2}\.txt$/);
    const chunks: Buffer[] = [];
    for await (const chunk of (await file.createReadStream())!) chunks.push(chunk as Buffer);
    const transcript = Buffer.concat(chunks).toString('utf8');
    expect(transcript).toMatch(/\] AI assistant: /);
    expect(transcript).toContain('] You: How do I return an item?');
    expect(transcript).toContain(`] ${agentName} (agent): ${reply}`);
    const mailto = await page.locator('pegamento-chat .tools').getByRole('link', { name: 'E-mail conversation' }).getAttribute('href');
    expect(decodeURIComponent(mailto!.split('&body=')[1]!)).toContain(`${agentName} (agent): ${reply}`);

    // Unread messages while closed: a count in words on the launcher.
    await page.keyboard.press('Escape');
    expect((await api.request('POST', `/api/v1/agent/conversations/${conversationId}/messages`, { token: agent, json: { text: 'Anything else?' } })).status).toBe(202);
    await eventually(async () => /1 new/.test(await launcher(page).innerText()), 10_000, 50);
    await expect(page.locator('pegamento-chat .root > p[role="status"]').innerText()).resolves.toBe('1 new message');
    await expect(launcher(page).getAttribute('aria-expanded')).resolves.toBe('false');
    expect(cspViolations).toEqual([]);
  });

  it('in Dutch: a conversation passes axe, every message says who wrote it and carries its language; the language switch changes the texts', async () => {
    const { page } = await open({ locale: 'nl-NL' });
    await page.goto(`${service.url}/`);
    await launcher(page).click();
    await expectNoAxeViolations(page, 'widget open, Dutch', 'pegamento-chat');
    await input(page).fill('Hoe kan ik iets retourneren?');
    await page.keyboard.press('Enter');
    const answer = messagesBy(page, 'ai').filter({ hasText: /30 dagen/ });
    await answer.waitFor();
    await expect(accessibleName(answer)).resolves.toBe('AI-assistent zei:');
    await expect(answer.locator('.tag-ai').innerText()).resolves.toBe('AI-assistent');
    await expect(answer.getAttribute('lang')).resolves.toBe('nl');
    await expect(answer.getByRole('button', { name: 'Dit klopt niet' }).isVisible()).resolves.toBe(true);
    await expect(answer.getByRole('link', { name: /Retourneren/ }).isVisible()).resolves.toBe(true);
    // The assistant's typing line is text, never animated dots.
    expect(await page.locator('pegamento-chat .typing').count()).toBe(0);
    await expectNoAxeViolations(page, 'widget with a conversation, Dutch', 'pegamento-chat');
    await saveScreenshot(page, 'widget-conversation-nl');

    // The switch changes the UI texts; the conversation keeps its language on its messages.
    await page.locator('pegamento-chat .head').getByRole('button', { name: /English/ }).click();
    await expect(page.locator('pegamento-chat #pgm-title').innerText()).resolves.toBe('Chat with us');
    await expect(accessibleName(answer)).resolves.toBe('AI assistant said:');
    await expect(answer.getAttribute('lang')).resolves.toBe('nl');
    await expect(answer.locator('.author').getAttribute('lang')).resolves.toBe('en');
    await expect(messagesBy(page, 'customer').first().getAttribute('lang')).resolves.toBe('en');
    await expectNoAxeViolations(page, 'widget with a Dutch conversation, English texts', 'pegamento-chat');

    // A new conversation uses the chosen language.
    await page.locator('pegamento-chat .tools').getByRole('button', { name: 'New conversation' }).click();
    await input(page).fill('Hello');
    await page.keyboard.press('Enter');
    const disclosure = messagesBy(page, 'ai').first();
    await disclosure.waitFor();
    await expect(disclosure.getAttribute('lang')).resolves.toBe('en');
    await expect(disclosure.innerText()).resolves.toMatch(/AI assistant/);
  });

  it('fits 320 CSS px and 400% zoom without sideways scrolling, keeps "talk to a person" in view, has targets of 24×24 px or more and no motion when asked', async () => {
    const { page } = await open({ viewport: { width: 320, height: 640 }, reducedMotion: 'reduce', locale: 'nl-NL' });
    await page.goto(`${service.url}/`);
    const noSidewaysScroll = () =>
      page.evaluate(() => {
        const w = globalThis as unknown as InPage;
        return w.document.documentElement.scrollWidth <= w.innerWidth;
      });
    await expect(noSidewaysScroll()).resolves.toBe(true);
    await launcher(page).click();
    const person = page.locator('pegamento-chat .btn-person');
    // Before the first message, the whole intro (AI, sensitive data, human routes, privacy, accessibility) is visible without scrolling.
    const lastIntroLink = page.locator('pegamento-chat .intro').getByRole('link', { name: /Toegankelijkheid/ });
    const introBottom = await lastIntroLink.boundingBox().then((b) => b!.y + b!.height);
    expect(introBottom).toBeLessThanOrEqual((await person.boundingBox())!.y);
    const introTop = (await page.locator('pegamento-chat .intro').boundingBox())!.y;
    expect(introTop).toBeGreaterThanOrEqual((await page.locator('pegamento-chat .body').boundingBox())!.y);
    await saveScreenshot(page, 'widget-320px-intro');
    await input(page).fill('Hoe kan ik iets retourneren?');
    await page.keyboard.press('Enter');
    await messagesBy(page, 'ai').filter({ hasText: /30 dagen/ }).waitFor();

    const box = await panel(page).boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 320, height: 640 });
    await expect(noSidewaysScroll()).resolves.toBe(true);
    await expect(panel(page).evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    await expect(page.locator('pegamento-chat .body').evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    await expect(person.isVisible()).resolves.toBe(true);
    const personBox = (await person.boundingBox())!;
    expect(personBox.y + personBox.height).toBeLessThanOrEqual(640);
    expect(personBox.x + personBox.width).toBeLessThanOrEqual(320);
    await saveScreenshot(page, 'widget-320px');

    // Every button and link of the widget is at least 24×24 CSS px.
    const small = await page.locator('pegamento-chat').evaluate((host) => {
      const root = host.shadowRoot!;
      return [...root.querySelectorAll('button, a[href]')]
        .map((el) => ({ el, rect: el.getBoundingClientRect() }))
        .filter(({ rect }) => rect.width > 0 && rect.height > 0)
        .filter(({ rect }) => rect.width < 24 || rect.height < 24)
        .map(({ el, rect }) => `${el.textContent?.trim()} ${rect.width}×${rect.height}`);
    });
    expect(small).toEqual([]);
    const counted = await page.locator('pegamento-chat').evaluate((host) => host.shadowRoot!.querySelectorAll('button, a[href]').length);
    expect(counted).toBeGreaterThan(8);

    // Reduced motion: no animation, no smooth scrolling.
    await expect(panel(page).evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).animationName)).resolves.toBe('none');
    await expect(page.locator('pegamento-chat .body').evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).scrollBehavior)).resolves.toBe('auto');

    // 400% zoom of a 1280×1024 screen: 320×256 CSS px. The panel scrolls as one; nothing sideways.
    await page.setViewportSize({ width: 320, height: 256 });
    await expect(noSidewaysScroll()).resolves.toBe(true);
    await expect(panel(page).evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight > el.clientHeight)).resolves.toBe(true);
    await person.scrollIntoViewIfNeeded();
    await expect(person.isVisible()).resolves.toBe(true);
    await saveScreenshot(page, 'widget-400-percent');
  });

  it('never hides the keyboard focus behind the open panel', async () => {
    const focusHidden = (page: Page) =>
      page.evaluate(() => {
        const doc = (globalThis as unknown as InPage).document;
        const el = doc.activeElement;
        if (!el || el === doc.body || el.tagName === 'PEGAMENTO-CHAT') return false;
        const r = el.getBoundingClientRect();
        const atCentre = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return atCentre !== null && atCentre.tagName === 'PEGAMENTO-CHAT';
      });
    // Wide: the panel sits beside the page; Shift+Tab from its first control walks back through the page.
    const { page } = await open({ viewport: { width: 1024, height: 700 } });
    await page.goto(`${service.url}/?lang=en`);
    await tabTo(page, launcher(page));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('pegamento-chat .head button').first(), true);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      await page.waitForTimeout(50);
      expect(await focusHidden(page)).toBe(false);
    }
    // Narrow: the open panel covers the whole page, so focus moving onto the page closes it (the conversation stays).
    await tabTo(page, page.locator('pegamento-chat .head button').first());
    await page.setViewportSize({ width: 400, height: 700 });
    await expect(panel(page).boundingBox()).resolves.toMatchObject({ x: 0, y: 0, width: 400, height: 700 });
    await page.keyboard.press('Shift+Tab');
    await eventually(async () => !(await panel(page).isVisible()), 2_000, 20);
    expect(await focusHidden(page)).toBe(false);
  });
});
