import { useEffect, useState } from 'preact/hooks';
import { failureOf } from '../api';
import { useConsole } from '../context';
import type { TextKey } from '../lib/i18n';

interface ContextItem {
  id: string;
  status?: string;
  date?: string;
  summary?: string;
  url?: string;
}

/** What crm-sync answers (GET /api/v1/crm/conversations/{id}/context, ADR 0019). */
interface ContextAnswer {
  available: boolean;
  context: { customerId?: string; orders: ContextItem[]; contracts: ContextItem[]; note?: string } | null;
}

type State = { kind: 'loading' } | { kind: 'none' } | { kind: 'failed' } | { kind: 'loaded'; answer: ContextAnswer };

function ItemList({ items, title }: { items: ContextItem[]; title: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul class="context-list">
        {items.map((item) => {
          const details = [item.status, item.date, item.summary].filter(Boolean).join(' · ');
          return (
            <li key={item.id}>
              {item.url ? (
                <a href={item.url} target="_blank" rel="noopener noreferrer">
                  {item.id}
                </a>
              ) : (
                <strong>{item.id}</strong>
              )}
              {details ? <span> {details}</span> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/**
 * The customer's orders and contracts from the organisation's back office, beside the
 * conversation. Nothing is shown when no back office is connected (or crm-sync is not
 * deployed); a back office that fails is said in words, and the conversation works as ever.
 */
export function CustomerContextPanel({ conversationId }: { conversationId: string }) {
  const { api, t } = useConsole();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let stale = false;
    setState({ kind: 'loading' });
    api.get<ContextAnswer>(`/api/v1/crm/conversations/${encodeURIComponent(conversationId)}/context`).then(
      (answer) => {
        if (!stale) setState(answer.available ? { kind: 'loaded', answer } : { kind: 'none' });
      },
      (failure: unknown) => {
        const f = failureOf(failure);
        if (!stale) setState(f.kind === 'http' && f.status === 404 ? { kind: 'none' } : { kind: 'failed' });
      },
    );
    return () => {
      stale = true;
    };
  }, [api, conversationId]);

  if (state.kind === 'none') return null;
  const text = (key: TextKey) => t(key);
  return (
    <section aria-labelledby="backoffice-title" class="panel" aria-busy={state.kind === 'loading'}>
      <h2 id="backoffice-title">{text('context.title')}</h2>
      {state.kind === 'loading' && <p class="muted">{text('common.loading')}</p>}
      {state.kind === 'failed' && <p class="muted">{text('context.failed')}</p>}
      {state.kind === 'loaded' && !state.answer.context && <p class="muted">{text('context.noDetails')}</p>}
      {state.kind === 'loaded' && state.answer.context && (
        <>
          {state.answer.context.customerId && (
            <dl class="facts">
              <dt>{text('context.customerId')}</dt>
              <dd>{state.answer.context.customerId}</dd>
            </dl>
          )}
          <ItemList items={state.answer.context.orders} title={text('context.orders')} />
          <ItemList items={state.answer.context.contracts} title={text('context.contracts')} />
          {state.answer.context.note && <p>{state.answer.context.note}</p>}
          {state.answer.context.orders.length === 0 && state.answer.context.contracts.length === 0 && !state.answer.context.note && (
            <p class="muted">{text('context.nothingKnown')}</p>
          )}
        </>
      )}
    </section>
  );
}
