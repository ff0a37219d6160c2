// Pieces the macro picker, the macro screen and the bulk bar share: a patch said as a list,
// and labelled selects of ticket fields.
import type { PatchLine } from '../lib/macros';
import { PRIORITIES, STATUSES, type Agent, type Team } from '../lib/types';
import { useI18n } from '../lib/ui';

export function PatchLines({ lines, agents, teams }: { lines: PatchLine[]; agents: Map<number, Agent>; teams: Team[] }) {
  const { t } = useI18n();
  if (lines.length === 0) return <p class="muted">{t('macro.noChanges')}</p>;
  const say = (line: PatchLine): string => {
    switch (line.field) {
      case 'status':
        return t('macro.change.status', { value: t(`status.${line.value}`) });
      case 'priority':
        return t('macro.change.priority', { value: t(`priority.${line.value}`) });
      case 'assignee_id':
        return t('macro.change.assignee', { value: line.value == null ? t('queue.unassigned') : agents.get(line.value)?.name ?? `#${line.value}` });
      case 'team_id':
        return t('macro.change.team', { value: line.value == null ? t('common.none') : teams.find((x) => x.id === line.value)?.name ?? `#${line.value}` });
      case 'category':
        return t('macro.change.category', { value: line.value || t('common.none') });
      case 'tags':
        return t('macro.change.tags', {
          value: [...line.added.map((x) => `+${x}`), ...line.removed.map((x) => `−${x}`)].join(' ') || t('common.none'),
        });
    }
  };
  return (
    <ul class="patch-lines" aria-label={t('macro.changes')}>
      {lines.map((line) => (
        <li key={line.field}>{say(line)}</li>
      ))}
    </ul>
  );
}

/** A labelled select of `choices` after an optional first choice ('' : `blank`). */
export function ChoiceField({
  id,
  label,
  value,
  blank,
  choices,
  onChange,
  describedBy,
}: {
  id: string;
  label: string;
  value: string;
  blank?: string;
  choices: [string, string][];
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} aria-describedby={describedBy} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {blank !== undefined && <option value="">{blank}</option>}
        {choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Status and priority choices in the reader's language. */
export function useTicketChoices(): { statuses: [string, string][]; priorities: [string, string][] } {
  const { t } = useI18n();
  return {
    statuses: STATUSES.map((s) => [s, t(`status.${s}`)]),
    priorities: PRIORITIES.map((p) => [p, t(`priority.${p}`)]),
  };
}
