import { io, type Socket } from 'socket.io-client';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FakeBackoffice } from '@pegamento/data-access-backoffice/testing';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { AccessTokenService } from '@pegamento/util-auth';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { buildUiForTest, expectNoAxeViolations, launchBrowser, newPage, saveScreenshot } from './support/browser';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * The agent console (libs/handoff/ui-console) in a real Chromium against the standalone
 * process: WCAG 2.2 AA (axe) on every view, keyboard-only work, live updates over the
 * agent socket, tenant isolation of that socket, 320 px reflow, and the admin views.
 */
/**
 * The browser objects the in-page checks use. This file compiles without the DOM lib; the
 * callbacks passed to evaluate() run in Chromium, where globalThis is the window.
 */
interface InPageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  innerText?: string;
  getAttribute(name: string): string | null;
  closest(selector: string): InPageElement | null;
}
interface InPage {
  document: { activeElement: InPageElement | null; documentElement: { lang: string; scrollWidth: number; clientWidth: number } };
  localStorage: object;
  sessionStorage: { getItem(key: string): string | null };
  notReloaded?: boolean;
}

const JWT_SECRET = 'a-console-e2e-secret-long-enough-for-hs256';
const AGENT_NAME = 'Sanne'; // displayName of SEED_AGENT_EMAIL sanne@example.test
const TIMEOUT = 60_000;

interface Customer {
  conversation: ConversationShape;
  token: string;
  messages: MessageShape[];
}

