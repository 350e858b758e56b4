import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { format, INTL_LOCALE, otherLocale, TEXTS, type UiLocale } from '../i18n/i18n';
import type { ChatSession, ChatState, KeyValueStore } from '../lib/chat-session';
import { MAILTO_MAX_LENGTH, MESSAGE_MAX_CHARS } from '../lib/config';
import { isAiAnswer, safeHttpUrl } from '../lib/messages';
import { statusText, unreadText } from '../lib/status';
import { mailtoTranscript, transcriptFileName, transcriptText } from '../lib/transcript';
import { ChatIcon, CloseIcon, InfoIcon, PersonIcon, SendIcon, WarningIcon } from './icons';
import { MessageItem, PendingItem } from './message-item';

export interface ChatWidgetProps {
  session: ChatSession;
  /** The custom element: focus outside it is the page's. */
  host: HTMLElement;
  apiBase: string;
  initialLocale: UiLocale;
  startOpen: boolean;
  store: KeyValueStore;
  prefsKey: string;
}

interface Prefs {
  locale?: UiLocale;
  open?: boolean;
}

function readPrefs(store: KeyValueStore, key: string): Prefs {
  try {
    const value = JSON.parse(store.getItem(key) ?? '{}') as Prefs;
    return typeof value === 'object' && value ? value : {};
  } catch {
    return {};
  }
}

function writePrefs(store: KeyValueStore, key: string, prefs: Prefs): void {
  try {
    store.setItem(key, JSON.stringify(prefs));
  } catch {
    // storage blocked: preferences last as long as the page
  }
}

function useSessionState(session: ChatSession): ChatState {
  const [state, setState] = useState(session.getState());
  useEffect(() => session.subscribe(() => setState(session.getState())), [session]);
  return state;
}

