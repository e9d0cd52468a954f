import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar/iso-date.js';
import { backgroundReplyDue } from './admission-deadlines.js';
import { backgroundRepliesOutcome, backgroundSubjectsProblem, type BackgroundSubject } from './background-check.js';

const checked = (relation: BackgroundSubject['relation'], fullName: string, patch: Partial<BackgroundSubject> = {}): BackgroundSubject => ({
  relation,
  fullName,
  birthYear: 1970,
  checkedAt: 'Đảng ủy phường Hà Đông',
  abroad: false,
  check: { checkerName: 'Đỗ Văn Kiểm', checkerPosition: 'Chi ủy viên', letterDate: '2026-02-10' },
  skip: null,
  ...patch,
});
const skipped = (relation: BackgroundSubject['relation'], ground: 'member_relative' | 'spouse_side_member' | 'same_commune', confirmedBy = 'Đảng ủy xã Vân Canh'): BackgroundSubject => ({
  ...checked(relation, `Người thân ${relation}`),
  check: null,
  skip: { ground, confirmedBy, confirmedOn: '2026-02-05' },
});
const applicant = checked('applicant', 'Lê Thị Hoa', { birthYear: 1996 });

describe('background check subjects', () => {
  it('R-ADM-11: the applicant is checked, listed once, and never skipped', () => {
    expect(backgroundSubjectsProblem([checked('father', 'Lê Văn Bố')], '2026-02-10')).toEqual({ problem: 'applicant_missing' });
    expect(backgroundSubjectsProblem([applicant, applicant], '2026-02-10')).toEqual({ problem: 'applicant_twice', index: 1 });
    expect(backgroundSubjectsProblem([{ ...applicant, check: null, skip: { ground: 'same_commune', confirmedBy: 'ĐU xã', confirmedOn: '2026-02-01' } }], '2026-02-10')).toEqual({
      problem: 'applicant_skipped',
      index: 0,
    });
    expect(backgroundSubjectsProblem([applicant, checked('father', 'Lê Văn Bố'), checked('mother', 'Trần Thị Mẹ')], '2026-02-10')).toBeNull();
  });

  it('R-ADM-11: a relative neither checked nor skipped is refused; checked and skipped at once too', () => {
    expect(backgroundSubjectsProblem([applicant, { ...checked('spouse', 'Ngô Văn Chồng'), check: null }], '2026-02-10')).toEqual({ problem: 'subject_unresolved', index: 1 });
    const both = { ...skipped('father', 'same_commune'), check: applicant.check };
    expect(backgroundSubjectsProblem([applicant, both], '2026-02-10')).toEqual({ problem: 'checked_and_skipped', index: 1 });
  });

  it('R-ADM-12: each of the three grounds skips, with its confirmation; the spouse-side ground only for the spouse side', () => {
    expect(backgroundSubjectsProblem([applicant, skipped('father', 'member_relative', 'Chi bộ 3, Đảng ủy phường Hà Đông')], '2026-02-10')).toBeNull();
    expect(backgroundSubjectsProblem([applicant, skipped('parent_in_law', 'spouse_side_member')], '2026-02-10')).toBeNull();
    expect(backgroundSubjectsProblem([applicant, skipped('child', 'same_commune')], '2026-02-10')).toBeNull();
    expect(backgroundSubjectsProblem([applicant, skipped('mother', 'spouse_side_member')], '2026-02-10')).toEqual({ problem: 'skip_ground_not_for_relation', index: 1, ground: 'spouse_side_member' });
    expect(backgroundSubjectsProblem([applicant, skipped('spouse', 'member_relative')], '2026-02-10')).toEqual({ problem: 'skip_ground_not_for_relation', index: 1, ground: 'member_relative' });
    expect(backgroundSubjectsProblem([applicant, skipped('father', 'same_commune', '  ')], '2026-02-10')).toEqual({ problem: 'skip_unconfirmed', index: 1 });
  });

  it('R-ADM-13: neither the applicant nor a listed relative is sent to check, names compared without marks or case', () => {
    const byApplicant = checked('father', 'Lê Văn Bố', { check: { checkerName: 'LE THI HOA', checkerPosition: 'Đảng viên', letterDate: '2026-02-10' } });
    expect(backgroundSubjectsProblem([applicant, byApplicant], '2026-02-10')).toEqual({ problem: 'checker_is_subject', index: 1, subjectIndex: 0 });
    const byMother = checked('father', 'Lê Văn Bố', { check: { checkerName: 'trần thị  mẹ', checkerPosition: 'Đảng viên', letterDate: '2026-02-10' } });
    expect(backgroundSubjectsProblem([applicant, byMother, checked('mother', 'Trần Thị Mẹ')], '2026-02-10')).toEqual({ problem: 'checker_is_subject', index: 1, subjectIndex: 2 });
    // A different person with a near name is not refused.
    const byOther = checked('father', 'Lê Văn Bố', { check: { checkerName: 'Lê Thị Hoà An', checkerPosition: 'Đảng viên', letterDate: '2026-02-10' } });
    expect(backgroundSubjectsProblem([applicant, byOther], '2026-02-10')).toBeNull();
  });

  it('a letter dated after the step is refused, the same day taken', () => {
    expect(backgroundSubjectsProblem([applicant], '2026-02-09')).toEqual({ problem: 'letter_after_step', index: 0 });
  });
});

