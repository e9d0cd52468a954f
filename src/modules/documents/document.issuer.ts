import type { OrgLine } from './documents.repository.js';
import { DOTS, type Heading } from './document.layout.js';

// Who heads a draft: the committee that signs it. A draft names the đảng ủy cấp trên trực tiếp of
// the grassroots org (the nearest "superior" above the case's org), else the org's parent; the
// line above it is the org that committee belongs to. The clerk corrects it when another
// committee signs (an authorised grassroots committee, the provincial standing committee).

export interface Issuer {
  issuer: OrgLine;
  superior: OrgLine | null;
  /** The case's own org (the cell). */
  org: OrgLine;
}

export function issuerOf(chain: OrgLine[]): Issuer {
  const org = chain[chain.length - 1]!;
  const above = chain.slice(0, -1);
  let i = -1;
  for (let k = above.length - 1; k >= 0; k--) {
    if (above[k]!.orgType === 'superior') {
      i = k;
      break;
    }
  }
  if (i < 0) i = above.length - 1;
  if (i < 0) return { issuer: org, superior: null, org };
  return { issuer: above[i]!, superior: i > 0 ? above[i - 1]! : null, org };
}

export function heading(i: Issuer, numberLine: string, placeDate: string): Heading {
  return { superior: i.superior?.name ?? null, issuer: i.issuer.name, numberLine, placeDate };
}

/** "Số: 123-QĐ/ĐU", or the dotted form of the given kind ("QĐ"). */
export function numberLine(no: string | null, kind: string): string {
  return no ? `Số: ${no}` : `Số: ${DOTS}-${kind}/……`;
}
