// Quality assurance (issue 18): the shapes of /api/v1/qa and the pure helpers of the #qa screen.
import type { Language } from './i18n';

export interface QaCriterion {
  key: string;
  name: Record<Language, string>;
  description: Record<Language, string>;
  section: number;
  weight: number;
  critical: boolean;
}

export interface QaScorecard {
  scale_max: number;
  critical_pass_score: number;
  criteria: QaCriterion[];
}

export interface QaSample {
  id: number;
  day: string;
  agent_id: number;
  agent_name: string;
  ticket_id: number;
  subject: string;
  channel: string;
  drawn_at: string;
  reviews: number;
}

export interface QaScore {
  key: string;
  score: number | null;
  comment: string;
}

export interface QaReview {
  id: number;
  sample_id: number | null;
  ticket_id: number;
  agent_id: number;
  reviewer_id: number;
  scores: QaScore[];
  scorecard: QaScorecard | null;
  score: number | null;
  critical_fail: boolean;
  comment: string;
  state: 'submitted' | 'acknowledged' | 'disputed';
  response: string;
  created_at: string;
  responded_at: string | null;
}

/** Roles that score reviews (the API decides; this only chooses what the screen shows). */
export function mayReview(role: string): boolean {
  return role === 'qa_reviewer' || role === 'supervisor' || role === 'admin';
}

/** What the reviewer entered: a score per criterion ('' not chosen yet, 'na' not applicable). */
export type Entry = { score: string; comment: string };

/** The body of POST /api/v1/qa/reviews, or the keys still without a choice. */
export function reviewBody(card: QaScorecard, entries: Record<string, Entry>, sampleId: number, comment: string) {
  const missing = card.criteria.filter((c) => !entries[c.key] || entries[c.key].score === '').map((c) => c.key);
  const scores: QaScore[] = card.criteria.map((c) => {
    const entry = entries[c.key] ?? { score: '', comment: '' };
    return { key: c.key, score: entry.score === 'na' || entry.score === '' ? null : Number(entry.score), comment: entry.comment.trim() };
  });
  return { missing, body: { sample_id: sampleId, scores, comment: comment.trim() } };
}

/** A review's score as shown: "87.5%", or null when nothing was scored. */
export function formatScore(score: number | null, lang: Language): string | null {
  if (score === null) return null;
  return `${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : lang, { maximumFractionDigits: 1 }).format(score)}%`;
}

export const MAX_QA_TEXT = 4000;
