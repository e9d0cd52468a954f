import { z } from 'zod';
import { AGE_BANDS } from '../../domain/age-band.js';
import { EDUCATION_BANDS, PROFESSIONAL_LEVELS, THEORY_LEVELS } from '../../domain/education.js';
import { ORG_KINDS, ORG_TYPES } from '../../domain/org-type.js';
import { isoDate } from '../../http/schemas.js';

export const statsQuery = z.object({
  asOf: isoDate.optional().describe('Ngày số liệu (YYYY-MM-DD), mặc định hôm nay; ngày trong quá khứ được tính từ lịch sử'),
  source: z.enum(['rollup', 'recount']).optional().describe('Số liệu hôm nay: đọc bảng tổng hợp (mặc định) hoặc đếm lại từ dữ liệu gốc'),
});

const n = z.number().int();
const codes = z.record(z.string(), n);
/** Fixed keys, plus any code found in the data that is not on the list. */
const tally = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, n])) as Record<K, typeof n>).catchall(n);

export const statsBody = z.object({
  orgId: z.number().int().nullable(),
  asOf: z.string(),
  source: z.enum(['rollup', 'recount', 'history']),
  attributesAsOf: z.literal('current'),
  members: z.object({
    total: n,
    byStatus: z.object({ probationary: n, official: n, exempt: n }),
    bySex: z.object({ male: n, female: n }),
    byAgeBand: tally(AGE_BANDS),
    byEthnicity: z.object({ kinh: n, minority: n, detail: codes }),
    byReligion: z.object({ none: n, religious: n, detail: codes }),
    byTheoryLevel: tally(THEORY_LEVELS),
    byEducation: tally(EDUCATION_BANDS),
    byProfessionalLevel: tally(PROFESSIONAL_LEVELS),
    youthUnion: n,
  }),
  orgs: z.object({
    byType: tally(ORG_TYPES),
    byKind: tally(ORG_KINDS),
    grassroots: n,
    cells: n,
  }),
  women: n,
  ethnicMinority: n,
  youth: n,
});
