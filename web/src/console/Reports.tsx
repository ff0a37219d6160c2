import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, type ApiClient, describeError, query } from '../lib/api';
import { fromLocalInput, lastMonth, toLocalDate } from '../lib/chart';
import type { Language, MessageKey, Translate } from '../lib/i18n';
import { headline, itemsForFigure, kpiRows, outcomeCounts } from '../lib/reports';
import { formatDate, formatMonth, formatNumber, formatPercent, formatSeconds } from '../lib/time';
import { CHANNELS, type Channel, type CharterEvaluation, type CharterItem, type KpiReport } from '../lib/types';
import { Notice, useI18n } from '../lib/ui';

const dash = '–';

function channelLabel(channel: string | null, t: Translate): string {
  if (!channel) return '';
  return CHANNELS.includes(channel as Channel) ? t(`channel.${channel as Channel}`) : channel;
}

/** A charter target or measurement in its unit. */
export function formatCharterValue(value: number | null, unit: string, lang: Language): string {
  if (value === null || !Number.isFinite(value)) return dash;
  switch (unit) {
    case 'seconds':
      return formatSeconds(value, lang);
    case 'minutes':
      return formatSeconds(value * 60, lang);
    case 'hours':
      return formatSeconds(value * 3600, lang);
    case 'percent':
      return `${formatNumber(value, lang)}%`;
    case 'fraction':
      return formatPercent(value, lang);
    case 'currency':
      return formatNumber(value, lang, 2);
    default:
      return formatNumber(value, lang);
  }
}

const OUTCOME_KEY: Record<string, MessageKey> = { kept: 'charter.kept', missed: 'charter.missed', no_data: 'charter.noData' };

const FIGURE_LABEL: Record<string, MessageKey> = {
  first_response_time: 'sla.target.first_response',
  first_response_business_time: 'sla.target.first_response',
  resolution_time: 'sla.target.resolution',
  resolution_business_time: 'sla.target.resolution',
  resolution_rate: 'reports.resolutionRate',
  contacts_received: 'reports.volume',
  csat: 'reports.csat',
  sla: 'reports.slaCompliance',
};

/** "First response (p90)" for "first_response_time.p90"; unknown KPIs by their key. */
function kpiLabel(kpi: string, t: Translate): string {
  const [base, ...rest] = kpi.split('.');
  const key = FIGURE_LABEL[base];
  if (!key) return kpi;
  const stat = rest.filter((part) => ['median', 'p90', 'mean'].includes(part)).join(' ');
  return stat ? `${t(key)} (${stat})` : t(key);
}

function promiseName(item: CharterItem, t: Translate): string {
  const what =
    item.kind === 'first_response' && !item.kpi
      ? t('sla.target.first_response')
      : item.kind === 'resolution' && !item.kpi
        ? t('sla.target.resolution')
        : kpiLabel(item.kpi, t);
  const channel = channelLabel(item.channel, t);
  return channel ? `${channel}: ${what}` : what;
}

function targetText(item: CharterItem, t: Translate, lang: Language): string {
  const value = formatCharterValue(item.target, item.unit, lang);
  return item.comparator === 'at_least' ? t('charter.atLeast', { value }) : t('charter.atMost', { value });
}

function Figure({
  id,
  label,
  value,
  sub,
  definition,
  items,
}: {
  id: string;
  label: string;
  value: string;
  sub?: ComponentChildren;
  definition?: string;
  items: CharterItem[];
}) {
  const { t, lang } = useI18n();
  return (
    <li class="kpi-card" data-figure={id}>
      <h3>{label}</h3>
      <p class="kpi-value">{value}</p>
      {sub && <p class="kpi-sub">{sub}</p>}
      {items.length > 0 && (
        <ul class="kpi-targets">
          {items.map((item) => (
            <li key={item.id} class={`outcome-${item.outcome}`}>
              {item.channel ? `${channelLabel(item.channel, t)}: ` : ''}
              {t('reports.promise', { target: targetText(item, t, lang), outcome: t(OUTCOME_KEY[item.outcome] ?? 'charter.noData') })}
            </li>
          ))}
        </ul>
      )}
      {definition && (
        <details class="definition">
          <summary>{t('common.definition')}</summary>
          <p lang="en">{definition}</p>
        </details>
      )}
    </li>
  );
}

