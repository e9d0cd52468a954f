// The bodies of the admission steps that carry lists (R-ADM-11…15, R-ADM-34), as the API tests
// send them: the applicant and the father checked, the mother skipped on the same-commune ground
// (R-ADM-12), the residence comment and its 5D summary, a secret ballot.

export function backgroundRequested(date: string, applicant = 'Lê Thị Hoa') {
  const check = { checkerName: 'Đỗ Văn Kiểm', checkerPosition: 'Chi ủy viên', letterDate: date };
  return {
    kind: 'background_check_requested',
    date,
    subjects: [
      { relation: 'applicant', fullName: applicant, birthYear: 1996, checkedAt: 'Đảng ủy phường Hà Đông', check, skip: null },
      { relation: 'father', fullName: 'Lê Văn Thành', birthYear: 1968, checkedAt: 'Đảng ủy xã Vân Canh', check, skip: null },
      { relation: 'mother', fullName: 'Trần Thị Lụa', birthYear: 1970, checkedAt: 'Đảng ủy xã Vân Canh', check: null, skip: { ground: 'same_commune', confirmedBy: 'Đảng ủy xã Vân Canh', confirmedOn: date } },
    ],
  };
}

export function backgroundReplied(date: string) {
  return {
    kind: 'background_check_replied',
    date,
    replies: [
      { subjectIndex: 0, replyDate: date, result: 'clear' },
      { subjectIndex: 1, replyDate: date, result: 'clear' },
    ],
  };
}

export function comments(date: string) {
  return {
    kind: 'comments',
    date,
    organizations: [],
    comments: [{ from: 'residence', date, summary: 'Chi bộ khu dân cư nhất trí' }],
    summary: 'Các ý kiến đồng ý đề nghị kết nạp',
  };
}

/** R-ADM-34 on a vote that passes; `reportedUpOn` for one that does not. */
export const ballot = (reportedUpOn: string | null = null) => ({ method: 'secret_ballot', reportedUpOn });
