import { useEffect, useRef, useState } from 'preact/hooks';
import { failureOf } from '../api';
import { ConfirmDialog, Link, Loading, ViewHeading } from '../components';
import { useConsole } from '../context';
import { actionErrorText } from '../lib/errors';
import { dateTimeText } from '../lib/format';
import type { TextKey } from '../lib/i18n';
import type { KnowledgeArticle } from '../lib/types';

/** The knowledge base (admin): the articles, with edit and delete (after a confirmation). */
export function KnowledgeListView() {
  const { api, t, lang, navigate, announce } = useConsole();
  const [articles, setArticles] = useState<KnowledgeArticle[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeArticle | null>(null);
  const headingRef = useRef<HTMLDivElement>(null);

  const load = () =>
    api.get<{ articles: KnowledgeArticle[] }>('/api/v1/admin/knowledge').then(
      (answer) => {
        setArticles([...answer.articles].sort((a, b) => a.title.localeCompare(b.title)));
        setError(null);
      },
      (failure: unknown) => setError(actionErrorText(failureOf(failure), t)),
    );

  useEffect(() => {
    void load();
  }, []);

  const remove = async (article: KnowledgeArticle) => {
    setDeleting(null);
    try {
      await api.call<void>('DELETE', `/api/v1/admin/knowledge/${encodeURIComponent(article.id)}`);
      announce(t('knowledge.deleted'));
      await load();
      headingRef.current?.querySelector<HTMLElement>('h1')?.focus();
    } catch (failure) {
      announce(actionErrorText(failureOf(failure), t));
    }
  };

  return (
    <>
      <div ref={headingRef}>
        <ViewHeading title={t('knowledge.title')}>{t('knowledge.title')}</ViewHeading>
      </div>
      <p class="muted">{t('knowledge.intro')}</p>
      <p>
        <Link to={{ name: 'knowledgeNew' }} navigate={navigate} class="button button-primary">
          {t('knowledge.new')}
        </Link>
      </p>
      {error && <p class="error">{error}</p>}
      {articles === null ? (
        <Loading text={t('common.loading')} />
      ) : articles.length === 0 ? (
        <p class="empty">{t('knowledge.empty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="knowledge-caption" tabIndex={0}>
          <table class="table">
            <caption id="knowledge-caption">{t('knowledge.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('knowledge.articleTitle')}</th>
                <th scope="col">{t('knowledge.locale')}</th>
                <th scope="col">{t('knowledge.url')}</th>
                <th scope="col">{t('knowledge.updated')}</th>
                <th scope="col">{t('knowledge.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.id}>
                  <th scope="row" lang={article.locale}>
                    {article.title}
                  </th>
                  <td>{article.locale === 'nl' || article.locale === 'en' ? t(`locale.${article.locale}` as TextKey) : article.locale}</td>
                  <td class="break">{article.url ? <a href={article.url}>{article.url}</a> : t('common.none')}</td>
                  <td>
                    <time dateTime={article.updatedAt}>{dateTimeText(article.updatedAt, lang)}</time>
                  </td>
                  <td>
                    <div class="button-row">
                      <Link to={{ name: 'knowledgeEdit', id: article.id }} navigate={navigate} class="button button-secondary" aria-label={t('knowledge.editNamed', { title: article.title })}>
                        {t('knowledge.edit')}
                      </Link>
                      <button type="button" class="button button-danger" aria-label={t('knowledge.deleteNamed', { title: article.title })} onClick={() => setDeleting(article)}>
                        {t('knowledge.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        id="delete-dialog"
        open={deleting !== null}
        title={t('knowledge.deleteConfirmTitle')}
        text={t('knowledge.deleteConfirmText', { title: deleting?.title ?? '' })}
        confirmLabel={t('knowledge.deleteConfirm')}
        cancelLabel={t('common.cancel')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
    </>
  );
}

interface FieldErrors {
  title?: string;
  body?: string;
  url?: string;
}

function validUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A new article, or an existing one to change: title, text, language and web address. */
export function KnowledgeFormView({ id }: { id: string | null }) {
  const { api, t, navigate, announce } = useConsole();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [locale, setLocale] = useState<'nl' | 'en'>('nl');
  const [url, setUrl] = useState('');
  const [loaded, setLoaded] = useState(id === null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (id === null) return;
    api.get<{ article: KnowledgeArticle }>(`/api/v1/admin/knowledge/${encodeURIComponent(id)}`).then(
      ({ article }) => {
        setTitle(article.title);
        setBody(article.body);
        setLocale(article.locale === 'en' ? 'en' : 'nl');
        setUrl(article.url ?? '');
        setLoaded(true);
      },
      (failure: unknown) => {
        setFormError(actionErrorText(failureOf(failure), t));
        setLoaded(true);
      },
    );
  }, [id]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!title.trim()) found.title = t('knowledge.titleMissing');
    if (!body.trim()) found.body = t('knowledge.bodyMissing');
    if (url.trim() && !validUrl(url.trim())) found.url = t('knowledge.urlInvalid');
    setErrors(found);
    setFormError(null);
    const first = (['title', 'body', 'url'] as const).find((field) => found[field]);
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`#article-${first}`)?.focus();
      return;
    }
    setSaving(true);
    const article = { title: title.trim(), body: body.trim(), locale, ...(url.trim() ? { url: url.trim() } : {}) };
    try {
      if (id === null) await api.post('/api/v1/admin/knowledge', article);
      else await api.call('PUT', `/api/v1/admin/knowledge/${encodeURIComponent(id)}`, article);
      navigate({ name: 'knowledge' });
      announce(t('knowledge.saved'));
    } catch (failure) {
      const f = failureOf(failure);
      setFormError(f.kind === 'http' && f.message && f.status < 500 ? t('knowledge.formError', { message: f.message }) : actionErrorText(f, t));
      setSaving(false);
    }
  };

  const heading = id === null ? t('knowledge.newTitle') : t('knowledge.editTitle');
  const describedBy = (field: keyof FieldErrors, hint?: string) => [hint, errors[field] ? `article-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <p class="breadcrumb">
        <Link to={{ name: 'knowledge' }} navigate={navigate}>
          {t('knowledge.backToList')}
        </Link>
      </p>
      <ViewHeading title={heading}>{heading}</ViewHeading>
      {!loaded ? (
        <Loading text={t('common.loading')} />
      ) : (
        <form class="form" ref={formRef} noValidate onSubmit={submit} aria-describedby={formError ? 'article-form-error' : undefined}>
          <div class="field">
            <label for="article-title">{t('knowledge.articleTitle')}</label>
            <input id="article-title" type="text" required maxLength={300} lang={locale} value={title} aria-invalid={errors.title ? 'true' : undefined} aria-describedby={describedBy('title')} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
            {errors.title && (
              <p id="article-title-error" class="error">
                {errors.title}
              </p>
            )}
          </div>
          <div class="field">
            <label for="article-body">{t('knowledge.body')}</label>
            <textarea id="article-body" rows={10} required lang={locale} value={body} aria-invalid={errors.body ? 'true' : undefined} aria-describedby={describedBy('body', 'article-body-hint')} onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />
            <p id="article-body-hint" class="hint">
              {t('knowledge.bodyHint')}
            </p>
            {errors.body && (
              <p id="article-body-error" class="error">
                {errors.body}
              </p>
            )}
          </div>
          <div class="field">
            <label for="article-locale">{t('knowledge.locale')}</label>
            <select id="article-locale" value={locale} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value === 'en' ? 'en' : 'nl')}>
              <option value="nl">{t('locale.nl')}</option>
              <option value="en">{t('locale.en')}</option>
            </select>
          </div>
          <div class="field">
            <label for="article-url">
              {t('knowledge.url')} <span class="muted">{t('common.optional')}</span>
            </label>
            <input id="article-url" type="url" inputMode="url" value={url} aria-invalid={errors.url ? 'true' : undefined} aria-describedby={describedBy('url', 'article-url-hint')} onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)} />
            <p id="article-url-hint" class="hint">
              {t('knowledge.urlHint')}
            </p>
            {errors.url && (
              <p id="article-url-error" class="error">
                {errors.url}
              </p>
            )}
          </div>
          {formError && (
            <p id="article-form-error" class="error" role="alert">
              {formError}
            </p>
          )}
          <div class="button-row">
            <button type="submit" class="button button-primary" aria-disabled={saving ? 'true' : undefined}>
              {t('common.save')}
            </button>
            <Link to={{ name: 'knowledge' }} navigate={navigate} class="button button-secondary">
              {t('common.cancel')}
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
