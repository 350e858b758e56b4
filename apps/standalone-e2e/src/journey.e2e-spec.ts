import type { Browser, Locator, Page } from 'playwright-core';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { buildUiForTest, launchBrowser, newPage, saveScreenshot } from './support/browser';
import { SEED_USERS } from './support/conversation-contract';

/** What page.evaluate sees of the browser (the tests are compiled without the DOM library). */
interface InPage {
  document: { activeElement: { id: string; getAttribute(name: string): string | null; innerText?: string } | null };
  sessionStorage: { length: number; key(i: number): string | null; getItem(key: string): string | null };
}

/**
 * Issue #5's whole journey in one run, keyboard only, in two real Chromium windows on the
 * standalone process: a customer in the widget on the demo shop asks a question and gets
 * an answer labelled as AI, asks for a person and flags the answer; an agent in the
 * console logs in, claims and replies; the customer sees the reply under the agent's name.
 */
describe('customer and agent, keyboard only, in the browser', () => {
  let db: TestDatabase;
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-journey-e2e-secret-long-enough-for-hs256',
      UI_DIR: buildUiForTest(),
      ...SEED_USERS,
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await db?.drop();
  });

  /** Tab (or Shift+Tab) until `locator` has focus; inside the widget's shadow root too. */
  async function tabTo(page: Page, locator: Locator, backwards = false, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      const has = await locator.evaluate((el) => (el.getRootNode() as { activeElement: unknown }).activeElement === el).catch(() => false);
      if (has) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`could not reach ${locator.toString()} by keyboard`);
  }

  it('a question, an AI answer labelled as AI, a request for a person, a flag, a claim and a reply under the agent’s name', async () => {
    // The customer, on the demo shop, in English.
    const customer = await newPage(browser);
    const shop = customer.page;
    await shop.goto(`${service.url}/?lang=en`);
    const launcher = shop.locator('pegamento-chat .launcher');
    await launcher.waitFor();
    await tabTo(shop, launcher);
    await shop.keyboard.press('Enter');
    // Opening the panel puts the focus in the message box; type once it is there.
    const input = shop.locator('pegamento-chat #pgm-input');
    await eventually(() => input.evaluate((el) => (el.getRootNode() as { activeElement: unknown }).activeElement === el), 5_000, 20);
    await shop.keyboard.type('How do I return an item?');
    await shop.keyboard.press('Enter');
    const answer = shop.locator('pegamento-chat article[data-author-type="ai"]').filter({ hasText: /30 days/ });
    await answer.waitFor({ timeout: 30_000 });
    await expect(answer.locator('.tag-ai').innerText()).resolves.toBe('AI assistant');

    // Asks for a person with the always-visible button, then flags the answer.
    await tabTo(shop, shop.locator('pegamento-chat .btn-person'), true);
    await shop.keyboard.press('Enter');
    await shop.locator('pegamento-chat article[data-author-type="system"]').filter({ hasText: /queue/ }).waitFor();
    await tabTo(shop, answer.getByRole('button', { name: 'This is wrong' }), true);
    await shop.keyboard.press('Enter');
    await answer.getByRole('button', { name: 'Reported as wrong' }).waitFor();
    const conversationId = await shop.evaluate(() => {
      const storage = (globalThis as unknown as InPage).sessionStorage;
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        if (key.startsWith('pegamento-chat:v1:') && !key.endsWith(':ui')) return (JSON.parse(storage.getItem(key)!) as { conversationId: string }).conversationId;
      }
      return null;
    });
    expect(conversationId).toEqual(expect.any(String));

    // The agent, in the console: logs in, finds the conversation in the queue, claims, replies.
    const agent = await newPage(browser);
    const console_ = agent.page;
    await console_.goto(`${service.url}/console`);
    for (let i = 0; i < 30 && (await console_.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id)) !== 'login-email'; i++) await console_.keyboard.press('Tab');
    await console_.keyboard.type(SEED_USERS.SEED_AGENT_EMAIL);
    await console_.keyboard.press('Tab');
    await console_.keyboard.type(SEED_USERS.SEED_AGENT_PASSWORD);
    await console_.keyboard.press('Enter');
    await console_.locator('h1', { hasText: 'Queue' }).waitFor();
    const card = console_.locator(`[data-conversation-id="${conversationId}"]`);
    await card.waitFor({ timeout: 15_000 });
    await console_.keyboard.press('j');
    await console_.keyboard.press('c');
    await console_.locator('[role="status"]', { hasText: 'Claimed.' }).waitFor({ timeout: 15_000 });
    // The flagged answer is in the agent's transcript, marked.
    await console_.locator('.message-flagged').waitFor();
    await expect(console_.locator('.summary').innerText()).resolves.toContain('customer: How do I return an item?');
    await console_.keyboard.press('r');
    await console_.keyboard.type('Hello, I am Sanne. You can return it within 30 days, free of charge.');
    await console_.keyboard.press('Control+Enter');
    await console_.locator('[role="status"]', { hasText: 'Sent.' }).waitFor();

    // The customer sees the reply under the agent's name, and the change of who answers.
    const reply = shop.locator('pegamento-chat article[data-author-type="agent"]').filter({ hasText: 'free of charge' });
    await reply.waitFor({ timeout: 20_000 });
    await expect(reply.locator('.tag-agent').innerText()).resolves.toBe('Sanne (agent)');
    await eventually(async () => (await shop.locator('pegamento-chat .status').innerText()) === 'Sanne (agent) is helping you now.', 10_000, 50);
    await saveScreenshot(shop, 'journey-customer');
    await saveScreenshot(console_, 'journey-agent');
    await customer.context.close();
    await agent.context.close();
  });
});
