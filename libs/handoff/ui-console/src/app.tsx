import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ConsoleApi } from './api';
import { Link, ViewHeading } from './components';
import { ConsoleContext, type ConsoleContextValue, type ViewShortcuts } from './context';
import { durationText } from './lib/format';
import { pickLang, translator, type Lang } from './lib/i18n';
import { adminOnly, parseRoute, routePath, type Route } from './lib/routes';
import { readSession, renewalDue, SESSION_KEY, sessionFromLogin, warningRemainingMs, type Session } from './lib/session';
import { ShortcutReader } from './lib/shortcuts';
import type { LoginAnswer } from './lib/types';
import { Live } from './live';
import { ShortcutsDialog } from './shortcuts-dialog';
import { ConversationView } from './views/conversation';
import { KnowledgeFormView, KnowledgeListView } from './views/knowledge';
import { LoginView } from './views/login';
import { MineView, QueueView } from './views/queue';
import { ReportView } from './views/report';

/** Preferences (not secrets) live in localStorage; the session's token only in sessionStorage. */
const LANG_KEY = 'pegamento.console.lang';
const SHORTCUTS_KEY = 'pegamento.console.singleKeyShortcuts';
const ANNOUNCE_CLEAR_MS = 10_000;
const SESSION_CHECK_MS = 5_000;

function stored(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function store(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the console still works for this page.
  }
}

