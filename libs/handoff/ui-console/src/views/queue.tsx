import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { failureOf } from '../api';
import { Link, Loading, ViewHeading } from '../components';
import { useConsole, useViewShortcuts } from '../context';
import { actionErrorText } from '../lib/errors';
import { durationText, waitedSeconds } from '../lib/format';
import type { TextKey } from '../lib/i18n';
import { stepIndex } from '../lib/shortcuts';
import { sortOldestFirst, triggerKey } from '../lib/transcript';
import type { Conversation, ConversationListItem, QueueItem } from '../lib/types';

/** How often the shown waiting times are counted on. */
const TICK_MS = 15_000;
/** A safety net besides the socket: the list is fetched again this often. */
const REFRESH_MS = 60_000;
/** Live pushes within this time fetch the list once. */
const DEBOUNCE_MS = 250;

export function localeName(locale: string, t: (key: TextKey) => string): string {
  return locale === 'nl' || locale === 'en' ? t(`locale.${locale}` as TextKey) : locale;
}

/** Loads a list now, again on every live `queue` push (debounced) and every REFRESH_MS. */
function useLiveList<T>(load: () => Promise<T[]>): { items: T[] | null; error: string | null; fetchedAt: number; reload: () => void } {
  const { live, t } = useConsole();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fetchedAt, setFetchedAt] = useState(Date.now());
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => {
    loadRef.current().then(
      (list) => {
        setItems(list);
        setFetchedAt(Date.now());
        setError(null);
      },
      (failure: unknown) => setError(actionErrorText(failureOf(failure), t)),
    );
  }, [t]);
  useEffect(() => {
    reload();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.onQueue(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(reload, DEBOUNCE_MS);
    });
    const refresh = setInterval(reload, REFRESH_MS);
    return () => {
      off();
      if (timer) clearTimeout(timer);
      clearInterval(refresh);
    };
  }, [live, reload]);
  return { items, error, fetchedAt, reload };
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** j/k over the cards of a list: moves the selection and focus to the card's link. */
function useListSelection(ids: string[]) {
  const [selected, setSelected] = useState<number | null>(null);
  const step = (delta: 1 | -1) => {
    const focused = (document.activeElement as HTMLElement | null)?.closest('[data-conversation-id]')?.getAttribute('data-conversation-id');
    const current = focused ? ids.indexOf(focused) : selected;
    const next = stepIndex(current === -1 ? null : current, ids.length, delta);
    setSelected(next);
    if (next !== null) document.querySelector<HTMLElement>(`[data-conversation-id="${ids[next]}"] a`)?.focus();
  };
  const current = (): string | null => {
    const focused = (document.activeElement as HTMLElement | null)?.closest('[data-conversation-id]')?.getAttribute('data-conversation-id');
    if (focused) return focused;
    return selected !== null ? (ids[selected] ?? null) : null;
  };
  return { selected, step, current };
}

/** The queue: who waits for a person, the longest waiting first, live; Claim takes one. */
export function QueueView() {
  const { api, t, navigate, announce } = useConsole();
  const { items, error, fetchedAt, reload } = useLiveList(async () => sortOldestFirst((await api.get<{ queue: QueueItem[] }>('/api/v1/agent/queue')).queue));
  const now = useNow();
  const ids = (items ?? []).map((i) => i.id);
  const { selected, step, current } = useListSelection(ids);
  const [busy, setBusy] = useState<string | null>(null);

  const claim = async (id: string) => {
    if (busy) return;
    setBusy(id);
    try {
      await api.post<{ conversation: Conversation }>(`/api/v1/agent/conversations/${encodeURIComponent(id)}/claim`);
      navigate({ name: 'conversation', id });
      announce(t('queue.claimed'));
    } catch (failure) {
      const f = failureOf(failure);
      announce(f.kind === 'http' && f.status === 409 ? t('queue.taken') : actionErrorText(f, t));
      reload();
    } finally {
      setBusy(null);
    }
  };

  useViewShortcuts({
    next: () => step(1),
    previous: () => step(-1),
    claim: () => {
      const id = current();
      if (id) void claim(id);
    },
  });

  return (
    <>
      <ViewHeading title={t('queue.title')}>{t('queue.title')}</ViewHeading>
      <p class="muted">{t('queue.intro')}</p>
      {error && <p class="error">{error}</p>}
      {items === null ? (
        <Loading text={t('common.loading')} />
      ) : items.length === 0 ? (
        <p class="empty">{t('queue.empty')}</p>
      ) : (
        <>
          <p class="count">{items.length === 1 ? t('queue.countOne') : t('queue.count', { count: items.length })}</p>
          <ul class="cards" aria-label={t('queue.listLabel')}>
            {items.map((item, index) => (
              <li key={item.id} class={selected === index ? 'card card-selected' : 'card'} data-conversation-id={item.id}>
                <h2 class="card-title" id={`queue-${item.id}`}>
                  <Link to={{ name: 'conversation', id: item.id }} navigate={navigate}>
                    {t('queue.item', { channel: t(`channel.${item.channel}` as TextKey), language: localeName(item.locale, t) })}
                  </Link>
                </h2>
                <p class="card-line">
                  <strong>{t('queue.waiting', { time: durationText(waitedSeconds(item.waitingSeconds, fetchedAt, now), t) })}</strong>
                </p>
                <p class="card-line">{t('queue.reason', { reason: t(triggerKey(item.trigger)) })}</p>
                {item.outsideHours && <p class="card-line">{t('queue.outsideHours')}</p>}
                <button type="button" class="button button-primary" aria-describedby={`queue-${item.id}`} onClick={() => void claim(item.id)} aria-disabled={busy ? 'true' : undefined}>
                  {t('queue.claim')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** My conversations: those this agent answers now. */
export function MineView() {
  const { api, t, navigate, session } = useConsole();
  const { items, error } = useLiveList(async () =>
    (await api.get<{ conversations: ConversationListItem[] }>('/api/v1/agent/conversations?status=with_agent')).conversations.filter(
      (c) => c.assignedAgent?.id === session.user.id,
    ),
  );
  const now = useNow();
  const ids = (items ?? []).map((i) => i.id);
  const { selected, step } = useListSelection(ids);
  useViewShortcuts({ next: () => step(1), previous: () => step(-1) });

  return (
    <>
      <ViewHeading title={t('mine.title')}>{t('mine.title')}</ViewHeading>
      <p class="muted">{t('mine.intro')}</p>
      {error && <p class="error">{error}</p>}
      {items === null ? (
        <Loading text={t('common.loading')} />
      ) : items.length === 0 ? (
        <p class="empty">{t('mine.empty')}</p>
      ) : (
        <ul class="cards" aria-label={t('mine.listLabel')}>
          {items.map((item, index) => (
            <li key={item.id} class={selected === index ? 'card card-selected' : 'card'} data-conversation-id={item.id}>
              <h2 class="card-title">
                <Link to={{ name: 'conversation', id: item.id }} navigate={navigate}>
                  {t('queue.item', { channel: t(`channel.${item.channel}` as TextKey), language: localeName(item.locale, t) })}
                </Link>
              </h2>
              <p class="card-line">{t('mine.since', { time: durationText((now - Date.parse(item.lastActivityAt)) / 1_000, t) })}</p>
              {item.trigger && <p class="card-line">{t('queue.reason', { reason: t(triggerKey(item.trigger)) })}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
