import { createContext } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import type { ConsoleApi } from './api';
import type { Lang, Translate } from './lib/i18n';
import type { Route } from './lib/routes';
import type { Session } from './lib/session';
import type { Live } from './live';

/** What a view may answer to among the shortcuts (the app reads the keys, the open view acts). */
export interface ViewShortcuts {
  next?: () => void;
  previous?: () => void;
  claim?: () => void;
  reply?: () => void;
  send?: () => void;
}

export interface ConsoleContextValue {
  api: ConsoleApi;
  live: Live;
  session: Session;
  lang: Lang;
  t: Translate;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
  /** Says something in the status region (role="status"): "Claimed", "Sent", an error. */
  announce: (text: string) => void;
  shortcuts: { current: ViewShortcuts };
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the console');
  return value;
}

/** Registers the open view's shortcut handlers (the latest closure each render). */
export function useViewShortcuts(handlers: ViewShortcuts): void {
  const { shortcuts } = useConsole();
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const proxy: ViewShortcuts = {};
    for (const name of ['next', 'previous', 'claim', 'reply', 'send'] as const) {
      proxy[name] = () => latest.current[name]?.();
    }
    shortcuts.current = proxy;
    return () => {
      if (shortcuts.current === proxy) shortcuts.current = {};
    };
  }, [shortcuts]);
}
