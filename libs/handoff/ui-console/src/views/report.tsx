import { useEffect, useState } from 'preact/hooks';
import { failureOf } from '../api';
import { Loading, ViewHeading } from '../components';
import { useConsole } from '../context';
import { actionErrorText } from '../lib/errors';
import { defaultPeriod, percentText, periodQuery, reportDurationText } from '../lib/format';
import type { TextKey } from '../lib/i18n';
import type { ChannelCompliance, ComplianceReport } from '../lib/types';

/** The compliance report (admin): a period form and the figures per channel as a table with a caption. */
export function ReportView() {
  const { api, t, lang } = useConsole();
  const initial = defaultPeriod(new Date());
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [shown, setShown] = useState(initial);
  const [formError, setFormError] = useState<string | null>(null);
  const [report, setReport] = useState<ComplianceReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (period: { from: string; to: string }) => {
    const query = periodQuery(period.from, period.to);
    if (!query.ok) {
      setFormError(t(query.error));
      return;
    }
    setFormError(null);
    setLoading(true);
    try {
      setReport(await api.get<ComplianceReport>(`/api/v1/compliance/report?from=${encodeURIComponent(query.from)}&to=${encodeURIComponent(query.to)}`));
      setShown(period);
      setError(null);
    } catch (failure) {
      setError(actionErrorText(failureOf(failure), t));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(initial);
    // Once, with the default period; later loads come from the form.
  }, []);

  const row = (label: string, c: Omit<ChannelCompliance, 'channel'>, header = false) => (
    <tr class={header ? 'total-row' : undefined}>
      <th scope="row">{label}</th>
      <td>{c.conversations}</td>
      <td>{percentText(c.disclosureShare, lang, t)}</td>
      <td>{c.humanRequests}</td>
      <td>{c.humanRequestsAnswered}</td>
      <td>{reportDurationText(c.timeToHumanSeconds.median, t)}</td>
      <td>{reportDurationText(c.timeToHumanSeconds.p90, t)}</td>
      <td>{c.flaggedAnswers}</td>
    </tr>
  );

  const described = formError ? 'report-form-error' : undefined;
  return (
    <>
      <ViewHeading title={t('report.title')}>{t('report.title')}</ViewHeading>
      <p class="muted">{t('report.intro')}</p>
      <form
        class="form form-inline"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void load({ from, to });
        }}
      >
        <div class="field">
          <label for="report-from">{t('report.from')}</label>
          <input id="report-from" type="date" required value={from} aria-invalid={formError ? 'true' : undefined} aria-describedby={described} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="report-to">{t('report.to')}</label>
          <input id="report-to" type="date" required value={to} aria-invalid={formError ? 'true' : undefined} aria-describedby={described} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button button-primary">
          {t('report.show')}
        </button>
        {formError && (
          <p id="report-form-error" class="error" role="alert">
            {formError}
          </p>
        )}
      </form>
      {error && <p class="error">{error}</p>}
      {loading && !report ? <Loading text={t('common.loading')} /> : null}
      {report && (
        <div class="table-scroll" role="region" aria-labelledby="report-caption" tabIndex={0}>
          <table class="table">
            <caption id="report-caption">{t('report.caption', { from: shown.from, to: shown.to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.channel')}</th>
                <th scope="col">{t('report.conversations')}</th>
                <th scope="col">{t('report.disclosure')}</th>
                <th scope="col">{t('report.humanRequests')}</th>
                <th scope="col">{t('report.answered')}</th>
                <th scope="col">{t('report.median')}</th>
                <th scope="col">{t('report.p90')}</th>
                <th scope="col">{t('report.flagged')}</th>
              </tr>
            </thead>
            <tbody>{report.channels.map((c) => row(t(`channel.${c.channel}` as TextKey), c))}</tbody>
            <tfoot>{row(t('report.total'), report.totals, true)}</tfoot>
          </table>
        </div>
      )}
    </>
  );
}
