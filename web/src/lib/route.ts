// The console's address: every view, queue view and open ticket has its own hash, so a
// reload keeps the open ticket and Back/Forward walk the agent's own steps.
//   #tickets/123   a ticket (the queue stays in its last view)
//   #views/mine    a default queue view (mine, unassigned, at_risk, breached, open)
//   #staffing, #reports
//   #commitments (my open commitments), #macros (the macro screen), #qa (quality assurance),
//   #automations (rules)
//   anything else (#main, empty): the queue

export const QUEUE_VIEWS = ['mine', 'unassigned', 'at_risk', 'breached', 'open'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
export type Page = 'queue' | 'staffing' | 'reports' | 'commitments' | 'macros' | 'qa' | 'automations';
const PAGES: readonly string[] = ['staffing', 'reports', 'commitments', 'macros', 'qa', 'automations'];

export interface Route {
  page: Page;
  ticket?: number;
  view?: QueueView;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  if (PAGES.includes(text)) return { page: text as Page };
  const ticket = /^tickets\/(\d{1,15})$/.exec(text);
  if (ticket) return { page: 'queue', ticket: Number(ticket[1]) };
  const view = /^views\/([a-z_]+)$/.exec(text);
  if (view && (QUEUE_VIEWS as readonly string[]).includes(view[1])) return { page: 'queue', view: view[1] as QueueView };
  return { page: 'queue' };
}

export function routeHash(route: Route): string {
  if (route.page !== 'queue') return `#${route.page}`;
  if (route.ticket !== undefined) return `#tickets/${route.ticket}`;
  if (route.view) return `#views/${route.view}`;
  return '#views/open';
}

/** The queue filters a default view stands for (the same as GET /api/v1/views answers). */
export function viewFilters(view: QueueView): { status: string; assignee: string; sla: string } {
  switch (view) {
    case 'mine':
      return { status: 'open-work', assignee: 'me', sla: '' };
    case 'unassigned':
      return { status: 'open-work', assignee: 'none', sla: '' };
    case 'at_risk':
      return { status: 'all', assignee: '', sla: 'at_risk' };
    case 'breached':
      return { status: 'all', assignee: '', sla: 'breached' };
    default:
      return { status: 'open-work', assignee: '', sla: '' };
  }
}