function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => pickLang(stored(localStorage, LANG_KEY)));
  const t = useMemo(() => translator(lang), [lang]);
  const [session, setSession] = useState<Session | null>(() => readSession(stored(sessionStorage, SESSION_KEY), Date.now()));
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const [route, setRoute] = useState<Route>(() => parseRoute(location.pathname));
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [connected, setConnected] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [singleKeys, setSingleKeys] = useState(() => stored(localStorage, SHORTCUTS_KEY) !== 'off');
  const [now, setNow] = useState(Date.now());
  const lastActivity = useRef(Date.now());
  const renewing = useRef(false);
  const shortcuts = useRef<ViewShortcuts>({});
  const reader = useRef(new ShortcutReader());
  const announceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const path = routePath(next);
    if (options.replace) history.replaceState(null, '', path);
    else if (location.pathname !== path) history.pushState(null, '', path);
    setRoute(next);
  }, []);

  const announce = useCallback((text: string) => {
    if (announceTimer.current) clearTimeout(announceTimer.current);
    // Cleared first, so the same words twice are announced twice.
    setAnnouncement('');
    setTimeout(() => setAnnouncement(text), 50);
    announceTimer.current = setTimeout(() => setAnnouncement(''), ANNOUNCE_CLEAR_MS);
  }, []);

  const endSession = useCallback((reason: string | null) => {
    store(sessionStorage, SESSION_KEY, null);
    setSession(null);
    setNotice(reason);
  }, []);

  const onUnauthorized = useCallback(() => {
    if (sessionRef.current) endSession(translator(pickLang(stored(localStorage, LANG_KEY)))('login.sessionEnded'));
  }, [endSession]);

  const api = useMemo(() => new ConsoleApi(() => sessionRef.current?.token ?? null, onUnauthorized), [onUnauthorized]);
  const live = useMemo(() => new Live(onUnauthorized), [onUnauthorized]);

  // Before the browser paints the texts in the new language: a screen reader must never read them in the old one.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    store(localStorage, LANG_KEY, lang);
  }, [lang]);

  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!session) {
      live.disconnect();
      return;
    }
    live.connect(session.token);
  }, [session?.token, live]);

  useEffect(() => live.onState(setConnected), [live]);

  const renew = useCallback(async (): Promise<boolean> => {
    if (renewing.current) return false;
    renewing.current = true;
    try {
      const answer = await api.post<LoginAnswer>('/api/v1/auth/refresh');
      const next = sessionFromLogin(answer, Date.now());
      store(sessionStorage, SESSION_KEY, JSON.stringify(next));
      setSession(next);
      return true;
    } catch {
      return false;
    } finally {
      renewing.current = false;
    }
  }, [api]);

  useEffect(() => {
    const active = () => (lastActivity.current = Date.now());
    addEventListener('keydown', active, { capture: true, passive: true });
    addEventListener('pointerdown', active, { capture: true, passive: true });
    return () => {
      removeEventListener('keydown', active, { capture: true });
      removeEventListener('pointerdown', active, { capture: true });
    };
  }, []);

  useEffect(() => {
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      const current = sessionRef.current;
      if (!current) return;
      if (current.expiresAt <= at) endSession(t('login.sessionEnded'));
      // Short-lived tokens: an agent at work gets a new one in time, without being asked.
      else if (renewalDue(current, at, lastActivity.current)) void renew();
    }, SESSION_CHECK_MS);
    return () => clearInterval(timer);
  }, [endSession, renew, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!sessionRef.current || document.querySelector('dialog[open]')) return;
      const active = document.activeElement;
      const action = reader.current.read(
        { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: isTextField(active), inReplyBox: active?.id === 'reply' },
        singleKeys,
        Date.now(),
      );
      if (!action) return;
      event.preventDefault();
      switch (action) {
        case 'help':
          setHelpOpen(true);
          return;
        case 'gotoQueue':
          navigate({ name: 'queue' });
          return;
        case 'gotoMine':
          navigate({ name: 'mine' });
          return;
        default:
          shortcuts.current[action]?.();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [singleKeys, navigate]);

  const loggedIn = (answer: LoginAnswer) => {
    const next = sessionFromLogin(answer, Date.now());
    store(sessionStorage, SESSION_KEY, JSON.stringify(next));
    setSession(next);
    setNotice(null);
    if (route.name === 'login' || route.name === 'notFound') navigate({ name: 'queue' }, { replace: true });
  };

  const extend = async () => {
    lastActivity.current = Date.now();
    announce((await renew()) ? t('session.extended') : t('error.network'));
  };

  const logout = () => {
    endSession(t('login.loggedOut'));
    navigate({ name: 'login' });
  };

  const toggleShortcuts = (on: boolean) => {
    setSingleKeys(on);
    store(localStorage, SHORTCUTS_KEY, on ? 'on' : 'off');
  };

  const switchLang = (
    <button type="button" class="button button-quiet" lang={lang === 'en' ? 'nl' : 'en'} aria-label={t('app.switchLanguageLabel')} onClick={() => setLang(lang === 'en' ? 'nl' : 'en')}>
      {t('app.switchLanguage')}
    </button>
  );

  const status = (
    <div class="announcer" role="status" aria-live="polite">
      {announcement}
    </div>
  );

  if (!session) {
    return (
      <>
        <a class="skip-link" href="#main">
          {t('app.skip')}
        </a>
        <header class="topbar">
          <p class="brand">{t('app.name')}</p>
          <div class="topbar-tools">{switchLang}</div>
        </header>
        <main id="main" tabIndex={-1} class="main">
          <LoginView api={api} t={t} notice={notice} onLoggedIn={loggedIn} />
          {status}
        </main>
      </>
    );
  }

  const context: ConsoleContextValue = { api, live, session, lang, t, navigate, announce, shortcuts };
  const isAdmin = session.user.role === 'admin';
  // Only an idle agent is warned; an active one is renewed without a word.
  const warning = renewalDue(session, now, lastActivity.current) ? null : warningRemainingMs(session, now);
  const current = (names: Route['name'][]) => (names.includes(route.name) ? 'page' : undefined);

  let view;
  if (adminOnly(route) && !isAdmin) {
    view = (
      <>
        <ViewHeading title={t('notFound.forbiddenTitle')}>{t('notFound.forbiddenTitle')}</ViewHeading>
        <p>{t('notFound.forbiddenText')}</p>
      </>
    );
  } else {
    switch (route.name) {
      case 'queue':
      case 'login':
        view = <QueueView />;
        break;
      case 'mine':
        view = <MineView />;
        break;
      case 'conversation':
        view = <ConversationView key={route.id} id={route.id} />;
        break;
      case 'report':
        view = <ReportView />;
        break;
      case 'knowledge':
        view = <KnowledgeListView />;
        break;
      case 'knowledgeNew':
        view = <KnowledgeFormView key="new" id={null} />;
        break;
      case 'knowledgeEdit':
        view = <KnowledgeFormView key={route.id} id={route.id} />;
        break;
      case 'notFound':
        view = (
          <>
            <ViewHeading title={t('notFound.title')}>{t('notFound.title')}</ViewHeading>
            <p>{t('notFound.text')}</p>
          </>
        );
        break;
    }
  }

  return (
    <ConsoleContext.Provider value={context}>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <p class="brand">{t('app.name')}</p>
        <nav aria-label={t('nav.label')} class="nav">
          <ul>
            <li>
              <Link to={{ name: 'queue' }} navigate={navigate} aria-current={current(['queue', 'login'])}>
                {t('nav.queue')}
              </Link>
            </li>
            <li>
              <Link to={{ name: 'mine' }} navigate={navigate} aria-current={current(['mine'])}>
                {t('nav.mine')}
              </Link>
            </li>
            {isAdmin && (
              <li>
                <Link to={{ name: 'report' }} navigate={navigate} aria-current={current(['report'])}>
                  {t('nav.report')}
                </Link>
              </li>
            )}
            {isAdmin && (
              <li>
                <Link to={{ name: 'knowledge' }} navigate={navigate} aria-current={current(['knowledge', 'knowledgeNew', 'knowledgeEdit'])}>
                  {t('nav.knowledge')}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div class="topbar-tools">
          <span class="who">{t('nav.signedInAs', { name: session.user.displayName, role: t(`role.${session.user.role}`) })}</span>
          <span class={connected ? 'live live-on' : 'live live-off'}>{connected ? t('live.connected') : t('live.offline')}</span>
          <button type="button" class="button button-quiet" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            {t('nav.shortcuts')}
          </button>
          {switchLang}
          <button type="button" class="button button-quiet" onClick={logout}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      {warning !== null && (
        <div class="session-warning" role="alert">
          <span>{t('session.warning', { time: durationText(warning / 1_000, t) })}</span>{' '}
          <button type="button" class="button button-primary" onClick={() => void extend()}>
            {t('session.extend')}
          </button>
        </div>
      )}
      <main id="main" tabIndex={-1} class="main">
        {status}
        {view}
      </main>
      <ShortcutsDialog open={helpOpen} t={t} enabled={singleKeys} onToggle={toggleShortcuts} onClose={() => setHelpOpen(false)} />
    </ConsoleContext.Provider>
  );
}
