// Pieces the macro picker, the macro screen and the bulk bar share: a patch said as a list.
import type { PatchLine } from '../lib/macros';
import type { Agent, Team } from '../lib/types';
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
