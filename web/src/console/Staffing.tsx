import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ApiClient, describeError, query } from '../lib/api';
import { fromLocalInput, planRows, toLocalDate } from '../lib/chart';
import { defaultPlanForm, planRequest, type PlanForm } from '../lib/staffing';
import { loadRows } from '../lib/reports';
import { formatDateTime, formatNumber, formatPercent } from '../lib/time';
import { CHANNELS, type AgentLoadReport, type Channel, type StaffingPlan } from '../lib/types';
import { Notice, useI18n } from '../lib/ui';
import { PlanChart } from './PlanChart';

export function StaffingView({ client, tenantId }: { client: ApiClient; tenantId: number | null }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<PlanForm>(() => defaultPlanForm(new Date()));
  const [plan, setPlan] = useState<StaffingPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rows = useMemo(() => (plan ? planRows(plan) : []), [plan]);

  const set = (key: keyof PlanForm) => (e: Event) => setForm((f) => ({ ...f, [key]: (e.currentTarget as HTMLInputElement).value }));
  const toggle = (channel: Channel) => (e: Event) => {
    const on = (e.currentTarget as HTMLInputElement).checked;
    setForm((f) => ({ ...f, channels: on ? [...f.channels.filter((c) => c !== channel), channel] : f.channels.filter((c) => c !== channel) }));
  };

  const run = async (e: Event) => {
    e.preventDefault();
    const body = planRequest(form, tenantId);
    if (typeof body === 'string') {
      setError(body === 'error.invalid' ? t('error.invalid', { detail: t('staffing.form') }) : t(body));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setPlan(await client.post<StaffingPlan>('/api/v1/staffing/plan', body));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="view staffing-view">
      <h1 id="staffing-title" tabIndex={-1}>
        {t('staffing.title')}
      </h1>
      <form class="plan-form" aria-label={t('staffing.form')} onSubmit={(e) => void run(e)}>
        <fieldset class="field channel-set">
          <legend>{t('staffing.channels')}</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} class="check">
              <input type="checkbox" name="channel" value={channel} checked={form.channels.includes(channel)} onChange={toggle(channel)} />
              {t(`channel.${channel}`)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="plan-interval">{t('staffing.interval')}</label>
          <select id="plan-interval" value={form.interval} onChange={set('interval')}>
            {['15', '30', '60'].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="plan-history">{t('staffing.historyWeeks')}</label>
          <input id="plan-history" type="number" min="1" max="104" value={form.historyWeeks} onInput={set('historyWeeks')} />
        </div>
        <div class="field">
          <label for="plan-start">{t('staffing.horizonStart')}</label>
          <input id="plan-start" type="datetime-local" value={form.start} onInput={set('start')} />
        </div>
        <div class="field">
          <label for="plan-intervals">{t('staffing.horizonIntervals')}</label>
          <input id="plan-intervals" type="number" min="1" max="2688" value={form.intervals} onInput={set('intervals')} />
        </div>
        <div class="field">
          <label for="plan-sl">{t('staffing.serviceLevel')}</label>
          <input id="plan-sl" type="number" min="1" max="99.9" step="0.1" value={form.serviceLevel} onInput={set('serviceLevel')} />
        </div>
        <div class="field">
          <label for="plan-target">{t('staffing.targetSeconds')}</label>
          <input id="plan-target" type="number" min="1" value={form.targetSeconds} onInput={set('targetSeconds')} />
        </div>
        <div class="field">
          <label for="plan-aht">{t('staffing.aht')}</label>
          <input id="plan-aht" type="number" min="1" value={form.aht} onInput={set('aht')} />
        </div>
        <div class="field form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('staffing.running') : t('staffing.run')}
          </button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {plan && (
        <section class="plan-result" aria-labelledby="plan-result-title">
          <h2 id="plan-result-title">{t('staffing.chartTitle')}</h2>
          <p class="plan-totals">
            {t('staffing.totals', { contacts: formatNumber(plan.total_contacts, lang, 0), hours: formatNumber(plan.required_agent_hours, lang) })}
          </p>
          <ul class="plan-methods">
            {plan.channels
              .filter((c) => c.forecast_method)
              .map((c) => (
                <li key={c.channel}>
                  {t('staffing.method', {
                    channel: CHANNELS.includes(c.channel as Channel) ? t(`channel.${c.channel as Channel}`) : c.channel,
                    method: c.forecast_method ?? '',
                    history: formatNumber(c.history_contacts ?? 0, lang, 0),
                  })}
                </li>
              ))}
          </ul>
          <PlanChart rows={rows} />
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="plan-table-caption">
            <table class="data-table plan-table">
              <caption id="plan-table-caption">{t('staffing.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staffing.colStart')}</th>
                  <th scope="col">{t('staffing.colContacts')}</th>
                  <th scope="col">{t('staffing.colAgents')}</th>
                  <th scope="col">{t('staffing.colScheduled')}</th>
                  <th scope="col">{t('staffing.colServiceLevel')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.start}>
                    <th scope="row">{formatDateTime(row.start, lang)}</th>
                    <td class="num">{formatNumber(row.contacts, lang)}</td>
                    <td class="num">{row.agentsRequired}</td>
                    <td class="num">{row.scheduledAgents}</td>
                    <td class="num">{row.serviceLevel === null ? '–' : formatPercent(row.serviceLevel, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <AgentLoadPanel client={client} tenantId={tenantId} />
    </div>
  );
}

function AgentLoadPanel({ client, tenantId }: { client: ApiClient; tenantId: number | null }) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(() => {
    const d = new Date();
    return toLocalDate(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 7));
  });
  const [to, setTo] = useState(() => toLocalDate(new Date()));
  const [report, setReport] = useState<AgentLoadReport | null>(null);
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client
      .get<{ items: { id: number; name: string }[] }>('/api/v1/agents')
      .then((p) => setNames(new Map(p.items.map((a) => [a.id, a.name]))))
      .catch(() => undefined);
  }, [client]);

  const load = async () => {
    const start = fromLocalInput(from);
    const endDay = fromLocalInput(to);
    if (!start || !endDay) {
      setError(t('error.invalid', { detail: t('load.title') }));
      return;
    }
    // "To" is inclusive: the period ends at the next local midnight.
    const end = new Date(endDay.getFullYear(), endDay.getMonth(), endDay.getDate() + 1);
    setBusy(true);
    setError(null);
    try {
      setReport(
        await client.get<AgentLoadReport>(
          `/api/v1/staffing/agent-load${query({ from: start.toISOString(), to: end.toISOString(), tenant_id: tenantId ?? undefined })}`,
        ),
      );
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load();
  }, [tenantId]);

  const rows = useMemo(() => (report ? loadRows(report.agents, names) : []), [report, names]);

  return (
    <section class="load-panel" aria-labelledby="load-title">
      <h2 id="load-title">{t('load.title')}</h2>
      <form
        class="inline-form"
        aria-label={t('load.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div class="field">
          <label for="load-from">{t('common.from')}</label>
          <input id="load-from" type="date" value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="load-to">{t('common.to')}</label>
          <input id="load-to" type="date" value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field form-actions">
          <button type="submit" disabled={busy}>
            {t('load.show')}
          </button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {busy && !report && <p class="loading">{t('common.loading')}</p>}
      {report && rows.length === 0 && <p class="empty">{t('load.empty')}</p>}
      {report && rows.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="load-caption">
          <table class="data-table load-table">
            <caption id="load-caption">{t('load.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('load.colAgent')}</th>
                <th scope="col">{t('load.colDays')}</th>
                <th scope="col">{t('load.colOccupancy')}</th>
                <th scope="col">{t('load.colOvertime')}</th>
                <th scope="col">{t('load.colNoBreak')}</th>
                <th scope="col">{t('load.colAbusive')}</th>
                <th scope="col">{t('load.colHandled')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.agent_id}>
                  <th scope="row">{row.name}</th>
                  <td class="num">{row.days_worked}</td>
                  <td class="num">{formatPercent(row.mean_occupancy, lang)}</td>
                  <td class="num">{formatNumber(row.overtime_hours, lang)}</td>
                  <td class="num">{row.days_without_break}</td>
                  <td class="num">{formatPercent(row.abusive_share, lang)}</td>
                  <td class="num">{row.tickets_handled}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report && (
        <details class="definitions">
          <summary>{t('load.definitions')}</summary>
          <dl>
            {Object.entries(report.definitions).map(([name, text]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd lang="en">{text}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}
