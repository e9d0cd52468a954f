import type { LetterType } from '../../domain/transfer/transfer-rules.js';
import type { TransferCase } from '../transfer/transfer.schema.js';
import { bold, DOTS, longDate, para, renderDocument, shortDate, text } from './document.layout.js';
import { heading, numberLine, type Issuer } from './document.issuer.js';

// Draft of the giấy giới thiệu sinh hoạt đảng (HD38 §II), from a transfer case; its form is the
// letter type the case carries (R-TRF-09).

export const TRANSFER_LETTER_TITLE = 'GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG';

export const LETTER_TYPE_SUBJECTS: Record<LetterType, string> = {
  ten_box: 'Chuyển sinh hoạt đảng chính thức (mẫu loại 10 ô)',
  seven_box: 'Chuyển sinh hoạt đảng chính thức trong đảng bộ (mẫu loại 7 ô)',
  eight_box: 'Chuyển sinh hoạt đảng tạm thời (mẫu loại 8 ô)',
  two_box: 'Giới thiệu sinh hoạt đảng khi ra nước ngoài (mẫu loại 2 ô)',
};

const line = (label: string, value: string) => para([text(`${label}: `), bold(value)]);

function month(yyyyMm: string | null | undefined): string {
  if (!yyyyMm) return DOTS;
  const [y, m] = yyyyMm.split('-');
  return `${m}/${y}`;
}

export function transferLetterDocx(c: TransferCase, who: Issuer, hometown: string | null): Promise<Buffer> {
  const kind = c.kind === 'temporary' ? 'tạm thời' : 'chính thức';
  return renderDocument({
    heading: heading(who, numberLine(c.letter.letterNo, 'GTSH'), `${DOTS}, ${longDate(c.letter.date)}`),
    title: TRANSFER_LETTER_TITLE,
    subject: LETTER_TYPE_SUBJECTS[c.letter.type],
    body: [
      para(`Ban Thường vụ ${who.issuer.name} trân trọng giới thiệu:`),
      line('Đồng chí', c.member.fullName),
      line('Sinh ngày', shortDate(c.member.birthDate)),
      line('Quê quán', hometown ?? DOTS),
      line('Hiện sinh hoạt tại', c.source.name),
      line(`Được chuyển sinh hoạt đảng ${kind} đến`, c.destination.name),
      line('Lý do', c.reason),
      ...(c.kind === 'temporary' ? [line('Thời hạn sinh hoạt tạm thời đến ngày', shortDate(c.endDate))] : []),
      line('Đã đóng đảng phí đến hết tháng', month(c.dues?.paidThrough)),
      para(`Đề nghị ${c.destination.name} tiếp nhận và quản lý đồng chí ${c.member.fullName} theo quy định.`),
    ],
    recipients: ['Như trên,', 'Lưu hồ sơ.'],
    signature: { on: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ', name: null },
  });
}
