import { sql, type GeneratedAlways, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { connect, type Database } from './connect.js';
import { ConnectionLock } from './pglite-dialect.js';
import type { DB } from './types.js';

// Scratch tables of this file only; created per engine in beforeAll.
type T = DB & {
  t_counter: { id: number; n: number };
  t_row: { id: number; tag: string; seq: number | null };
  t_log: { seq: GeneratedAlways<number>; who: string };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createScratch(db: Kysely<DB>): Promise<void> {
  await sql`create table if not exists t_counter (id int primary key, n int not null)`.execute(db);
  await sql`create table if not exists t_row (id int primary key, tag text not null, seq int)`.execute(db);
  await sql`create table if not exists t_log (seq int generated always as identity primary key, who text not null)`.execute(db);
}

async function reset(db: Kysely<T>): Promise<void> {
  await sql`truncate t_counter, t_row, t_log restart identity`.execute(db);
  await db.insertInto('t_counter').values({ id: 1, n: 0 }).execute();
}

/** Rejects if `p` does not settle within ms: a wedged lock shows as a timeout, not a hung suite. */
function within<R>(p: Promise<R>, ms = 5_000): Promise<R> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`did not settle within ${ms} ms (lock wedged?)`)))]);
}

describe('ConnectionLock', () => {
  it('grants the lock in FIFO order, one holder at a time', async () => {
    const lock = new ConnectionLock();
    const events: string[] = [];
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        lock.run(async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          events.push(`in ${i}`);
          await sleep(i % 3);
          events.push(`out ${i}`);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(events).toEqual(Array.from({ length: 20 }, (_, i) => [`in ${i}`, `out ${i}`]).flat());
  });

  it('releases when the holder throws', async () => {
    const lock = new ConnectionLock();
    await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(within(lock.run(async () => 'next'))).resolves.toBe('next');
  });
});

describeEachEngine('dialect behaviour', (get, engine) => {
  let db: Kysely<T>;
  beforeAll(async () => {
    await createScratch(get().db);
    db = get().db.withTables<Omit<T, keyof DB>>();
  });
  beforeEach(() => reset(db));

  it('50 concurrent read-modify-write transactions (select … for update) lose no increment', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction().execute(async (tx) => {
          const { n } = await tx.selectFrom('t_counter').select('n').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
          await sleep(1);
          await tx.updateTable('t_counter').set({ n: n + 1 }).where('id', '=', 1).execute();
        }),
      ),
    );
    const { n } = await db.selectFrom('t_counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(n).toBe(50);
  });

  it('a failing transaction rolls back only its own writes while the others commit', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        db.transaction().execute(async (tx) => {
          await tx.insertInto('t_row').values({ id: i, tag: `tx${i}`, seq: null }).execute();
          await tx.updateTable('t_counter').set({ n: sql`n + 1` }).where('id', '=', 1).execute();
          await sleep(i % 4);
          if (i % 3 === 0) throw new Error(`fail ${i}`);
          await tx.insertInto('t_row').values({ id: 1000 + i, tag: `tx${i}-b`, seq: null }).execute();
        }),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 === 0));
    const ids = (await db.selectFrom('t_row').select('id').orderBy('id').execute()).map((r) => r.id);
    const committed = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(ids).toEqual([...committed, ...committed.map((i) => 1000 + i)]);
    const { n } = await db.selectFrom('t_counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(n).toBe(committed.length);
  });

  it('a write made while another transaction is open is not swept into its rollback', async () => {
    let started!: () => void;
    const aStarted = new Promise<void>((r) => (started = r));
    const a = db.transaction().execute(async (tx) => {
      await tx.insertInto('t_row').values({ id: 1, tag: 'a', seq: null }).execute();
      started();
      await sleep(150);
      throw new Error('a rolls back');
    });
    await aStarted;
    // Not in any transaction: must commit on its own, whatever A does.
    const b = db.insertInto('t_row').values({ id: 2, tag: 'b', seq: null }).execute();
    // And a reader never sees A's uncommitted row.
    const seen = db.selectFrom('t_row').select('tag').where('id', '=', 1).execute();
    await expect(a).rejects.toThrow('a rolls back');
    await b;
    expect(await seen).toEqual([]);
    expect((await db.selectFrom('t_row').select('tag').orderBy('id').execute()).map((r) => r.tag)).toEqual(['b']);
  });

  it('numAffectedRows / numUpdatedRows / numDeletedRows are exact, including 0', async () => {
    const ins = await db
      .insertInto('t_row')
      .values([1, 2, 3, 4].map((id) => ({ id, tag: id % 2 ? 'odd' : 'even', seq: null })))
      .executeTakeFirstOrThrow();
    expect(ins.numInsertedOrUpdatedRows).toBe(4n);

    const conflict = await db
      .insertInto('t_row')
      .values([{ id: 1, tag: 'dup', seq: null }, { id: 9, tag: 'new', seq: null }])
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirstOrThrow();
    expect(conflict.numInsertedOrUpdatedRows).toBe(1n);

    const upd = await db.updateTable('t_row').set({ seq: 7 }).where('tag', '=', 'odd').executeTakeFirstOrThrow();
    expect(upd.numUpdatedRows).toBe(2n);
    const none = await db.updateTable('t_row').set({ seq: 7 }).where('tag', '=', 'nothing').executeTakeFirstOrThrow();
    expect(none.numUpdatedRows).toBe(0n);
    // Rows whose value does not change are still counted as updated (PostgreSQL semantics).
    const same = await db.updateTable('t_row').set({ seq: 7 }).where('tag', '=', 'odd').executeTakeFirstOrThrow();
    expect(same.numUpdatedRows).toBe(2n);

    const returning = await db.updateTable('t_row').set({ seq: 8 }).where('tag', '=', 'even').returning('id').execute();
    expect(returning.map((r) => r.id).sort()).toEqual([2, 4]);

    const del = await db.deleteFrom('t_row').where('tag', '=', 'even').executeTakeFirstOrThrow();
    expect(del.numDeletedRows).toBe(2n);
    const delNone = await db.deleteFrom('t_row').where('tag', '=', 'even').executeTakeFirstOrThrow();
    expect(delNone.numDeletedRows).toBe(0n);

    const raw = await sql`update t_row set seq = seq + 1 where tag = 'odd'`.execute(db);
    expect(raw.numAffectedRows).toBe(2n);
    const select = await sql`select * from t_row`.execute(db);
    expect(select.numAffectedRows).toBeUndefined();
    expect(select.rows).toHaveLength(3);

    // Counts inside a transaction are per statement, not cumulative.
    await db.transaction().execute(async (tx) => {
      const a = await tx.insertInto('t_row').values({ id: 20, tag: 'tx', seq: null }).executeTakeFirstOrThrow();
      const b = await tx.updateTable('t_row').set({ seq: 1 }).executeTakeFirstOrThrow();
      expect(a.numInsertedOrUpdatedRows).toBe(1n);
      expect(b.numUpdatedRows).toBe(4n);
    });
  });

  it('savepoints: rollback to a savepoint undoes only what followed it, also after an error', async () => {
    const trx = await db.startTransaction().execute();
    try {
      await trx.insertInto('t_row').values({ id: 1, tag: 'before', seq: null }).execute();
      // A mixed-case name must work (it is compiled as a quoted identifier).
      const sp = await trx.savepoint('Sp One').execute();
      await sp.insertInto('t_row').values({ id: 2, tag: 'undone', seq: null }).execute();
      const back = await sp.rollbackToSavepoint('Sp One').execute();

      const sp2 = await back.savepoint('sp2').execute();
      // A failing statement aborts the transaction; rolling back to the savepoint recovers it.
      await expect(sp2.insertInto('t_row').values({ id: 1, tag: 'duplicate', seq: null }).execute()).rejects.toThrow();
      const back2 = await sp2.rollbackToSavepoint('sp2').execute();

      const sp3 = await back2.savepoint('sp3').execute();
      await sp3.insertInto('t_row').values({ id: 3, tag: 'kept', seq: null }).execute();
      const released = await sp3.releaseSavepoint('sp3').execute();
      await released.commit().execute();
    } catch (e) {
      await trx.rollback().execute();
      throw e;
    }
    expect((await db.selectFrom('t_row').select('tag').orderBy('id').execute()).map((r) => r.tag)).toEqual(['before', 'kept']);
  });

  it('a rolled-back controlled transaction leaves nothing and frees the connection', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('t_row').values({ id: 1, tag: 'gone', seq: null }).execute();
    await trx.rollback().execute();
    expect(await within(db.selectFrom('t_row').selectAll().execute())).toEqual([]);
  });

  it('transaction settings are honoured: a read-only transaction cannot write', async () => {
    await expect(
      db
        .transaction()
        .setAccessMode('read only')
        .execute((tx) => tx.insertInto('t_row').values({ id: 1, tag: 'x', seq: null }).execute()),
    ).rejects.toThrow(/read-only/);
    const level = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (tx) => (await sql<{ l: string }>`select current_setting('transaction_isolation') as l`.execute(tx)).rows[0]?.l);
    expect(level).toBe('serializable');
  });

  it('a query error outside a transaction does not wedge the connection', async () => {
    await expect(sql`select * from no_such_table`.execute(db)).rejects.toThrow(/no_such_table/);
    await expect(within(sql`select 1 as one`.execute(db))).resolves.toMatchObject({ rows: [{ one: 1 }] });
    // Many failing and succeeding queries at once all settle.
    const results = await within(
      Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? sql`select ${i}::int as v`.execute(db) : sql`select 1/0`.execute(db)))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
  });

  it('an error inside a transaction (SQL or thrown) rolls back and frees the connection', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('t_row').values({ id: 1, tag: 'x', seq: null }).execute();
        await sql`select 1/0`.execute(tx);
      }),
    ).rejects.toThrow(/division by zero/);
    await expect(within(db.selectFrom('t_row').selectAll().execute())).resolves.toEqual([]);
  });

  it('a caught statement error still dooms the transaction: nothing commits (same on both engines)', async () => {
    // PostgreSQL answers COMMIT of an aborted transaction with ROLLBACK, not an error, so the
    // transaction "succeeds" with nothing written. Use a savepoint to recover from an expected error.
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('t_row').values({ id: 1, tag: 'first', seq: null }).execute();
      await tx
        .insertInto('t_row')
        .values({ id: 1, tag: 'dup', seq: null })
        .execute()
        .catch(() => undefined);
    });
    expect(await db.selectFrom('t_row').selectAll().execute()).toEqual([]);
  });

  it(`${engine === 'pglite' ? 'serializes' : 'runs'} concurrent transactions; each sees only committed data`, async () => {
    // Each transaction appends its name twice with a pause between; on PGlite the pairs never interleave.
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((who, i) =>
        db.transaction().execute(async (tx) => {
          await tx.insertInto('t_log').values({ who }).execute();
          await sleep(20 + 10 * i);
          await tx.insertInto('t_log').values({ who }).execute();
        }),
      ),
    );
    const log = (await db.selectFrom('t_log').select('who').orderBy('seq').execute()).map((r) => r.who);
    expect(log).toHaveLength(8);
    if (engine === 'pglite') expect(log).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
  });
});

