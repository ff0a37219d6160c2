import { describe, expect, it } from 'vitest';
import { formatScore, mayReview, reviewBody, type QaScorecard } from '../src/lib/qa';

const card: QaScorecard = {
  scale_max: 4,
  critical_pass_score: 2,
  criteria: [
    { key: 'a', name: { nl: 'A', en: 'A', zh: 'A' }, description: { nl: '', en: '', zh: '' }, section: 1, weight: 1, critical: false },
    { key: 'b', name: { nl: 'B', en: 'B', zh: 'B' }, description: { nl: '', en: '', zh: '' }, section: 2, weight: 2, critical: true },
  ],
};

describe('reviewBody', () => {
  it('names the criteria without a choice', () => {
    expect(reviewBody(card, { a: { score: '3', comment: '' } }, 7, '').missing).toEqual(['b']);
  });
  it('sends every criterion, not applicable as null, comments trimmed', () => {
    const { missing, body } = reviewBody(card, { a: { score: '3', comment: ' ok ' }, b: { score: 'na', comment: '' } }, 7, ' fine ');
    expect(missing).toEqual([]);
    expect(body).toEqual({ sample_id: 7, comment: 'fine', scores: [{ key: 'a', score: 3, comment: 'ok' }, { key: 'b', score: null, comment: '' }] });
  });
});

describe('formatScore and mayReview', () => {
  it('formats a percentage per language, nothing without a score', () => {
    expect(formatScore(87.5, 'en')).toBe('87.5%');
    expect(formatScore(87.5, 'nl')).toBe('87,5%');
    expect(formatScore(null, 'en')).toBeNull();
  });
  it('lets reviewers, supervisors and admins score', () => {
    expect(mayReview('qa_reviewer')).toBe(true);
    expect(mayReview('supervisor')).toBe(true);
    expect(mayReview('agent')).toBe(false);
  });
});
