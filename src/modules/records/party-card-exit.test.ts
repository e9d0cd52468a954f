import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Card = { id: number; status: string; reason: string; closedOn: string | null; closeNote: string | null; replacesId: number | null; requestedOn: string; version: number };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });

// R-REC-04 on exit: every exit path closes the member's open card in its own transaction, through
// the member module's one status path. Today is 2026-11-20.
describeApi('party card on exit (R-REC-04)', (h) => {
  let t: Tree;
  let other: Session;
  let seq = 0;

  beforeAll(async () => {
    t = await insertTestTree(h().database.db, 'PX');
    const o = await insertTestTree(h().database.db, 'PY');
    await userWithRoles(h().database.db, 'staff.py', 'mat-khau-staff-py-1', [{ role: 'org_staff', orgId: o.commune.id }]);
    other = await signIn(h().app, 'staff.py', 'mat-khau-staff-py-1');
  });

  async function official(name: string, org = t.cellA) {
    return insertTestMember(h().database.db, { org, full_name: name, status: 'official', status_since: '2012-01-02', admission_date: '2011-01-03', citizen_id: `0010860${String(++seq).padStart(5, '0')}` });
  }

  /** A card through the API up to `stage`: requested, decided or handed over. */
  async function cardOf(memberId: number, stage: 'requested' | 'decided' | 'handed_over'): Promise<Card> {
    const req = await call(h(), 'POST', '/api/party-cards', { memberId, requestedOn: '2025-10-01' });
    expect(req.statusCode, req.body).toBe(201);
    let card: Card = req.json();
    if (stage === 'requested') return card;
    const dec = await call(h(), 'POST', `/api/party-cards/${card.id}/decision`, { decisionNo: '7-QĐ/ĐU', decisionDate: '2025-10-15', version: card.version });
    expect(dec.statusCode, dec.body).toBe(200);
    card = dec.json();
    if (stage === 'decided') return card;
    const hand = await call(h(), 'POST', `/api/party-cards/${card.id}/handover`, { date: '2025-11-05', version: card.version });
    expect(hand.statusCode, hand.body).toBe(200);
    return hand.json();
  }

  const cardsOf = async (memberId: number): Promise<Card[]> => (await call(h(), 'GET', `/api/party-cards?memberId=${memberId}`)).json().items;
  const version = async (memberId: number) => (await h().database.db.selectFrom('member').select('version').where('id', '=', memberId).executeTakeFirstOrThrow()).version;

  it('R-REC-04: xóa tên recovers the card on the decision date; R-AGE-04: the restoration asks for a reissue replacing it', async () => {
    const m = await official('Phan Văn Thẻ');
    const card = await cardOf(m.id, 'handed_over');
    const opened = await call(h(), 'POST', '/api/exits', { memberId: m.id, openedOn: '2026-01-05', grounds: ['missed_meetings'] });
    expect(opened.statusCode, opened.body).toBe(201);
    let c = opened.json();
    const steps: Record<string, unknown>[] = [
      { kind: 'self_review_request', date: '2026-01-06', reply: 'refused' },
      { kind: 'self_review_request', date: '2026-01-13', reply: 'refused' },
      { kind: 'self_review_request', date: '2026-01-20', reply: 'refused' },
      { kind: 'cell_resolution', date: '2026-01-27', resolutionNo: '03-NQ/CB', votes: votes(9, 7) },
      { kind: 'grassroots_resolution', date: '2026-02-03', resolutionNo: '11-NQ/ĐU', votes: votes(15, 11) },
    ];
    for (const s of steps) c = (await call(h(), 'POST', `/api/exits/${c.id}/steps`, { ...s, version: c.version })).json();
    // Still on the rolls: the card is still open.
    expect((await cardsOf(m.id))[0]).toMatchObject({ id: card.id, status: 'handed_over' });

    const removed = await call(h(), 'POST', `/api/exits/${c.id}/steps`, { kind: 'decision', date: '2026-02-05', decisionNo: '45-QĐ/ĐU', authority: 'superior_standing_committee', votes: votes(9, 6), version: c.version });
    expect(removed.statusCode, removed.body).toBe(200);
    c = removed.json();
    const [closed] = await cardsOf(m.id);
    expect(closed).toMatchObject({ id: card.id, status: 'recovered', closedOn: '2026-02-05' });
    expect(closed!.closeNote).toContain('45-QĐ/ĐU');
    const audit = await h().database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'party_card').where('entity_id', '=', String(card.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'party_card.close', after: { status: 'recovered', closedOn: '2026-02-05', memberStatus: 'removed' } });
    // The open-card list of the cell no longer shows it.
    const open = (await call(h(), 'GET', `/api/party-cards?org=${t.cellA.id}&status=handed_over`)).json().items as Card[];
    expect(open.map((x) => x.id)).not.toContain(card.id);

    for (const s of [
      { kind: 'notification', date: '2026-02-06' },
      { kind: 'appeal', date: '2026-03-20', level: 'provincial', byMember: true },
      { kind: 'appeal_resolution', date: '2026-05-04', decisionNo: '12-QĐ/TU', result: 'upheld' },
    ]) {
      const res = await call(h(), 'POST', `/api/exits/${c.id}/steps`, { ...s, version: c.version });
      expect(res.statusCode, res.body).toBe(200);
      c = res.json();
    }
    expect(c).toMatchObject({ state: 'restored', member: { status: 'official' } });
    const after = await cardsOf(m.id);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ status: 'requested', reason: 'reissue', replacesId: card.id, requestedOn: '2026-05-04' });
    expect(after[1]).toMatchObject({ id: card.id, status: 'recovered' });
  });

  it('R-REC-04: khai trừ (expulsion, through the status change) recovers the card; leaving on request too', async () => {
    const x = await official('Lê Văn Khai');
    const xCard = await cardOf(x.id, 'decided');
    const expelled = await call(h(), 'POST', `/api/members/${x.id}/status`, { status: 'expelled', effectiveDate: '2026-06-01', decisionNo: '3-QĐ/UBKT', version: await version(x.id) });
    expect(expelled.statusCode, expelled.body).toBe(200);
    expect((await cardsOf(x.id))[0]).toMatchObject({ id: xCard.id, status: 'recovered', closedOn: '2026-06-01' });

    const w = await official('Lý Thị Rời');
    const wCard = await cardOf(w.id, 'handed_over');
    const left = await call(h(), 'POST', '/api/exits/withdrawals', { memberId: w.id, requestDate: '2026-08-01', decisionDate: '2026-08-20', decisionNo: '90-QĐ/ĐU', violating: false, version: await version(w.id) });
    expect(left.statusCode, left.body).toBe(200);
    expect((await cardsOf(w.id))[0]).toMatchObject({ id: wCard.id, status: 'recovered', closedOn: '2026-08-20' });
  });

  it('R-REC-04: on death the family keeps the card; a request not yet decided lapses; out of scope nothing is read or written', async () => {
    const d = await official('Võ Văn Mất');
    const dCard = await cardOf(d.id, 'handed_over');
    const outside = await call(h(), 'POST', '/api/exits/deaths', { memberId: d.id, dateOfDeath: '2026-10-02', version: await version(d.id) }, other.headers);
    expect(outside.statusCode).toBe(404);
    expect((await cardsOf(d.id))[0]).toMatchObject({ id: dCard.id, status: 'handed_over', closedOn: null });

    const died = await call(h(), 'POST', '/api/exits/deaths', { memberId: d.id, dateOfDeath: '2026-10-02', version: await version(d.id) });
    expect(died.statusCode, died.body).toBe(200);
    expect((await cardsOf(d.id))[0]).toMatchObject({ id: dCard.id, status: 'kept_by_family', closedOn: '2026-10-02' });

    const r = await official('Đào Thị Chờ');
    const rCard = await cardOf(r.id, 'requested');
    const died2 = await call(h(), 'POST', '/api/exits/deaths', { memberId: r.id, dateOfDeath: '2026-10-03', version: await version(r.id) });
    expect(died2.statusCode, died2.body).toBe(200);
    expect((await cardsOf(r.id))[0]).toMatchObject({ id: rCard.id, status: 'cancelled', closedOn: '2026-10-03' });
    // A lapsed request leaves the member free of open cards: nothing blocks the history.
    const row = await h().database.db.selectFrom('party_card').select(['decision_date', 'card_no']).where('id', '=', rCard.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ decision_date: null, card_no: null });
  });

  it('R-REC-04 with R-PROB-09: a probationary member not recognised (xóa tên) has a pending card request lapse', async () => {
    const db = h().database.db;
    const m = await insertTestMember(db, { org: t.gcell, full_name: 'Trịnh Văn Dự', status: 'probationary', status_since: '2025-09-01', admission_date: '2025-09-01' });
    // An imported request a probationary member should not have: the exit still closes it.
    const now = new Date();
    const { id } = await db
      .insertInto('party_card')
      .values({ member_id: m.id, reason: 'new', requested_on: '2025-09-15', request_month: '2025-09', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    let c = (await call(h(), 'POST', '/api/recognition-cases', { memberId: m.id, openedOn: '2026-09-01' })).json();
    for (const s of [
      { kind: 'self_review', date: '2026-09-02' },
      { kind: 'cell_resolution', date: '2026-09-10', resolutionNo: '3-NQ/CB', proposal: 'remove', votes: votes(9, 7) },
      { kind: 'decision', date: '2026-09-15', decisionNo: '46-QĐ/ĐU', authority: 'superior_standing_committee', result: 'removed', votes: votes(9, 6) },
    ]) {
      const res = await call(h(), 'POST', `/api/recognition-cases/${c.id}/steps`, { ...s, version: c.version });
      expect(res.statusCode, res.body).toBe(200);
      c = res.json();
    }
    expect(c).toMatchObject({ state: 'removed', member: { status: 'removed' } });
    expect((await cardsOf(m.id))[0]).toMatchObject({ id: Number(id), status: 'cancelled', closedOn: '2026-09-15' });
  });
});