describe('background check replies', () => {
  const subjects = [applicant, checked('father', 'Lê Văn Bố', { abroad: true }), skipped('mother', 'same_commune')];

  it('R-ADM-11/12: complete only when every checked subject has its reply; a skipped one needs none', () => {
    const one = [{ subjectIndex: 0, replyDate: '2026-03-02', result: 'clear' as const }];
    expect(backgroundRepliesOutcome(subjects, one, '2026-03-02')).toEqual({ ok: false, problem: 'reply_missing', subjectIndex: 1 });
    expect(backgroundRepliesOutcome(subjects, [...one, { subjectIndex: 2, replyDate: '2026-03-02', result: 'clear' }], '2026-03-02')).toEqual({ ok: false, problem: 'reply_for_unchecked', index: 1 });
    expect(backgroundRepliesOutcome(subjects, [...one, ...one], '2026-03-02')).toEqual({ ok: false, problem: 'reply_twice', index: 1 });
    const all = backgroundRepliesOutcome(subjects, [...one, { subjectIndex: 1, replyDate: '2026-03-02', result: 'concerns' }], '2026-03-02');
    expect(all).toMatchObject({ ok: true });
  });

  it('R-ADM-14: a reply past 30 wd (90 wd abroad) of the letter is kept and marked late; one before the letter is refused', () => {
    const dueHome = backgroundReplyDue('2026-02-10', false);
    const dueAbroad = backgroundReplyDue('2026-02-10', true);
    const late = backgroundRepliesOutcome(
      subjects,
      [
        { subjectIndex: 0, replyDate: dueHome, result: 'clear' },
        { subjectIndex: 1, replyDate: dueHome, result: 'clear' },
      ],
      dueAbroad,
    );
    expect(late).toEqual({ ok: true, replies: [{ subjectIndex: 0, due: dueHome, late: false }, { subjectIndex: 1, due: dueAbroad, late: false }] });
    const dayAfter = backgroundRepliesOutcome([applicant], [{ subjectIndex: 0, replyDate: addCalendarDays(dueHome, 1), result: 'clear' }], '2026-06-01');
    expect(dayAfter).toMatchObject({ ok: true, replies: [{ late: true }] });
    expect(backgroundRepliesOutcome([applicant], [{ subjectIndex: 0, replyDate: '2026-02-09', result: 'clear' }], '2026-03-01')).toEqual({ ok: false, problem: 'reply_before_letter', index: 0 });
  });
});
