import { paramOn } from '../../domain/rules/params.js';
import { PROB_LENGTH } from '../../domain/rules/probation.params.js';
import type { AdmissionCase } from '../admission/admission.schema.js';
import { article, centredBold, DOTS, longDate, para, renderDocument, shortDate } from './document.layout.js';
import { heading, numberLine, type Issuer } from './document.issuer.js';

// Draft of the quyết định kết nạp đảng viên (HD06 §3.4), from an admission case at or past its
// decision step. Missing values (number, date, hometown) are dotted lines.

export const ADMISSION_DECISION_TITLE = 'QUYẾT ĐỊNH';
export const ADMISSION_DECISION_SUBJECT = 'Về việc kết nạp đảng viên';

export function admissionDecisionDocx(c: AdmissionCase, who: Issuer, hometown: string | null, today: string): Promise<Buffer> {
  const name = c.candidate.fullName;
  const cell = who.org.name;
  const decided = c.decision?.date ?? null;
  // R-PROB-01: the probation length in force on the day of the decision (or today for a draft).
  const probation = paramOn(PROB_LENGTH, decided ?? today);
  const resolution = c.cellResolution;
  return renderDocument({
    heading: heading(who, numberLine(c.decision?.decisionNo ?? null, 'QĐ'), `${DOTS}, ${longDate(decided)}`),
    title: ADMISSION_DECISION_TITLE,
    subject: ADMISSION_DECISION_SUBJECT,
    body: [
      centredBold(`BAN THƯỜNG VỤ ${who.issuer.name.toUpperCase()}`),
      para('Căn cứ Điều lệ Đảng Cộng sản Việt Nam;', { italics: true }),
      para('Căn cứ Quy định và Hướng dẫn của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;', { italics: true }),
      para(
        `Xét Nghị quyết số ${resolution?.resolutionNo ?? DOTS} ${longDate(resolution?.date ?? null)} của ${cell} đề nghị kết nạp quần chúng ${name} vào Đảng,`,
        { italics: true },
      ),
      centredBold('QUYẾT ĐỊNH'),
      article(1, `Kết nạp quần chúng ${name}, sinh ngày ${shortDate(c.candidate.birthDate)}, quê quán: ${hometown ?? DOTS}, vào Đảng Cộng sản Việt Nam; sinh hoạt tại ${cell}.`),
      article(2, `Thời gian dự bị của đảng viên là ${probation.amount} tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.`),
      article(3, `${cell} và đồng chí ${name} chịu trách nhiệm thi hành Quyết định này.`),
    ],
    recipients: ['Như Điều 3,', 'Lưu hồ sơ đảng viên.'],
    signature: { on: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ', name: null },
  });
}
