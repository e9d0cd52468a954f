import type { ChainOrg } from './records.repository.js';

// Who acts on a member's record, from the org chain above the member (root first): the direct
// superior of the grassroots org decides cards (R-REC-01) and holds the record-number block
// (R-REC-09); the province gives the blocks.

/** The nearest `superior` above the member's org; else the grassroots org's parent (a grassroots org directly under the province). */
export function directSuperiorOf(chain: readonly ChainOrg[]): ChainOrg | null {
  const above = chain.slice(0, -1);
  for (let k = above.length - 1; k >= 0; k--) if (above[k]!.org_type === 'superior') return above[k]!;
  for (let g = chain.length - 1; g > 0; g--) if (chain[g]!.org_type === 'grassroots_committee' || chain[g]!.org_type === 'grassroots_cell') return chain[g - 1]!;
  return above[above.length - 1] ?? null;
}

/** The province (or đảng bộ directly under the Central Committee) of a chain. */
export function provinceOf(chain: readonly ChainOrg[]): ChainOrg | null {
  return chain.find((o) => o.org_type === 'province') ?? chain.find((o) => o.org_type !== 'central') ?? null;
}
