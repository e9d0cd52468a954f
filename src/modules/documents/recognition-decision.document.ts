import type { RecognitionCase } from '../recognition/recognition.schema.js';
import { article, centredBold, DOTS, longDate, para, renderDocument, shortDate } from './document.layout.js';
import { heading, numberLine, type Issuer } from './document.issuer.js';

// Draft of the quyết định công nhận đảng viên chính thức (HD06 §4), from a recognition case. The
// official date is the one the domain computes (R-PROB-03: ceremony + probation, whatever day the
// decision is signed), as the case view carries it; it is not recomputed here.

export const RECOGNITION_DECISION_TITLE = 'QUYẾT ĐỊNH';
export const RECOGNITION_DECISION_SUBJECT = 'Về việc công nhận đảng viên chính thức';

export function recognitionDecisionDocx(c: RecognitionCase, who: Issuer, hometown: string | null): Promise<Buffer> {
  const name = c.member.fullName;
  const cell = who.org.name;
  const official = c.officialDate ?? c.probationEnds;
  const resolution = c.cellResolution;
  return renderDocument({
    heading: heading(who, numberLine(c.decision?.decisionNo ?? null, 'QĐ'), `${DOTS}, ${longDate(c.decision?.date ?? null)}`),
    title: RECOGNITION_DECISION_TITLE,
    subject: RECOGNITION_DECISION_SUBJECT,
    body: [
      centredBold(`BAN THƯỜNG VỤ ${who.issuer.name.toUpperCase()}`),
      para('Căn cứ Điều lệ Đảng Cộng sản Việt Nam;', { italics: true }),
      para('Căn cứ Quy định và Hướng dẫn của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;', { italics: true }),
      para(
        `Xét Nghị quyết số ${resolution?.resolutionNo ?? DOTS} ${longDate(resolution?.date ?? null)} của ${cell} đề nghị công nhận đảng viên chính thức cho đồng chí ${name},`,
        { italics: true },
      ),
      centredBold('QUYẾT ĐỊNH'),
      article(
        1,
        `Công nhận đồng chí ${name}, sinh ngày ${shortDate(c.member.birthDate)}, quê quán: ${hometown ?? DOTS}, kết nạp vào Đảng ngày ${shortDate(c.ceremonyDate)}, ` +
          `là đảng viên chính thức kể từ ngày ${shortDate(official)}.`,
      ),
      article(2, `${cell} và đồng chí ${name} chịu trách nhiệm thi hành Quyết định này.`),
    ],
    recipients: ['Như Điều 2,', 'Lưu hồ sơ đảng viên.'],
    signature: { on: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ', name: null },
  });
}
