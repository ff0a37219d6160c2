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
  /** The requester's name (GET /tickets rows). */
  requester_name?: string;
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
