import { render } from 'preact';
import styles from './styles/widget.css';
import { ChatWidget } from './components/chat-widget';
import { resolveUiLocale } from './i18n/i18n';
import { HttpChatApi } from './lib/chat-api';
import { ChatSession } from './lib/chat-session';
import { browserStore, randomId } from './lib/browser-store';
import { STORAGE_KEY_PREFIX } from './lib/config';
import { connectLive } from './lib/live-socket';

/**
 * The customer widget, embedded with one tag:
 *   <script src="https://<host>/widget.js" data-locale="nl" async></script>
 * It defines <pegamento-chat> (its own shadow DOM, so the page's styles do not leak in or
 * out) and adds one to the page unless the page placed one itself. Options, as data-*
 * on the script or as attributes on the element: api (default: the script's own
 * origin), locale (nl | en; default: the browser's language), open (start opened).
 */
const TAG = 'pegamento-chat';
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const scriptOptions = {
  api: script?.dataset['api'] ?? (script?.src ? new URL(script.src, location.href).origin : location.origin),
  locale: script?.dataset['locale'] ?? null,
  open: script?.dataset['open'] !== undefined && script.dataset['open'] !== 'false',
};

function adoptStyles(root: ShadowRoot): void {
  // A constructed stylesheet is not subject to the page's CSP style-src (no 'unsafe-inline' needed).
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = styles;
  root.appendChild(style);
}

class PegamentoChat extends HTMLElement {
  private session: ChatSession | null = null;

  connectedCallback(): void {
    if (this.session) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    const apiBase = (this.getAttribute('api') ?? scriptOptions.api).replace(/\/+$/, '');
    const store = browserStore();
    const session = new ChatSession({
      api: new HttpChatApi(apiBase, (url, init) => fetch(url, { ...init, mode: 'cors', credentials: 'omit' })),
      connect: connectLive(apiBase),
      store,
      storageKey: `${STORAGE_KEY_PREFIX}${apiBase}`,
      newId: randomId,
    });
    this.session = session;
    const locale = resolveUiLocale([this.getAttribute('locale'), scriptOptions.locale, ...(navigator.languages ?? []), navigator.language]);
    const startOpen = this.hasAttribute('open') ? this.getAttribute('open') !== 'false' : scriptOptions.open;
    render(
      <ChatWidget session={session} host={this} apiBase={apiBase} initialLocale={locale} startOpen={startOpen} store={store} prefsKey={`${STORAGE_KEY_PREFIX}${apiBase}:ui`} />,
      root,
    );
  }

  disconnectedCallback(): void {
    if (this.shadowRoot) render(null, this.shadowRoot);
    this.session?.dispose();
    this.session = null;
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, PegamentoChat);

function mount(): void {
  if (!document.querySelector(TAG)) document.body.appendChild(document.createElement(TAG));
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
