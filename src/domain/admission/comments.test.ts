import { describe, expect, it } from 'vitest';
import { commentsProblem, type AdmissionComment } from './comments.js';

const residence: AdmissionComment = { from: 'residence', date: '2026-03-05', summary: 'Chi bộ khu dân cư số 4 nhất trí' };
const youth: AdmissionComment = { from: 'youth_union', date: '2026-03-06', summary: 'Chi đoàn đề nghị kết nạp' };

describe('comments step', () => {
  it('R-ADM-15: complete with the residence comment, one per organization, and the 5D summary', () => {
    expect(commentsProblem({ date: '2026-03-09', organizations: ['youth_union'], comments: [residence, youth], summary: 'Tổng hợp 5D' })).toBeNull();
  });

  it('R-ADM-15: refused without the residence comment, without an organization\'s comment, without the summary', () => {
    expect(commentsProblem({ date: '2026-03-09', organizations: [], comments: [youth], summary: 'x' })).toEqual({ problem: 'residence_comment_missing' });
    expect(commentsProblem({ date: '2026-03-09', organizations: ['youth_union', 'women_union'], comments: [residence, youth], summary: 'x' })).toEqual({
      problem: 'organization_comment_missing',
      organization: 'women_union',
    });
    expect(commentsProblem({ date: '2026-03-09', organizations: [], comments: [residence], summary: ' ' })).toEqual({ problem: 'comment_summary_missing' });
  });

  it('R-ADM-15: a comment dated after the step is refused, the same day taken', () => {
    expect(commentsProblem({ date: '2026-03-04', organizations: [], comments: [residence], summary: 'x' })).toEqual({ problem: 'comment_after_step', index: 0 });
    expect(commentsProblem({ date: '2026-03-05', organizations: [], comments: [residence], summary: 'x' })).toBeNull();
  });
});