describe('the agent console', () => {
  let db: TestDatabase;
  let service: RunningService;
  let browser: Browser;
  let api: ContractClient;
  let backoffice: FakeBackoffice;

  beforeAll(async () => {
    db = await createTestDatabase();
    backoffice = await FakeBackoffice.start();
    const uiDir = buildUiForTest();
    [service, browser] = await Promise.all([
      startService(standalone, {
        LOG_LEVEL: 'silent',
        PORT: '0',
        DATABASE_URL: db.url,
        JWT_SECRET,
        UI_DIR: uiDir,
        LOGIN_RATE_LIMIT_PER_MINUTE: '200',
        BACKOFFICE_API_URL: backoffice.url,
        ...SEED_USERS,
      }),
      launchBrowser(),
    ]);
    api = new ContractClient(service.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await backoffice?.stop();
    await db?.drop();
  });

  async function customer(body: { locale: string; name?: string; email?: string }): Promise<Customer> {
    const opened = await api.request<Customer>('POST', '/api/v1/web/conversations', { json: body });
    expect(opened.status).toBe(201);
    return opened.body;
  }

  async function say(c: Customer, text: string): Promise<void> {
    expect((await api.request('POST', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token, json: { text } })).status).toBe(202);
  }

  async function transcript(c: Customer): Promise<MessageShape[]> {
    return (await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token })).body.messages;
  }

  /** A customer whose AI answer (with sources) they flag as wrong: a handoff with everything the console shows. */
  async function flaggedHandoff(name: string): Promise<Customer> {
    const c = await customer({ locale: 'en', name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.test` });
    await say(c, 'How do I return my order?');
    const answer = await eventually(async () => (await transcript(c)).find((m) => m.author.type === 'ai' && (m.sources?.length ?? 0) > 0));
    const flagged = await api.request('POST', `/api/v1/web/conversations/${c.conversation.id}/messages/${answer.id}/flag`, {
      token: c.token,
      json: { reason: 'The return period is wrong' },
    });
    expect(flagged.status).toBe(202);
    return c;
  }

  async function apiLogin(email: string, password: string): Promise<string> {
    const r = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email, password } });
    expect(r.status).toBe(200);
    return r.body.accessToken;
  }

  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${service.url}/console`);
    await page.getByLabel(/e-mail/i).fill(email);
    await page.getByLabel(/password|wachtwoord/i).fill(password);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: /Queue|Wachtrij/ }).waitFor();
  }

  /** Presses Tab until the focused element's text or label matches (keyboard-only navigation). */
  async function tabTo(page: Page, name: RegExp, max = 40): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = (globalThis as unknown as InPage).document.activeElement;
        return el ? `${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''} ${el.id}`.trim() : '';
      });
      if (name.test(focused)) return;
    }
    throw new Error(`no element matching ${name} reached with Tab`);
  }

  const statusText = (page: Page) => page.locator('[role="status"]').innerText();

  it(
    'serves the console with a self-only Content-Security-Policy, falls back to index.html, and 404s a missing file',
    async () => {
      const page = await fetch(`${service.url}/console/conversations/abc`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(await page.text()).toContain('/console/console.js');
      expect((await fetch(`${service.url}/console/console.js`)).headers.get('content-type')).toMatch(/javascript/);
      const missing = await fetch(`${service.url}/console/nothing-here.js`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    },
    TIMEOUT,
  );

  it(
    'shows the login in English and Dutch without accessibility violations, with clear error texts',
    async () => {
      const { context, page } = await newPage(browser);
      await page.goto(`${service.url}/console`);
      await page.locator('h1', { hasText: 'Log in to the agent console' }).waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.lang)).toBe('en');
      await expectNoAxeViolations(page, 'login (en)');
      await saveScreenshot(page, 'console-login');

      await page.getByLabel('E-mail address').fill(SEED_USERS.SEED_AGENT_EMAIL);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Log in' }).click();
      const error = page.getByRole('alert');
      await error.waitFor();
      expect(await error.innerText()).toContain('The e-mail address or password is not right.');
      expect(await page.getByLabel('E-mail address').getAttribute('aria-describedby')).toBe('login-error');
      await expectNoAxeViolations(page, 'login with an error (en)');

      await page.getByRole('button', { name: 'Switch the console to Dutch' }).click();
      await page.locator('h1', { hasText: 'Inloggen op de medewerkersconsole' }).waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.lang)).toBe('nl');
      await expectNoAxeViolations(page, 'login (nl)');
      await logIn(page, SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
      expect(await page.locator('h1').innerText()).toBe('Wachtrij');
      await expectNoAxeViolations(page, 'queue (nl)');
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as InPage).localStorage).some((k) => /token|session/i.test(k)))).toBe(false);
      expect(await page.evaluate(() => (globalThis as unknown as InPage).sessionStorage.getItem('pegamento.console.session'))).toContain('token');
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'tells a locked-out agent how long to wait (429 with Retry-After)',
    async () => {
      const { context, page } = await newPage(browser);
      await page.goto(`${service.url}/console`);
      const email = 'nobody-here@example.test';
      for (let i = 0; i < 5; i++) await api.request('POST', '/api/v1/auth/login', { json: { email, password: 'wrong password!' } });
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('Password').fill('wrong password!');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(/locked after too many failed attempts\. Try again in 15 minutes\./);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'lets an agent work by keyboard alone: log in, see a handoff arrive live, claim, reply with Ctrl+Enter, release and close',
    async () => {
      const { context, page } = await newPage(browser);
      await page.goto(`${service.url}/console`);
      await tabTo(page, /login-email/);
      await page.keyboard.type(SEED_USERS.SEED_AGENT_EMAIL);
      await page.keyboard.press('Tab');
      await page.keyboard.type(SEED_USERS.SEED_AGENT_PASSWORD);
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: 'Queue' }).waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.tagName)).toBe('H1');
      await page.getByText('Nobody is waiting.').waitFor();
      await expectNoAxeViolations(page, 'empty queue');
      // Agents do not see the admin views.
      expect(await page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual(['Queue', 'My conversations']);
      await page.getByText('Live updates on').waitFor();

      // A customer's handoff appears without a reload (the agent socket).
      await page.evaluate(() => ((globalThis as unknown as InPage).notReloaded = true));
      backoffice.seed('jan.jansen@example.test', { customerId: 'K-1001', orders: [{ id: '#5001', status: 'Shipped', date: '2026-11-20', summary: 'Winter coat', url: 'https://shop.example/orders/5001' }] });
      const jan = await flaggedHandoff('Jan Jansen');
      // As if Jan had sent a photo and a document along (SMS/WhatsApp media, e-mail attachments).
      await service.app
        .get(DataSource)
        .query(`UPDATE messages SET attachments = $2::jsonb WHERE id = (SELECT id FROM messages WHERE conversation_id = $1 AND direction = 'inbound' ORDER BY created_at LIMIT 1)`, [
          jan.conversation.id,
          JSON.stringify([
            { contentType: 'image/jpeg', url: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0', sizeBytes: 48_213 },
            { contentType: 'application/pdf', url: null, sizeBytes: null, filename: 'bon.pdf' },
          ]),
        ]);
      const card = page.locator(`[data-conversation-id="${jan.conversation.id}"]`);
      await card.waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => (globalThis as unknown as InPage).notReloaded)).toBe(true);
      expect(await card.innerText()).toMatch(/Web chat, English[\s\S]*Waiting: (less than 1 min|1 min)[\s\S]*Why: The customer marked an AI answer as wrong/);
      await expectNoAxeViolations(page, 'queue with a conversation');
      await saveScreenshot(page, 'console-queue');

      // j selects the first (oldest) conversation, c claims it.
      await page.keyboard.press('j');
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.closest('[data-conversation-id]')?.getAttribute('data-conversation-id'))).toBe(jan.conversation.id);
      await page.keyboard.press('c');
      await page.locator('h1', { hasText: 'Conversation with Jan Jansen' }).waitFor();
      await eventually(async () => (await statusText(page)).includes('Claimed. You now answer this conversation.'));
      expect(await page.locator('.conversation-status').innerText()).toContain('With a person');

      // The whole transcript: AI messages marked in text, sources, the flagged answer and its reason, summary, customer.
      const log = page.locator('[role="log"]');
      expect(await log.locator('.message-ai .badge-ai').first().innerText()).toBe('AI assistant');
      expect(await log.locator('.message-ai article').first().getAttribute('aria-label')).toMatch(/^AI assistant, /);
      expect(await log.locator('.message-text').first().getAttribute('lang')).toBe('en');
      expect(await log.getByRole('link', { name: 'Returns' }).getAttribute('href')).toMatch(/\/en\/returns$/);
      const flagged = log.locator('.message-flagged');
      expect(await flagged.innerText()).toMatch(/Flagged by customer[\s\S]*Reason: The return period is wrong/);
      expect(await log.locator('.message-customer').first().getByRole('listitem').allInnerTexts()).toEqual(['Attachment (image/jpeg, 48 kB)', 'Attachment (bon.pdf, application/pdf)']);
      expect(await page.locator('.summary').innerText()).toMatch(/Summary[\s\S]*flagged_answer/);
      expect(await page.locator('.facts').first().innerText()).toMatch(/Jan Jansen[\s\S]*jan\.jansen@example\.test[\s\S]*Web chat[\s\S]*English/);
      // The back office's context of this customer (crm-sync, ADR 0019), beside the conversation.
      const fromBackoffice = page.getByRole('region', { name: 'From the back office' });
      await fromBackoffice.getByRole('link', { name: '#5001' }).waitFor();
      expect(await fromBackoffice.innerText()).toMatch(/Customer number\s+K-1001[\s\S]*Orders[\s\S]*#5001 Shipped · 2026-11-20 · Winter coat/);
      expect(await fromBackoffice.getByRole('link', { name: '#5001' }).getAttribute('href')).toBe('https://shop.example/orders/5001');
      await expectNoAxeViolations(page, 'conversation with AI messages, sources, a flagged answer and a summary');

      // r goes to the reply box; Ctrl+Enter sends.
      await page.keyboard.press('r');
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id)).toBe('reply');
      await page.keyboard.type('Hello Jan, I am Sanne. The return period is 30 days.');
      await page.keyboard.press('Control+Enter');
      await eventually(async () => (await statusText(page)).includes('Sent.'));
      await log.getByText('Hello Jan, I am Sanne. The return period is 30 days.').waitFor();
      expect(await log.locator('.message-agent .badge-agent').first().innerText()).toBe(`${AGENT_NAME} (agent)`);
      expect(await page.locator('#reply').inputValue()).toBe('');
      await expectNoAxeViolations(page, 'conversation after a reply was sent');

      // The customer sees the agent's message under the agent's name.
      const seen = await eventually(async () => (await transcript(jan)).find((m) => m.author.type === 'agent'));
      expect(seen).toMatchObject({ author: { type: 'agent', displayName: AGENT_NAME }, aiGenerated: false, text: 'Hello Jan, I am Sanne. The return period is 30 days.' });

      // A customer message appears in the open conversation without a reload.
      await say(jan, 'Thank you! My order number is 4711.');
      await log.getByText('Thank you! My order number is 4711.').waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => (globalThis as unknown as InPage).notReloaded)).toBe(true);
      await saveScreenshot(page, 'console-conversation');

      // Release by keyboard: back to the assistant, and the customer is told.
      await tabTo(page, /Release to assistant/);
      await page.keyboard.press('Enter');
      await eventually(async () => (await statusText(page)).includes('Released.'));
      expect(await page.locator('.conversation-status').innerText()).toContain('With the AI assistant');
      expect((await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${jan.conversation.id}`, { token: jan.token })).body.conversation.status).toBe('bot');

      // Close by keyboard, with a confirmation that Esc cancels and that starts on "Cancel".
      await tabTo(page, /^Close$/);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Close this conversation?' });
      await dialog.waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.textContent)).toBe('Cancel');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.textContent)).toBe('Close');
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.textContent)).toBe('Close conversation');
      await page.keyboard.press('Enter');
      await eventually(async () => (await statusText(page)).includes('Conversation closed.'));
      expect(await page.locator('.conversation-status').innerText()).toContain('Closed');
      expect((await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${jan.conversation.id}`, { token: jan.token })).body.conversation.status).toBe('closed');

      // g q goes back to the queue; ? opens the shortcuts, which can be switched off (WCAG 2.1.4).
      await page.locator('h1').focus();
      await page.keyboard.press('g');
      await page.keyboard.press('q');
      await page.locator('h1', { hasText: 'Queue' }).waitFor();
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      expect(await help.innerText()).toMatch(/g\s+then\s+q[\s\S]*Go to the queue/);
      await expectNoAxeViolations(page, 'keyboard shortcuts dialog');
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.textContent)).toBe('Close');
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id)).toBe('shortcuts-enabled');
      await page.keyboard.press('Space');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });
      await page.keyboard.press('?');
      await page.waitForTimeout(200);
      expect(await help.isVisible()).toBe(false);
      await context.close();
    },
    120_000,
  );

  it(
    'shows a 409 on claim as "Another agent took this conversation" and refreshes the queue',
    async () => {
      const piet = await customer({ locale: 'en' });
      expect((await api.request('POST', `/api/v1/web/conversations/${piet.conversation.id}/handoff`, { token: piet.token })).status).toBe(202);
      const { context, page } = await newPage(browser);
      // No live updates in this page, so its queue still shows what another agent takes meanwhile.
      await context.route('**/api/v1/agent/socket/**', (route) => route.abort());
      await context.routeWebSocket(/\/api\/v1\/agent\/socket\//, (ws) => ws.close());
      await logIn(page, SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
      const card = page.locator(`[data-conversation-id="${piet.conversation.id}"]`);
      await card.waitFor();
      const admin = await apiLogin(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
      expect((await api.request('POST', `/api/v1/agent/conversations/${piet.conversation.id}/claim`, { token: admin })).status).toBe(200);
      await card.getByRole('button', { name: 'Claim' }).click();
      await eventually(async () => (await statusText(page)).includes('Another agent took this conversation.'));
      await card.waitFor({ state: 'detached' });
      expect(await page.locator('h1').innerText()).toBe('Queue');
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'renews the short-lived token of an active agent by itself, and warns an idle one with a way to stay logged in',
    async () => {
      const { context, page } = await newPage(browser);
      await page.clock.install();
      await logIn(page, SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
      const expiresAt = () => page.evaluate(() => (JSON.parse((globalThis as unknown as InPage).sessionStorage.getItem('pegamento.console.session') ?? '{}') as { expiresAt: number }).expiresAt);
      const first = await expiresAt();
      const refreshes: number[] = [];
      page.on('response', (r) => r.url().endsWith('/api/v1/auth/refresh') && refreshes.push(r.status()));

      // Idle since the token came: 5 minutes before its end (JWT_TTL_SECONDS 900) a warning, no silent renewal.
      await page.clock.fastForward(first - (await page.evaluate(() => Date.now())) - 4 * 60_000);
      const warning = page.getByRole('alert').filter({ hasText: 'Your session ends in' });
      await warning.waitFor();
      expect(refreshes).toEqual([]);
      await warning.getByRole('button', { name: 'Stay logged in' }).click();
      await eventually(async () => (await statusText(page)).includes('You stay logged in.'));
      await warning.waitFor({ state: 'detached' });
      const second = await expiresAt();
      expect(second).toBeGreaterThan(first);

      // Active (a key press) since: renewed in time without a warning.
      await page.keyboard.press('Shift');
      await page.clock.fastForward(second - (await page.evaluate(() => Date.now())) - 4 * 60_000);
      await eventually(async () => (await expiresAt()) > second);
      expect(await warning.count()).toBe(0);
      expect(refreshes).toEqual([200, 200]);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'reflows to 320 CSS px without horizontal scrolling',
    async () => {
      const ann = await flaggedHandoff('Ann Smalle');
      const { context, page } = await newPage(browser, { viewport: { width: 320, height: 640 } });
      await logIn(page, SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
      await page.locator(`[data-conversation-id="${ann.conversation.id}"]`).waitFor();
      const overflow = () => page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth - (globalThis as unknown as InPage).document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.locator(`[data-conversation-id="${ann.conversation.id}"] a`).click();
      await page.locator('h1', { hasText: 'Conversation with Ann Smalle' }).waitFor();
      await page.locator('.message-flagged').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'gives admins the compliance report and the knowledge base, accessible, with create, edit and delete',
    async () => {
      await flaggedHandoff('Report Case');
      const { context, page } = await newPage(browser);
      await logIn(page, SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Compliance report' }).click();
      await page.locator('h1', { hasText: 'Compliance report' }).waitFor();
      const table = page.locator('main table');
      await table.waitFor();
      expect(await table.locator('caption').innerText()).toMatch(/^Compliance from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
      expect(await table.locator('thead').innerText()).toMatch(/Disclosure coverage[\s\S]*Requests for a person[\s\S]*Answered by a person[\s\S]*Median time to a person[\s\S]*90th percentile[\s\S]*Flagged answers/);
      const web = table.locator('tbody tr', { hasText: 'Web chat' });
      expect(await web.innerText()).toMatch(/Web chat\s+\d+\s+\d+(\.\d)?%\s+\d+\s+\d+/);
      expect(Number((await table.locator('tfoot td').last().innerText()).trim())).toBeGreaterThanOrEqual(1);
      await expectNoAxeViolations(page, 'admin compliance report');
      await saveScreenshot(page, 'console-admin-report');
      await page.getByLabel('From', { exact: true }).fill('2026-12-31');
      await page.getByLabel('To (inclusive)').fill('2026-01-01');
      await page.getByRole('button', { name: 'Show report' }).click();
      await page.getByText('The start date must be before the end date.').waitFor();
      expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-describedby')).toBe('report-form-error');

      await nav.getByRole('link', { name: 'Knowledge base' }).click();
      await page.locator('h1', { hasText: 'Knowledge base' }).waitFor();
      await page.locator('table caption', { hasText: 'Articles' }).waitFor();
      expect(await page.locator('tbody th', { hasText: 'Returns' }).count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, 'admin knowledge list');

      await page.getByRole('link', { name: 'New article' }).click();
      await page.locator('h1', { hasText: 'New article' }).waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Fill in a title.').waitFor();
      expect(await page.getByLabel('Title').getAttribute('aria-describedby')).toBe('article-title-error');
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id)).toBe('article-title');
      await expectNoAxeViolations(page, 'admin knowledge form with errors');
      await page.getByLabel('Title').fill('Gift cards');
      await page.getByLabel('Text', { exact: true }).fill('Gift cards are valid for two years and can be used in every shop.');
      await page.getByLabel('Language').selectOption('en');
      await page.getByLabel(/Web address/).fill('https://shop.example/en/gift-cards');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('h1', { hasText: 'Knowledge base' }).waitFor();
      await eventually(async () => (await statusText(page)).includes('Article saved.'));
      const row = page.locator('tbody tr', { hasText: 'Gift cards' });
      await row.waitFor();

      await row.getByRole('link', { name: 'Edit Gift cards' }).click();
      await page.locator('h1', { hasText: 'Edit article' }).waitFor();
      await eventually(async () => (await page.getByLabel('Title').inputValue()) === 'Gift cards');
      await expectNoAxeViolations(page, 'admin knowledge edit form');
      await page.getByLabel('Text', { exact: true }).fill('Gift cards are valid for three years.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('h1', { hasText: 'Knowledge base' }).waitFor();
      const admin = await apiLogin(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
      const listed = await api.request<{ articles: { id: string; title: string; body: string }[] }>('GET', '/api/v1/admin/knowledge?locale=en', { token: admin });
      expect(listed.body.articles.find((a) => a.title === 'Gift cards')?.body).toBe('Gift cards are valid for three years.');

      await page.locator('tbody tr', { hasText: 'Gift cards' }).getByRole('button', { name: 'Delete Gift cards' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete this article?' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Delete article' }).click();
      await eventually(async () => (await statusText(page)).includes('Article deleted.'));
      await page.locator('tbody tr', { hasText: 'Gift cards' }).waitFor({ state: 'detached' });
      await context.close();
    },
    90_000,
  );

  it(
    "pushes live events over the agent socket to the agent's own tenant only, and refuses a bad token",
    async () => {
      const sockets: Socket[] = [];
      const connect = (token: string) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = io(service.url, { path: '/api/v1/agent/socket', auth: { token }, transports: ['websocket'], reconnection: false });
          sockets.push(socket);
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        });
      try {
        await expect(connect('not-a-token')).rejects.toThrow('unauthorized');
        const tokens = new AccessTokenService(JWT_SECRET, 3_600);
        const forged = await tokens.sign({ userId: '00000000-0000-4000-8000-000000000000', tenantId: 'default', role: 'admin', displayName: 'Nobody' });
        await expect(connect(forged)).rejects.toThrow('unauthorized');

        const dataSource = service.app.get(DataSource);
        const [other] = (await dataSource.query(
          `INSERT INTO users (tenant_id, email, display_name, role, password_hash) VALUES ('other-tenant', 'eve@other.test', 'Eve', 'admin', 'x') RETURNING id`,
        )) as { id: string }[];
        const otherToken = await tokens.sign({ userId: other!.id, tenantId: 'other-tenant', role: 'admin', displayName: 'Eve' });
        const agentToken = await apiLogin(SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
        const [mine, theirs] = await Promise.all([connect(agentToken), connect(otherToken)]);
        const received: { socket: 'mine' | 'theirs'; event: string; body: { id: string; conversationId?: string; status?: string } }[] = [];
        for (const [name, socket] of [['mine', mine], ['theirs', theirs]] as const) {
          socket.onAny((event: string, body: { id: string }) => received.push({ socket: name, event, body }));
        }

        const c = await customer({ locale: 'nl' });
        // The customer's socket (gateway-web) works beside the agent socket on the same server.
        const web = api.socket(c.conversation.id, c.token);
        sockets.push(web);
        const webMessages: unknown[] = [];
        web.on('message', (m: unknown) => webMessages.push(m));
        await new Promise<void>((resolve, reject) => {
          web.once('connect', () => resolve());
          web.once('connect_error', reject);
        });
        await say(c, 'Ik wil een medewerker spreken');
        await eventually(() => webMessages.length > 0);
        await eventually(() => received.some((r) => r.socket === 'mine' && r.event === 'queue' && r.body.id === c.conversation.id && r.body.status === 'waiting_for_agent'));
        await eventually(() => received.some((r) => r.socket === 'mine' && r.event === 'message' && r.body.conversationId === c.conversation.id));
        expect(received.filter((r) => r.socket === 'theirs')).toEqual([]);
      } finally {
        for (const socket of sockets) socket.disconnect();
      }
    },
    TIMEOUT,
  );
});
