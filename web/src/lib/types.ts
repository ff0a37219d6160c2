// JSON shapes of the servicepact REST API (src/http/json_codec.cpp, sla_routes.cpp).

export type Status = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Channel = 'email' | 'web' | 'chat' | 'phone' | 'social' | 'api';
export type MessageKind = 'inbound' | 'outbound' | 'note';

export const STATUSES: Status[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const OPEN_STATUSES: Status[] = ['new', 'open', 'pending', 'on_hold'];
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
export const CHANNELS: Channel[] = ['email', 'web', 'chat', 'phone', 'social', 'api'];

export interface Agent {
  id: number;
  tenant_id: number | null;
  email: string;
  name: string;
  role: string;
  team_id: number | null;
  language: string;
  active: boolean;
}

export interface Team {
  id: number;
  tenant_id: number;
  name: string;
}

export interface Tenant {
  id: number;
  slug: string;
  name: string;
  timezone: string;
  default_language: string;
}

export interface Customer {
  id: number;
  tenant_id?: number;
  name: string;
  emails: string[];
  phones?: string[];
  language: string;
}

export interface Ticket {
  id: number;
  reference?: string;
  tenant_id?: number;
  subject: string;
  status: Status;
  priority: Priority;
  channel: Channel;
  category?: string;
  tags?: string[];
  team_id?: number | null;
  assignee_id?: number | null;
  requester_id?: number;
  created_at: string;
  updated_at: string;
  solved_at?: string | null;
  version?: number;
  /** The queue's SLA summary (GET /tickets rows): null when no clock is running. */
  sla?: TicketSlaSummary | null;
  /** The last reply or customer message (GET /tickets rows); notes do not count. */
  last_message?: { kind: MessageKind; at: string } | null;
  /** The requester's name (GET /tickets rows). */
  requester_name?: string;
  /** Portal ticket view: the customer's survey link for a solved or closed ticket not yet rated. */
  survey_url?: string | null;
  /** Other spellings of a due time some answers may carry. */
  due_at?: string | null;
  sla_due_at?: string | null;
  sla_at_risk?: boolean;
  sla_breached?: boolean;
  /** Portal only. */
  answer_due?: string | null;
}

export interface TicketSlaSummary {
  due_at: string | null;
  at_risk?: boolean;
  breached?: boolean;
}

export interface Actor {
  type: string;
  id: number | null;
}

export interface Message {
  id: number;
  ticket_id?: number;
  kind: MessageKind;
  author?: Actor;
  author_name?: string;
  /** Portal only: whether the customer wrote it. */
  from_customer?: boolean;
  body: string;
  created_at: string;
}

export interface ClockCycle {
  target: string;
  cycle: number;
  state: 'running' | 'paused' | 'met' | 'breached';
  started_at: string;
  due_at: string | null;
  at_risk_at: string | null;
  met_at: string | null;
  business_seconds_used: number;
  business_seconds_remaining: number;
}

export interface TicketSla {
  ticket_id: number;
  policy: { id: number; name: string } | null;
  clocks: ClockCycle[];
  next_deadline: string | null;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface StreamEvent {
  ticket_id: number;
  version?: number;
  change: 'created' | 'updated' | 'message' | string;
}

// Staffing (src/http/staffing_routes.cpp).
export interface StaffingIntervalChannel {
  channel: string;
  contacts: number;
  aht_seconds: number;
  agents_required: number;
  scheduled_agents: number;
  service_level: number;
  asa_seconds: number;
  abandon_rate: number;
  occupancy: number;
}

export interface StaffingInterval {
  start: string;
  contacts: number;
  agents_required: number;
  scheduled_agents: number;
  cost: number;
  channels: StaffingIntervalChannel[];
}

export interface StaffingChannelSummary {
  channel: string;
  model: string;
  contacts: number;
  required_agent_hours: number;
  paid_agent_hours: number;
  service_level: number;
  abandon_rate: number;
  peak_agents_required: number;
  forecast_method?: string;
  history_contacts?: number;
  fit_on_held_back_week?: { method: string; wape: number | null; bias: number | null; mape: number | null }[];
}

export interface StaffingPlan {
  start: string;
  interval_minutes: number;
  total_contacts: number;
  required_agent_hours: number;
  paid_agent_hours: number;
  total_cost: number;
  cost_per_contact: number | null;
  channels: StaffingChannelSummary[];
  intervals: StaffingInterval[];
}

export interface AgentLoadSummary {
  agent_id: number;
  days_worked: number;
  work_hours: number;
  mean_occupancy: number;
  overtime_hours: number;
  days_without_break: number;
  out_of_hours_actions: number;
  tickets_handled: number;
  abusive_share: number;
}

export interface AgentLoadReport {
  agents: AgentLoadSummary[];
  definitions: Record<string, string>;
}

// KPI report (src/reporting/kpi_json.cpp).
export interface KpiSummary {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface KpiSlaTarget {
  cycles_finished: number;
  cycles_met: number;
  compliance: number | null;
  breaches: { minor: number; major: number };
}

export interface KpiFigures {
  contacts_received: number;
  contacts_handled: number;
  first_response_time: KpiSummary | null;
  resolution_time: KpiSummary | null;
  resolution_rate: { value: number | null; resolved: number; received: number };
  sla: Record<string, KpiSlaTarget>;
  csat: { mean: number | null; responses: number };
  [key: string]: unknown;
}

export interface KpiGroup {
  key: string;
  period: { label: string; start: string; end: string };
  figures: KpiFigures;
}

export interface KpiReport {
  dimension: string;
  period: string;
  from: string;
  to: string;
  time_zone: string;
  excluded: { spam: number; mystery_shopper: number };
  definitions: Record<string, string>;
  groups: KpiGroup[];
}

// Charter evaluation (src/charter/public_page.cpp, to_json(Evaluation)).
export interface CharterItem {
  id: string;
  kind: 'first_response' | 'resolution' | 'threshold' | string;
  channel: string | null;
  kpi: string;
  comparator: 'at_least' | 'at_most' | string;
  target: number;
  unit: string;
  measured: number | null;
  outcome: 'kept' | 'missed' | 'no_data' | string;
}

export interface CharterEvaluation {
  label: string;
  kept: number;
  missed: number;
  no_data: number;
  measured: number;
  summary: Record<string, string>;
  items: CharterItem[];
}
