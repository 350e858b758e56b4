import { useEffect, useRef, useState } from 'preact/hooks';
import { failureOf } from '../api';
import { AiBadge, ConfirmDialog, Link, Loading, ViewHeading } from '../components';
import { useConsole, useViewShortcuts } from '../context';
import { actionErrorText } from '../lib/errors';
import { clockText, dateTimeText, fileSizeText } from '../lib/format';
import type { TextKey, Translate } from '../lib/i18n';
import { allowedActions, deliveryText, mergeMessages, readSummary, triggerKey } from '../lib/transcript';
import type { Attachment, Conversation, Message, Transcript } from '../lib/types';
import { CustomerContextPanel } from './customer-context';
import { localeName } from './queue';

/** The contract's limit of one agent message (WEB_MESSAGE_MAX_CHARS default); the server checks it too. */
const REPLY_MAX_CHARS = 4_000;

function authorLabel(message: Message, t: Translate): string {
  switch (message.author.type) {
    case 'ai':
      return t('conversation.author.ai');
    case 'agent':
      return t('conversation.author.agent', { name: message.author.displayName });
    case 'customer':
      return t('conversation.author.customer');
    case 'system':
      return t('conversation.author.system');
  }
}

/** "Attachment (image/jpeg, 48 kB)", "Attachment (invoice.pdf, application/pdf)": what the channel told of it. */
function attachmentText(attachment: Attachment, lang: string, t: Translate): string {
  const type = attachment.filename ? `${attachment.filename}, ${attachment.contentType}` : attachment.contentType;
  return attachment.sizeBytes === null ? t('conversation.attachment', { type }) : t('conversation.attachmentWithSize', { type, size: fileSizeText(attachment.sizeBytes, lang) });
}

function MessageItem({ message, locale, lang, t }: { message: Message; locale: string; lang: string; t: Translate }) {
  const author = authorLabel(message, t);
  const time = clockText(message.createdAt, lang);
  const type = message.author.type;
  const delivery = deliveryText(message, t);
  const classes = ['message', `message-${type}`, message.flagged ? 'message-flagged' : ''].filter(Boolean).join(' ');
  return (
    <li class={classes}>
      <article aria-label={t('conversation.messageLabel', { author, time })}>
        <p class="message-meta">
          {type === 'ai' ? (
            <AiBadge label={author} />
          ) : type === 'agent' ? (
            <span class="badge badge-agent">{author}</span>
          ) : type === 'system' ? (
            <span class="badge badge-system">{author}</span>
          ) : (
            <span class="author-customer">{author}</span>
          )}{' '}
          <time dateTime={message.createdAt}>{time}</time>
        </p>
        <p class="message-text" lang={locale}>
          {message.text}
        </p>
        {message.sources && message.sources.length > 0 && (
          <div class="sources">
            <p class="sources-title" id={`sources-${message.id}`}>
              {t('conversation.sources')}
            </p>
            <ul aria-labelledby={`sources-${message.id}`}>
              {message.sources.map((source, i) => (
                <li key={i}>{source.url ? <a href={source.url} target="_blank" rel="noopener noreferrer">{source.title}</a> : source.title}</li>
              ))}
            </ul>
          </div>
        )}
        {message.attachments && message.attachments.length > 0 && (
          <div class="sources">
            <p class="sources-title">{t('conversation.attachments')}</p>
            <ul>
              {message.attachments.map((a, i) => (
                <li key={i}>{a.url ? <a href={a.url} target="_blank" rel="noopener noreferrer">{attachmentText(a, lang, t)}</a> : attachmentText(a, lang, t)}</li>
              ))}
            </ul>
          </div>
        )}
        {message.flagged && (
          <p class="flag">
            <span aria-hidden="true">⚑ </span>
            <strong>{t('conversation.flagged')}</strong>
            {message.flagReason ? <span class="flag-reason"> {t('conversation.flagReason', { reason: message.flagReason })}</span> : null}
          </p>
        )}
        {delivery && <p class={delivery.failed ? 'delivery delivery-failed' : 'delivery'}>{delivery.text}</p>}
        {typeof message.segments === 'number' && message.segments > 1 ? <p class="delivery">{t('conversation.segments', { count: message.segments })}</p> : null}
      </article>
    </li>
  );
}