// PGlite-only: the guarantees that come from serializing every use of its single connection.
describe('PGlite dialect serializes its single connection', () => {
  let database: Database;
  let db: Kysely<T>;
  beforeAll(async () => {
    database = await connect({ memory: true });
    await createScratch(database.db);
    db = database.db.withTables<Omit<T, keyof DB>>();
  });
  afterAll(() => database.close());
  beforeEach(() => reset(db));

  it('50 concurrent plain read-then-write transactions (no row lock) end at 50', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction().execute(async (tx) => {
          const { n } = await tx.selectFrom('t_counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
          await sleep(Math.random() * 3);
          await tx.updateTable('t_counter').set({ n: n + 1 }).where('id', '=', 1).execute();
        }),
      ),
    );
    const { n } = await db.selectFrom('t_counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(n).toBe(50);
  });

  it('a statement issued while a transaction sleeps waits until that transaction ends', async () => {
    const order: string[] = [];
    let started!: () => void;
    const aStarted = new Promise<void>((r) => (started = r));
    const a = db.transaction().execute(async (tx) => {
      await tx.insertInto('t_log').values({ who: 'a1' }).execute();
      order.push('a1');
      started();
      await sleep(200);
      await tx.insertInto('t_log').values({ who: 'a2' }).execute();
      order.push('a2');
    });
    await aStarted;
    const t0 = Date.now();
    const b = db
      .insertInto('t_log')
      .values({ who: 'b' })
      .execute()
      .then(() => order.push('b'));
    await Promise.all([a, b]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(order).toEqual(['a1', 'a2', 'b']);
    const log = (await db.selectFrom('t_log').select('who').orderBy('seq').execute()).map((r) => r.who);
    expect(log).toEqual(['a1', 'a2', 'b']);
  });

  it('bulk COPY waits for an open transaction and is not part of it', async () => {
    let started!: () => void;
    const aStarted = new Promise<void>((r) => (started = r));
    const a = db.transaction().execute(async (tx) => {
      await tx.insertInto('t_row').values({ id: 1, tag: 'a', seq: null }).execute();
      started();
      await sleep(100);
      throw new Error('a rolls back');
    });
    await aStarted;
    async function* rows() {
      yield '2,copied,\n3,copied,\n';
    }
    const copy = database.bulk.copyCsv('t_row', ['id', 'tag', 'seq'], rows());
    await expect(a).rejects.toThrow('a rolls back');
    await copy;
    expect((await db.selectFrom('t_row').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([2, 3]);
  });
});