export function ReportsView({ client, tenantId }: { client: ApiClient; tenantId: number | null }) {
  const { t, lang } = useI18n();
  const initial = lastMonth(new Date());
  const [from, setFrom] = useState(() => toLocalDate(initial.from));
  const [to, setTo] = useState(() => toLocalDate(new Date(initial.to.getFullYear(), initial.to.getMonth(), initial.to.getDate() - 1)));
  const [report, setReport] = useState<KpiReport | null>(null);
  const [overall, setOverall] = useState<KpiReport | null>(null);
  const [charter, setCharter] = useState<CharterEvaluation | null | 'none'>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [charterError, setCharterError] = useState<string | null>(null);

  const load = async () => {
    const start = fromLocalInput(from);
    const endDay = fromLocalInput(to);
    if (!start || !endDay) {
      setError(t('error.invalid', { detail: t('reports.form') }));
      return;
    }
    const end = new Date(endDay.getFullYear(), endDay.getMonth(), endDay.getDate() + 1);
    setBusy(true);
    setError(null);
    try {
      const params = { from: start.toISOString(), to: end.toISOString(), tenant_id: tenantId ?? undefined };
      // Per channel and month for the table; the whole window once for the headline figures
      // (medians and p90s of groups do not combine).
      const [byChannel, whole] = await Promise.all([
        client.get<KpiReport>(`/api/v1/reports/kpis${query({ dimension: 'channel', period: 'month', ...params })}`),
        client.get<KpiReport>(`/api/v1/reports/kpis${query({ dimension: 'all', period: 'custom', ...params })}`).catch(() => null),
      ]);
      setReport(byChannel);
      setOverall(whole);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load();
    setCharterError(null);
    client
      .get<CharterEvaluation>(`/api/v1/charter/evaluation${query({ period: 'last_month', tenant_id: tenantId ?? undefined })}`)
      .then(setCharter)
      .catch((err) => {
        if (err instanceof ApiError && (err.kind === 'no-charter' || err.status === 404)) setCharter('none');
        else setCharterError(describeError(err, t));
      });
  }, [tenantId]);

  const rows = useMemo(() => (report ? kpiRows(report) : []), [report]);
  const totals = useMemo(() => (report ? headline(report, overall) : null), [report, overall]);
  const items = charter && charter !== 'none' ? charter.items : [];
  const defs = report?.definitions ?? {};
  const or = (text: string) => text || dash;

  return (
    <div class="view reports-view">
      <h1 id="reports-title" tabIndex={-1}>
        {t('reports.title')}
      </h1>
      <form
        class="inline-form"
        aria-label={t('reports.form')}
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div class="field">
          <label for="report-from">{t('common.from')}</label>
          <input id="report-from" type="date" value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="report-to">{t('common.to')}</label>
          <input id="report-to" type="date" value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('reports.show')}
          </button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {busy && !report && <p class="loading">{t('common.loading')}</p>}
      {report && totals && (
        <section aria-labelledby="figures-title">
          <h2 id="figures-title">{t('reports.figures')}</h2>
          <p class="report-scope">
            {t('reports.scope', {
              from: formatDate(report.from, lang),
              to: formatDate(new Date(Date.parse(report.to) - 1), lang),
              zone: report.time_zone,
              spam: report.excluded?.spam ?? 0,
              mystery: report.excluded?.mystery_shopper ?? 0,
            })}
          </p>
          <ul class="kpi-cards">
            <Figure
              id="volume"
              label={t('reports.volume')}
              value={formatNumber(totals.received, lang, 0)}
              sub={t('reports.handled', { count: formatNumber(totals.handled, lang, 0) })}
              definition={defs.contacts_received}
              items={itemsForFigure(items, 'contacts_received')}
            />
            <Figure
              id="first-response"
              label={t('reports.firstResponse')}
              value={`${or(formatSeconds(totals.firstResponseMedian, lang))} / ${or(formatSeconds(totals.firstResponseP90, lang))}`}
              definition={defs.first_response_time}
              items={itemsForFigure(items, 'first_response_time')}
            />
            <Figure
              id="resolution-rate"
              label={t('reports.resolutionRate')}
              value={or(formatPercent(totals.resolutionRate, lang))}
              definition={defs.resolution_rate}
              items={itemsForFigure(items, 'resolution_rate')}
            />
            <Figure
              id="sla"
              label={t('reports.slaCompliance')}
              value={or(formatPercent(totals.slaCompliance, lang))}
              definition={defs.sla}
              items={itemsForFigure(items, 'sla')}
            />
            <Figure
              id="breaches"
              label={t('reports.breaches')}
              value={`${formatNumber(totals.breachesMinor, lang, 0)} / ${formatNumber(totals.breachesMajor, lang, 0)}`}
              definition={defs.sla}
              items={itemsForFigure(items, 'major_complaints_late')}
            />
            {totals.csat !== null && (
              <Figure
                id="csat"
                label={t('reports.csat')}
                value={formatNumber(totals.csat, lang)}
                sub={t('reports.responses', { count: formatNumber(totals.csatResponses, lang, 0) })}
                definition={defs.csat}
                items={itemsForFigure(items, 'csat')}
              />
            )}
          </ul>
          {rows.length === 0 ? (
            <p class="empty">{t('reports.empty')}</p>
          ) : (
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="kpi-caption">
              <table class="data-table kpi-table">
                <caption id="kpi-caption">{t('reports.byGroup')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.colChannel')}</th>
                    <th scope="col">{t('reports.colPeriod')}</th>
                    <th scope="col">{t('reports.volume')}</th>
                    <th scope="col">{t('reports.colFrMedian')}</th>
                    <th scope="col">{t('reports.colFrP90')}</th>
                    <th scope="col">{t('reports.resolutionRate')}</th>
                    <th scope="col">{t('reports.slaCompliance')}</th>
                    <th scope="col">{t('reports.breaches')}</th>
                    <th scope="col">{t('reports.csat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={`${row.key}|${row.period}`}>
                      <th scope="row">{channelLabel(row.key, t) || row.key}</th>
                      <td class="nowrap">{row.periodStart ? formatMonth(row.periodStart, lang, report.time_zone) : row.period}</td>
                      <td class="num">{formatNumber(row.received, lang, 0)}</td>
                      <td class="num">{or(formatSeconds(row.firstResponseMedian, lang))}</td>
                      <td class="num">{or(formatSeconds(row.firstResponseP90, lang))}</td>
                      <td class="num">{or(formatPercent(row.resolutionRate, lang))}</td>
                      <td class="num">{or(formatPercent(row.slaCompliance, lang))}</td>
                      <td class="num">
                        {row.breachesMinor} / {row.breachesMajor}
                      </td>
                      <td class="num">{or(formatNumber(row.csat, lang))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      <section class="charter-panel" aria-labelledby="charter-title">
        <h2 id="charter-title">{t('charter.title')}</h2>
        {charterError && <Notice kind="error">{charterError}</Notice>}
        {charter === 'none' && <p class="empty charter-none">{t('charter.none')}</p>}
        {charter && charter !== 'none' && <CharterTable evaluation={charter} />}
      </section>
    </div>
  );
}

function CharterTable({ evaluation }: { evaluation: CharterEvaluation }) {
  const { t, lang } = useI18n();
  const counts = outcomeCounts(evaluation.items);
  return (
    <>
      <p class="charter-summary">{t('charter.summary', { kept: counts.kept, missed: counts.missed, noData: counts.noData })}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="charter-caption">
        <table class="data-table charter-table">
          <caption id="charter-caption">{t('charter.caption', { period: evaluation.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charter.colPromise')}</th>
              <th scope="col">{t('charter.colTarget')}</th>
              <th scope="col">{t('charter.colMeasured')}</th>
              <th scope="col">{t('charter.colOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {evaluation.items.map((item) => (
              <tr key={item.id}>
                <th scope="row">{promiseName(item, t)}</th>
                <td>{targetText(item, t, lang)}</td>
                <td class="num">{formatCharterValue(item.measured, item.unit, lang)}</td>
                <td>
                  <span class={`outcome outcome-${item.outcome}`}>{t(OUTCOME_KEY[item.outcome] ?? 'charter.noData')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
