import { ACTIVE_STATUSES } from '../../../../src/domain/member-status.js';
import type { EthnicGroup } from '../../../../src/domain/stats-figures.js';
import { withQuery } from '../../api/client.js';

// Where each dashboard figure leads: the member list filtered to what the figure counts. The
// statistics count members on the rolls, so every link starts from those statuses; the list's
// URL is its state, so a link is just its query string.

const ON_ROLLS = ACTIVE_STATUSES.join(',');

export interface ListLink {
  to: string;
  /** True when the list cannot filter by the figure's dimension and shows a wider set. */
  approximate: boolean;
}

export interface FigureFilter {
  status?: string;
  sex?: 'male' | 'female';
  ageBand?: string;
  theoryLevel?: string;
  ethnicGroup?: EthnicGroup;
}

export function memberListLink(org: number | null, filter: FigureFilter = {}, approximate = false): ListLink {
  const { status, ...rest } = filter;
  return { to: withQuery('/members', { status: status ?? ON_ROLLS, ...rest, org }), approximate };
}