/** One conversation: the customer, why a person, the summary, the whole transcript (live), and the agent's actions. */
export function ConversationView({ id }: { id: string }) {
  const { api, live, t, lang, session, navigate, announce } = useConsole();
  const [transcript, setTranscript] = useState<Transcript | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [busy, setBusy] = useState(false);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const idRef = useRef(id);
  idRef.current = id;

  useEffect(() => {
    let stale = false;
    setTranscript(null);
    setLoadError(null);
    api.get<Transcript>(`/api/v1/agent/conversations/${encodeURIComponent(id)}/messages`).then(
      (loaded) => {
        if (!stale) setTranscript((current) => (current && current.conversation.id === loaded.conversation.id ? { ...loaded, messages: mergeMessages(loaded.messages, current.messages) } : loaded));
      },
      (failure: unknown) => {
        if (!stale) setLoadError(actionErrorText(failureOf(failure), t));
      },
    );
    const offMessage = live.onMessage((message) => {
      if (message.conversationId !== idRef.current) return;
      setTranscript((current) => (current ? { ...current, messages: mergeMessages(current.messages, [message]) } : current));
    });
    const offQueue = live.onQueue((conversation) => {
      if (conversation.id !== idRef.current) return;
      setTranscript((current) => (current ? { ...current, conversation } : current));
    });
    // A model's summary arrives after the request for a person, often after the agent opened
    // the conversation: read it again (an audited read, as any) and say so politely.
    const offSummary = live.onSummary((conversationId) => {
      if (conversationId !== idRef.current) return;
      api.get<Transcript>(`/api/v1/agent/conversations/${encodeURIComponent(conversationId)}/messages`).then(
        (loaded) => {
          if (stale || loaded.conversation.id !== idRef.current) return;
          setTranscript((current) => (current ? { ...current, summary: loaded.summary, messages: mergeMessages(current.messages, loaded.messages) } : loaded));
          announce(t('conversation.summaryUpdated'));
        },
        () => undefined, // the summary shown stays; the next open reads it again
      );
    });
    return () => {
      stale = true;
      offMessage();
      offQueue();
      offSummary();
    };
  }, [api, live, id, t, announce]);

  const conversation = transcript?.conversation;
  const actions = conversation ? allowedActions(conversation, session.user) : null;

  const act = async (path: 'claim' | 'release' | 'close', done: TextKey) => {
    if (busy) return;
    setBusy(true);
    try {
      const answer = await api.post<{ conversation: Conversation }>(`/api/v1/agent/conversations/${encodeURIComponent(id)}/${path}`);
      setTranscript((current) => (current ? { ...current, conversation: answer.conversation } : current));
      announce(t(done));
      if (path === 'claim') setTimeout(() => replyRef.current?.focus(), 0);
    } catch (failure) {
      const f = failureOf(failure);
      announce(path === 'claim' && f.kind === 'http' && f.status === 409 ? t('queue.taken') : actionErrorText(f, t));
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    if (sending || !actions?.reply) return;
    const text = reply.trim();
    if (!text) {
      setReplyError(t('conversation.replyEmpty'));
      replyRef.current?.focus();
      return;
    }
    if (reply.length > REPLY_MAX_CHARS) {
      setReplyError(t('conversation.replyTooLong', { max: REPLY_MAX_CHARS }));
      return;
    }
    setSending(true);
    setReplyError(null);
    try {
      const answer = await api.post<{ message: Message }>(`/api/v1/agent/conversations/${encodeURIComponent(id)}/messages`, { text: reply });
      setReply('');
      setTranscript((current) => (current ? { ...current, messages: mergeMessages(current.messages, [answer.message]) } : current));
      announce(t('conversation.sent'));
    } catch (failure) {
      const message = actionErrorText(failureOf(failure), t);
      setReplyError(message);
      announce(message);
    } finally {
      setSending(false);
      replyRef.current?.focus();
    }
  };

  useViewShortcuts({
    claim: () => {
      if (actions?.claim) void act('claim', 'queue.claimed');
    },
    reply: () => replyRef.current?.focus(),
    send: () => void send(),
  });

  if (loadError) {
    return (
      <>
        <ViewHeading title={t('error.notFound')}>{t('error.notFound')}</ViewHeading>
        <p class="error">{loadError}</p>
        <p>
          <Link to={{ name: 'queue' }} navigate={navigate}>
            {t('conversation.back')}
          </Link>
        </p>
      </>
    );
  }
  if (!transcript || !conversation || !actions) return <Loading text={t('common.loading')} />;

  const contact = transcript.contact ?? null;
  const name = contact?.name || t('conversation.customerUnknown');
  const title = t('conversation.title', { name });
  const summary = transcript.summary ? readSummary(transcript.summary) : null;
  const unknown = t('conversation.unknown');

  return (
    <>
      <p class="breadcrumb">
        <Link to={{ name: 'queue' }} navigate={navigate}>
          {t('conversation.back')}
        </Link>
      </p>
      <ViewHeading title={title}>{title}</ViewHeading>
      <p class="conversation-status">
        <strong>{t('conversation.status', { status: t(`status.${conversation.status}` as TextKey) })}</strong>
        {conversation.assignedAgent ? <span> · {t('conversation.assignedTo', { name: conversation.assignedAgent.displayName })}</span> : null}
      </p>
      <div class="conversation-layout">
        <div class="conversation-main">
          <section aria-labelledby="transcript-title" class="panel">
            <h2 id="transcript-title">{t('conversation.transcript')}</h2>
            <div role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="transcript-title" class="transcript">
              {transcript.messages.length === 0 ? (
                <p class="muted">{t('conversation.transcriptEmpty')}</p>
              ) : (
                <ol class="messages">
                  {transcript.messages.map((message) => (
                    <MessageItem key={message.id} message={message} locale={conversation.locale} lang={lang} t={t} />
                  ))}
                </ol>
              )}
            </div>
          </section>
          <section aria-labelledby="actions-title" class="panel">
            <h2 id="actions-title">{t('conversation.actions')}</h2>
            {actions.reply ? (
              <form
                class="form reply-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void send();
                }}
              >
                <div class="field">
                  <label for="reply">{t('conversation.replyLabel')}</label>
                  <textarea
                    id="reply"
                    ref={replyRef}
                    rows={4}
                    lang={conversation.locale}
                    maxLength={REPLY_MAX_CHARS}
                    aria-describedby={replyError ? 'reply-hint reply-error' : 'reply-hint'}
                    aria-invalid={replyError ? 'true' : undefined}
                    value={reply}
                    onInput={(e) => setReply((e.currentTarget as HTMLTextAreaElement).value)}
                  />
                  <p id="reply-hint" class="hint">
                    {t('conversation.replyHint')}
                  </p>
                  {replyError && (
                    <p id="reply-error" class="error">
                      {replyError}
                    </p>
                  )}
                </div>
                <button type="submit" class="button button-primary" aria-disabled={sending ? 'true' : undefined}>
                  {sending ? t('conversation.sending') : t('conversation.send')}
                </button>
              </form>
            ) : conversation.status === 'with_agent' ? (
              <p>{t('conversation.notYours')}</p>
            ) : conversation.status !== 'closed' ? (
              <p>{t('conversation.claimFirst')}</p>
            ) : null}
            <div class="button-row">
              {actions.claim && (
                <button type="button" class="button button-primary" onClick={() => void act('claim', 'queue.claimed')}>
                  {t('conversation.claim')}
                </button>
              )}
              {actions.release && (
                <button type="button" class="button button-secondary" onClick={() => void act('release', 'conversation.released')}>
                  {t('conversation.release')}
                </button>
              )}
              {actions.close && (
                <button type="button" class="button button-danger" onClick={() => setConfirmClose(true)}>
                  {t('conversation.close')}
                </button>
              )}
            </div>
          </section>
        </div>
        <div class="conversation-side">
          <section aria-labelledby="customer-title" class="panel">
            <h2 id="customer-title">{t('conversation.customer')}</h2>
            <dl class="facts">
              <dt>{t('conversation.name')}</dt>
              <dd>{contact?.name || unknown}</dd>
              <dt>{t('conversation.email')}</dt>
              <dd>{contact?.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : unknown}</dd>
              <dt>{t('conversation.phone')}</dt>
              <dd>{contact?.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : unknown}</dd>
              <dt>{t('conversation.channel')}</dt>
              <dd>{t(`channel.${conversation.channel}` as TextKey)}</dd>
              <dt>{t('conversation.locale')}</dt>
              <dd>{localeName(conversation.locale, t)}</dd>
            </dl>
          </section>
          <CustomerContextPanel conversationId={conversation.id} />
          <section aria-labelledby="handoff-title" class="panel">
            <h2 id="handoff-title">{t('conversation.handoff')}</h2>
            {transcript.handoff ? (
              <dl class="facts">
                <dt>{t('conversation.trigger')}</dt>
                <dd>{t(triggerKey(transcript.handoff.trigger))}</dd>
                <dt>{t('conversation.requestedAt')}</dt>
                <dd>
                  <time dateTime={transcript.handoff.requestedAt}>{dateTimeText(transcript.handoff.requestedAt, lang)}</time>
                </dd>
                {transcript.handoff.outsideHours && (
                  <>
                    <dt>{t('conversation.outsideHours')}</dt>
                    <dd>{t('common.yes')}</dd>
                  </>
                )}
              </dl>
            ) : (
              <p class="muted">{t('conversation.noHandoff')}</p>
            )}
            {summary && (
              <div class="summary">
                <h3>{t('conversation.summary')}</h3>
                {summary.aiWritten && <AiBadge label={t('conversation.aiSummary')} />}
                <p class="summary-text">{summary.text}</p>
              </div>
            )}
          </section>
        </div>
      </div>
      <ConfirmDialog
        id="close-dialog"
        open={confirmClose}
        title={t('conversation.closeConfirmTitle')}
        text={t('conversation.closeConfirmText')}
        confirmLabel={t('conversation.closeConfirm')}
        cancelLabel={t('common.cancel')}
        onCancel={() => setConfirmClose(false)}
        onConfirm={() => {
          setConfirmClose(false);
          void act('close', 'conversation.closed');
        }}
      />
    </>
  );
}
