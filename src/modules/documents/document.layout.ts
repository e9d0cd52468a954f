import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';

// The shared layout of the Word drafts (issue 5 item 10): a party document in the style of
// Nghị định 30/2020 as the party's own guidance (HD 36-HD/VPTW) uses it. A4, Times New Roman
// 14 pt, margins 20 mm top and bottom, 30 mm left, 15 mm right; the issuer and number top left,
// "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date (italics) top right, "Nơi nhận:" bottom left and
// the signature block bottom right. Each document module fills the parts; what the case does not
// yet record is a dotted line to be written by hand.

/** Where the case has no value yet: a dotted line the clerk fills in. */
export const DOTS = '……………';

const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const SIZE = 28; // half-points: 14 pt
const SMALL = 24; // 12 pt, the "Nơi nhận" block
const A4 = { width: 11906, height: 16838 };
const BODY_WIDTH = Math.round(A4.width - 30 * MM - 15 * MM);

export interface Heading {
  /** The org above the issuer, if any: "ĐẢNG BỘ TỈNH …". */
  superior: string | null;
  /** The issuing committee: "ĐẢNG ỦY XÃ …". */
  issuer: string;
  /** "Số: 123-QĐ/ĐU", or a dotted number. */
  numberLine: string;
  /** "…, ngày 20 tháng 4 năm 2026", or dotted. */
  placeDate: string;
}

export interface DocumentParts {
  heading: Heading;
  /** "QUYẾT ĐỊNH", "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG". */
  title: string;
  /** The line under the title: "Về việc kết nạp đảng viên". */
  subject: string;
  /** The body, already built with the paragraph helpers below. */
  body: Paragraph[];
  recipients: string[];
  signature: { on: string; title: string; name: string | null };
}

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? SIZE, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });

const centred = (children: ParagraphChild[], after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });

/** A justified body paragraph with a first-line indent, as the body of a decision is set. */
export function para(text: string | ParagraphChild[], o: { bold?: boolean; italics?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(12.7 * MM) },
    spacing: { before: 60, after: 60, line: 312 },
    children: typeof text === 'string' ? [run(text, o)] : text,
  });
}

/** "Điều 1. …": the article number bold, the text plain. */
export function article(n: number, text: string): Paragraph {
  return para([run(`Điều ${n}. `, { bold: true }), run(text)]);
}

/** A centred bold line: "QUYẾT ĐỊNH" between the recitals and the articles. */
export function centredBold(text: string): Paragraph {
  return centred([run(text, { bold: true })], 120);
}

/** Plain run and bold run for callers that mix them in one paragraph. */
export const text = (s: string) => run(s);
export const bold = (s: string) => run(s, { bold: true });

/** "ngày 20 tháng 4 năm 2026" from an ISO date, or dotted. */
export function longDate(iso: string | null): string {
  if (!iso) return 'ngày …… tháng …… năm ……';
  const [y, m, d] = iso.split('-').map(Number);
  return `ngày ${String(d).padStart(2, '0')} tháng ${String(m).padStart(2, '0')} năm ${y}`;
}

/** dd/mm/yyyy, or dotted. */
export function shortDate(iso: string | null): string {
  if (!iso) return DOTS;
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const l = Math.round(BODY_WIDTH * leftShare);
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: BODY_WIDTH, type: WidthType.DXA },
    columnWidths: [l, BODY_WIDTH - l],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, l), cell(right, BODY_WIDTH - l)] })],
  });
}

function headingBlock(h: Heading): Table {
  const left = [
    ...(h.superior ? [centred([run(h.superior.toUpperCase(), { size: SIZE })])] : []),
    centred([run(h.issuer.toUpperCase(), { bold: true })]),
    centred([run('*', { bold: true })]),
    centred([run(h.numberLine)]),
  ];
  const right = [
    centred([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true })], 240),
    centred([run(h.placeDate, { italics: true })]),
  ];
  return twoColumns(left, right, 0.45);
}

function closingBlock(parts: DocumentParts): Table {
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: SMALL })] }),
    ...parts.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] })),
  ];
  const right = [
    centred([run(parts.signature.on, { bold: true })]),
    centred([run(parts.signature.title, { bold: true })], 1400),
    centred([run(parts.signature.name ?? DOTS, { bold: true })]),
  ];
  return twoColumns(left, right, 0.5);
}

/** The whole document as a .docx file. */
export async function renderDocument(parts: DocumentParts): Promise<Buffer> {
  const doc = new Document({
    creator: 'Đảng vụ',
    title: `${parts.title} ${parts.subject}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
          },
        },
        children: [
          headingBlock(parts.heading),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [run(parts.title, { bold: true })] }),
          centred([run(parts.subject, { bold: true })], 240),
          ...parts.body,
          new Paragraph({ spacing: { after: 240 }, children: [] }),
          closingBlock(parts),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
