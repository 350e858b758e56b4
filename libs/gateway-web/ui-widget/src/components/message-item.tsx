import type { MessageBody } from '@pegamento/contracts';
import { format, type Texts, type UiLocale } from '../i18n/i18n';
import { authorLabel, safeHttpUrl, type PendingMessage } from '../lib/messages';
import { AiIcon, FlagIcon, InfoIcon, PersonIcon } from './icons';

interface MessageItemProps {
  message: MessageBody;
  texts: Texts;
  uiLocale: UiLocale;
  /** The conversation's language: the `lang` of everything but the customer's own words. */
  conversationLocale: string;
  time: string;
  /** An AI answer (not the opening disclosure): it gets "This is wrong". */
  answer: boolean;
  flagging: boolean;
  onFlag: (messageId: string) => void;
  apiBase: string;
}

/** Who wrote it, in text and icon (never colour alone), and read first by a screen reader: "AI assistant said:". */
function Author({ id, message, texts, uiLocale, time }: { id: string; message: MessageBody; texts: Texts; uiLocale: UiLocale; time: string }) {
  const label = authorLabel(message.author, texts);
  const tag =
    message.author.type === 'ai' ? (
      <span class="tag tag-ai">
        <AiIcon />
        {label}
      </span>
    ) : message.author.type === 'agent' ? (
      <span class="tag tag-agent">
        <PersonIcon />
        {label}
      </span>
    ) : message.author.type === 'system' ? (
      <span class="tag tag-system">
        <InfoIcon />
        {label}
      </span>
    ) : (
      <span class="tag tag-customer">{label}</span>
    );
  return (
    <p class="author" lang={uiLocale}>
      <span aria-hidden="true">{tag}</span>
      <span class="sr-only" id={id}>
        {format(texts['message.said'], { author: label })}
      </span>
      <time class="time" dateTime={message.createdAt}>
        {time}
      </time>
    </p>
  );
}

/** One confirmed message; system notices (who answers now) render as status lines. */
export function MessageItem({ message, texts, uiLocale, conversationLocale, time, answer, flagging, onFlag, apiBase }: MessageItemProps) {
  const labelId = `pgm-m-${message.id}`;
  const type = message.author.type;
  const lang = type === 'customer' ? uiLocale : conversationLocale;
  const sources = (message.sources ?? []).filter((s) => s.title);
  const flagged = message.flagged === true;
  const flagDisabled = flagged || flagging;
  return (
    <article class={`msg msg-${type}`} lang={lang} aria-labelledby={labelId} data-message-id={message.id} data-author-type={type}>
      <Author id={labelId} message={message} texts={texts} uiLocale={uiLocale} time={time} />
      <p class="text">{message.text}</p>
      {sources.length > 0 && (
        <div class="sources">
          <p class="sources-title" lang={uiLocale}>
            {texts['message.sources']}
          </p>
          <ul>
            {sources.map((source) => {
              const href = safeHttpUrl(source.url, apiBase);
              return (
                <li key={`${source.title}|${source.url ?? ''}`}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {source.title}
                      <span class="sr-only" lang={uiLocale}>
                        {' '}
                        {texts['message.newTab']}
                      </span>
                    </a>
                  ) : (
                    source.title
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {answer && (
        <button
          type="button"
          class={`btn btn-small flag${flagged ? ' is-flagged' : ''}`}
          lang={uiLocale}
          aria-disabled={flagDisabled ? 'true' : undefined}
          onClick={() => {
            if (!flagDisabled) onFlag(message.id);
          }}
        >
          <FlagIcon />
          {flagged ? texts['message.flagged'] : flagging ? texts['message.flagging'] : texts['message.flag']}
        </button>
      )}
    </article>
  );
}

/** The customer's message while it is being sent, or after sending failed (with "Send again"). */
export function PendingItem({ pending, texts, uiLocale, onRetry }: { pending: PendingMessage; texts: Texts; uiLocale: UiLocale; onRetry: (id: string) => void }) {
  const labelId = `pgm-p-${pending.clientMessageId}`;
  return (
    <article class={`msg msg-customer msg-pending${pending.status === 'failed' ? ' is-failed' : ''}`} lang={uiLocale} aria-labelledby={labelId}>
      <p class="author">
        <span aria-hidden="true">
          <span class="tag tag-customer">{texts['author.customer']}</span>
        </span>
        <span class="sr-only" id={labelId}>
          {format(texts['message.said'], { author: texts['author.customer'] })}
        </span>
      </p>
      <p class="text">{pending.text}</p>
      <p class="pending-state">{pending.status === 'failed' ? texts['message.failed'] : texts['message.sending']}</p>
      {pending.status === 'failed' && (
        <button type="button" class="btn btn-small" onClick={() => onRetry(pending.clientMessageId)}>
          {texts['message.retry']}
        </button>
      )}
    </article>
  );
}