/** Is `inner` wholly inside `outer` (the panel would hide it)? */
function covers(outer: DOMRect, inner: DOMRect): boolean {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

/**
 * The customer widget: a launcher and a non-modal chat panel. Keyboard only works
 * throughout (no trap; Esc closes and returns focus to the launcher); the message list is
 * a polite log that never takes focus; who answers now is a status line; every message
 * says who wrote it in text and icon.
 */
export function ChatWidget({ session, host, apiBase, initialLocale, startOpen, store, prefsKey }: ChatWidgetProps) {
  const state = useSessionState(session);
  const prefs = useMemo(() => readPrefs(store, prefsKey), [store, prefsKey]);
  const [locale, setLocale] = useState<UiLocale>(prefs.locale ?? initialLocale);
  const [open, setOpen] = useState<boolean>(prefs.open ?? startOpen);
  const [draft, setDraft] = useState('');
  const focusTarget = useRef<'input' | 'launcher' | null>(null);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const texts = TEXTS[locale];

  useEffect(() => {
    void session.restore();
  }, [session]);

  useEffect(() => {
    void session.loadInfo(locale);
  }, [session, locale]);

  // Open or closed survives a reload; the language only when the customer chose it (else the page's data-locale wins).
  const chosenLocale = useRef<UiLocale | undefined>(prefs.locale);
  useEffect(() => {
    session.setVisible(open);
    writePrefs(store, prefsKey, { locale: chosenLocale.current, open });
  }, [session, open, locale, store, prefsKey]);

  const switchLocale = (next: UiLocale) => {
    chosenLocale.current = next;
    setLocale(next);
  };

  // Move focus only where the customer's own action asked for it (never on a new message),
  // in the same commit that shows or hides the panel: an effect runs after paint, and a key
  // pressed in between would land on <body> (seen under load in CI).
  useLayoutEffect(() => {
    if (focusTarget.current === 'input' && open) inputRef.current?.focus();
    if (focusTarget.current === 'launcher' && !open) launcherRef.current?.focus();
    focusTarget.current = null;
  }, [open]);

  const close = useCallback((returnFocus: boolean) => {
    focusTarget.current = returnFocus ? 'launcher' : null;
    setOpen(false);
  }, []);

  // Focus is never hidden by the panel (WCAG 2.4.11): when focus moves to a part of the
  // page the open panel covers entirely, the panel closes (the conversation stays).
  useEffect(() => {
    if (!open) return undefined;
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (!(target instanceof Element) || target === host || host.contains(target)) return;
      const panel = panelRef.current;
      if (panel && covers(panel.getBoundingClientRect(), target.getBoundingClientRect())) close(false);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [open, host, close]);

  // New messages scroll into view unless the customer scrolled up to read; focus stays where it is.
  const itemCount = state.messages.length + state.pending.length + (state.typing ? 1 : 0);
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    // Before the first message the intro stays in view from its top; after it, the newest message.
    if (itemCount === 0) body.scrollTop = 0;
    else if (stickToBottom.current) body.scrollTop = body.scrollHeight;
  }, [itemCount, open]);

  const onScroll = () => {
    const body = bodyRef.current;
    if (body) stickToBottom.current = body.scrollHeight - body.scrollTop - body.clientHeight < 48;
  };

  const openPanel = () => {
    focusTarget.current = 'input';
    setOpen(true);
  };

  const submit = (event?: Event) => {
    event?.preventDefault();
    if (!draft.trim()) return;
    stickToBottom.current = true;
    void session.send(draft, locale);
    setDraft('');
  };

  const onComposerKey = (event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event);
  };

  const onPanelKey = (event: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    }
  };

  const download = () => {
    const blob = new Blob([transcriptText(state.messages, texts, locale)], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = transcriptFileName(texts, new Date());
    link.hidden = true;
    (host.shadowRoot ?? document.body).appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const conversationLocale = state.conversation?.locale ?? locale;
  const time = new Intl.DateTimeFormat(INTL_LOCALE[locale], { hour: '2-digit', minute: '2-digit', hour12: false });
  const unread = unreadText(state.unread, texts);
  const info = state.info;
  const privacyUrl = safeHttpUrl(info?.privacyNoticeUrl ?? `/privacy?lang=${locale}`, apiBase);
  const accessibilityUrl = safeHttpUrl(info?.accessibilityStatementUrl ?? `/accessibility?lang=${locale}`, apiBase);
  const phone = info?.humanRoutes.phone ?? null;
  const email = info?.humanRoutes.email ?? null;
  const hours = info?.openingHours;
  const other = otherLocale(locale);
  const mailto = state.messages.length > 0 ? mailtoTranscript(state.messages, texts, locale, MAILTO_MAX_LENGTH) : null;

  return (
    <div class="root">
      <button
        ref={launcherRef}
        type="button"
        class="launcher"
        lang={locale}
        hidden={open}
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="pgm-panel"
        onClick={openPanel}
      >
        <ChatIcon />
        <span>{texts['launcher.label']}</span>
        {unread && (
          <span class="unread">
            <span aria-hidden="true">{unread.badge}</span>
            <span class="sr-only">({unread.label})</span>
          </span>
        )}
      </button>

      {/* While the panel is closed, new messages are announced here (the log inside the closed panel is silent). */}
      <p class="sr-only" role="status" lang={locale}>
        {!open && unread ? unread.label : ''}
      </p>

      <section id="pgm-panel" ref={panelRef} class="panel" role="dialog" aria-labelledby="pgm-title" lang={locale} hidden={!open} onKeyDown={onPanelKey}>
        <header class="head">
          <h2 id="pgm-title">{texts['panel.title']}</h2>
          <div class="head-actions">
            <button type="button" class="btn btn-quiet" onClick={() => switchLocale(other)}>
              <span class="sr-only">{texts['panel.languagePrefix']} </span>
              <span lang={other}>{TEXTS[other]['panel.languageName']}</span>
            </button>
            <button type="button" class="btn btn-quiet" aria-label={texts['panel.closeLabel']} onClick={() => close(true)}>
              <CloseIcon />
              <span aria-hidden="true">{texts['panel.close']}</span>
            </button>
          </div>
        </header>

        <p class="status" role="status">
          {state.conversation?.status === 'with_agent' ? <PersonIcon /> : <InfoIcon />}
          <span>{statusText(state, texts)}</span>
        </p>

        <div class="body" ref={bodyRef} onScroll={onScroll}>
          <div class="intro">
            <p>{texts['intro.ai']}</p>
            <p class="warn">
              <WarningIcon />
              <span>{texts['intro.sensitive']}</span>
            </p>
            {hours && !hours.openNow && <p>{hours.nextOpeningText ? format(texts['intro.closedUntil'], { time: hours.nextOpeningText }) : texts['intro.closed']}</p>}
            <ul class="links">
              <li class="routes-title">{texts['intro.otherRoutes']}</li>
              {phone && (
                <li>
                  <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{format(texts['intro.phone'], { phone })}</a>
                </li>
              )}
              {email && (
                <li>
                  <a href={`mailto:${email}`}>{format(texts['intro.email'], { email })}</a>
                </li>
              )}
              {!phone && !email && <li>{texts['intro.askPerson']}</li>}
            </ul>
            <ul class="links">
              {privacyUrl && (
                <li>
                  <a href={privacyUrl} target="_blank" rel="noopener">
                    {texts['intro.privacy']}
                    <span class="sr-only"> {texts['message.newTab']}</span>
                  </a>
                </li>
              )}
              {accessibilityUrl && (
                <li>
                  <a href={accessibilityUrl} target="_blank" rel="noopener">
                    {texts['intro.accessibility']}
                    <span class="sr-only"> {texts['message.newTab']}</span>
                  </a>
                </li>
              )}
            </ul>
          </div>

          <div class="log" role="log" aria-live="polite" aria-label={texts['log.label']}>
            {state.messages.map((message, index) => (
              <MessageItem
                key={message.id}
                message={message}
                texts={texts}
                uiLocale={locale}
                conversationLocale={conversationLocale}
                time={time.format(new Date(message.createdAt))}
                answer={isAiAnswer(state.messages, index)}
                flagging={state.flagging.includes(message.id)}
                onFlag={(id) => void session.flag(id)}
                apiBase={apiBase}
              />
            ))}
            {state.pending.map((pending) => (
              <PendingItem key={pending.clientMessageId} pending={pending} texts={texts} uiLocale={locale} onRetry={(id) => void session.retry(id, locale)} />
            ))}
          </div>
          {state.typing && (
            <p class="typing" lang={conversationLocale}>
              {state.typing.text}
            </p>
          )}
        </div>

        <footer class="foot">
          <p class={`notice${state.notice?.tone === 'error' ? ' notice-error' : ''}`} role="status">
            {state.notice && (
              <span key={state.notice.serial}>
                {state.notice.tone === 'error' ? <WarningIcon /> : <InfoIcon />}
                {format(texts[state.notice.key], state.notice.params)}
              </span>
            )}
          </p>
          <button type="button" class="btn btn-person" onClick={() => void session.requestPerson(locale)}>
            <PersonIcon />
            {texts['person.button']}
          </button>
          <form class="composer" onSubmit={submit}>
            <label for="pgm-input">{texts['composer.label']}</label>
            <span class="sr-only" id="pgm-input-hint">
              {texts['composer.hint']}
            </span>
            <div class="row">
              <textarea
                id="pgm-input"
                ref={inputRef}
                rows={2}
                maxLength={MESSAGE_MAX_CHARS}
                aria-describedby="pgm-input-hint"
                value={draft}
                onInput={(event) => setDraft(event.currentTarget.value)}
                onKeyDown={onComposerKey}
              />
              <button type="submit" class="btn btn-primary">
                <SendIcon />
                {texts['composer.send']}
              </button>
            </div>
          </form>
          {state.messages.length > 0 && (
            <ul class="tools">
              <li>
                <button type="button" class="btn btn-link" onClick={download}>
                  {texts['transcript.download']}
                </button>
              </li>
              {mailto && (
                <li>
                  <a class="btn btn-link" href={mailto.href}>
                    {texts['transcript.email']}
                  </a>
                </li>
              )}
              <li>
                <button
                  type="button"
                  class="btn btn-link"
                  onClick={() => {
                    session.reset();
                    inputRef.current?.focus();
                  }}
                >
                  {texts['transcript.newConversation']}
                </button>
              </li>
            </ul>
          )}
        </footer>
      </section>
    </div>
  );
}
