import { sql, type Kysely, type Selectable } from 'kysely'
import type { Dialect } from './connect.ts'
import type { Database, InboundTextRow } from './database.ts'
import { insertRows } from './insert-rows.ts'
import { runCompiled } from './run-compiled.ts'

/** A carrier's text as stored before the carrier is answered (decision 0009). */
export interface StagedText {
  /** Sorts by arrival; becomes the messages row's id. */
  id: string
  trunk: string
  carrierId: string
  from: string
  to: string
  /** Unmasked. */
  body: string
  receivedAt: number
  /** Earlier attempts that failed. */
  attempts: number
}

/** Rows per INSERT: 10 columns each, well under both databases' bound-parameter limits. */
const CHUNK = 500

const fromRow = (row: Selectable<InboundTextRow>): StagedText => ({
  id: row.id,
  trunk: row.trunk,
  carrierId: row.carrier_id,
  from: row.from_number,
  to: row.to_number,
  body: row.body,
  receivedAt: row.received_at,
  attempts: row.attempts,
})

/**
 * Stores texts for processing, in one statement (a few for very many: insertRows). A text whose
 * (trunk, carrier id) is already waiting is skipped: it is a carrier's repeat. Returns the ids
 * stored. Each statement commits on its own (no transaction needed: one statement is atomic).
 * @example await stageInboundTexts(db, [{ id, trunk: 'twilio-longcode', carrierId: 'SM…', … }]) // Set { id }
 */
export async function stageInboundTexts(
  db: Kysely<Database>,
  texts: readonly Omit<StagedText, 'attempts'>[],
): Promise<Set<string>> {
  const rows = await insertRows(
    db,
    'inbound_texts',
    ['id', 'trunk', 'carrier_id', 'from_number', 'to_number', 'body', 'received_at'],
    texts.map((t) => [t.id, t.trunk, t.carrierId, t.from, t.to, t.body, t.receivedAt]),
    { onConflictDoNothing: true, returning: 'id' },
  )
  return new Set(rows.map((row) => String(row.id)))
}

/** Key of PostgreSQL's transaction-level advisory lock that makes claims take turns. */
const CLAIM_LOCK = 'parley:inbound-claim:'

/**
 * Claims up to `limit` waiting texts, oldest first, for `leaseMs` under `token`. A text is
 * skipped while an earlier text of its thread (same from and to) is leased elsewhere, so a
 * customer's texts are processed in arrival order even with several servers. On PostgreSQL the
 * claims of all servers take turns (a transaction-level advisory lock), so each one sees the
 * leases the previous one took. Without a `token` the texts are only read, not leased: for a
 * store with a single reader (SQLite under its instance lock, one worker loop), where a lease
 * would cost a commit per batch and protect from nobody; a text waiting out a failure's backoff
 * still holds back its thread.
 * @example await claimInboundTexts(db, 'postgres', { now, limit: 200, leaseMs: 60_000, token })
 */
export async function claimInboundTexts(
  db: Kysely<Database>,
  dialect: Dialect,
  options: { now: number; limit: number; leaseMs: number; token: string | undefined },
): Promise<StagedText[]> {
  const { now, limit, leaseMs, token } = options
  const claim = async (trx: Kysely<Database>) => {
    const free = (at: number, count: number) =>
      trx
        .selectFrom('inbound_texts as t')
        .where((eb) => eb.or([eb('t.lease_until', 'is', null), eb('t.lease_until', '<', at)]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('inbound_texts as e')
                .select('e.id')
                .whereRef('e.from_number', '=', 't.from_number')
                .whereRef('e.to_number', '=', 't.to_number')
                .whereRef('e.id', '<', 't.id')
                .where('e.lease_until', '>=', at),
            ),
          ),
        )
        .orderBy('t.id')
        .limit(count)
    if (token === undefined) {
      const { rows } = await runCompiled(trx, 'claim', { now, limit }, (v) =>
        free(v.now, v.limit).selectAll('t'),
      )
      return rows.map(fromRow)
    }
    const rows = await trx
      .updateTable('inbound_texts')
      .set({ lease_until: now + leaseMs, lease_token: token })
      .where('id', 'in', free(now, limit).select('t.id'))
      .returningAll()
      .execute()
    // RETURNING order is unspecified
    return rows.map(fromRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
  if (dialect === 'sqlite') return claim(db)
  if (token === undefined) throw new Error('PostgreSQL servers share the texts: claim them')
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${CLAIM_LOCK} || current_schema()))`.execute(
      trx,
    )
    return claim(trx)
  })
}

/**
 * Deletes processed texts (their unmasked bodies with them). With a `token`, only rows still
 * leased under it: call inside the transaction that stores the processing, and roll it back when
 * fewer rows went than expected (the lease ran out and another server took them).
 * @example if ((await finishInboundTexts(trx, ids, token)) !== ids.length) throw new LeaseLostError()
 */
export async function finishInboundTexts(
  db: Kysely<Database>,
  ids: readonly string[],
  token: string | undefined,
): Promise<number> {
  let deleted = 0
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const result =
      token === undefined
        ? await runCompiled(db, 'finish-texts', { chunk }, (v) =>
            db.deleteFrom('inbound_texts').where('id', 'in', v.chunk),
          )
        : await runCompiled(db, 'finish-leased-texts', { chunk, token }, (v) =>
            db
              .deleteFrom('inbound_texts')
              .where('id', 'in', v.chunk)
              .where('lease_token', '=', v.token),
          )
    deleted += Number(result.numAffectedRows ?? 0n)
  }
  return deleted
}

/**
 * A text whose processing failed: counted, and left alone until `until` (a backoff). Returns
 * the attempts so far, or undefined when the text is no longer leased under `token` (without
 * one: read unleased, see claimInboundTexts).
 */
export async function deferInboundText(
  db: Kysely<Database>,
  change: { id: string; token: string | undefined; until: number },
): Promise<number | undefined> {
  const row = await db
    .updateTable('inbound_texts')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      lease_until: change.until,
      lease_token: null,
    }))
    .where('id', '=', change.id)
    .where('lease_token', change.token === undefined ? 'is' : '=', change.token ?? null)
    .returning('attempts')
    .executeTakeFirst()
  return row?.attempts
}

/**
 * Frees every claimed text at once. Only for a store no other server uses (SQLite under the
 * instance lock): a claim found at start was a dead process's. Texts waiting out a failure's
 * backoff keep it. Returns how many.
 */
export async function releaseInboundClaims(db: Kysely<Database>): Promise<number> {
  const result = await db
    .updateTable('inbound_texts')
    .set({ lease_until: null, lease_token: null })
    .where('lease_token', 'is not', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** How many texts are stored and not yet processed. */
export async function countInboundTexts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('inbound_texts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Frees texts claimed under `token` without processing them (an earlier text of their thread
 * failed): the next claim takes them again, after that one.
 */
export async function releaseInboundTexts(
  db: Kysely<Database>,
  ids: readonly string[],
  token: string,
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .updateTable('inbound_texts')
      .set({ lease_until: null, lease_token: null })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .where('lease_token', '=', token)
      .execute()
  }
}

/** A carrier's id of a stored inbound text, kept to recognise the carrier repeating it. */
export interface InboundCarrierRef {
  trunk: string
  carrierId: string
  messageId: string
}

const refKey = (trunk: string, carrierId: string) => `${trunk}\u0000${carrierId}`

/**
 * Which of these texts were stored before (their carrier id names an inbound message): a
 * carrier's repeat of a text already processed. Returns `trunk + '\u0000' + carrierId` keys.
 */
export async function knownCarrierIds(
  db: Kysely<Database>,
  texts: readonly { trunk: string; carrierId: string }[],
): Promise<Set<string>> {
  const known = new Set<string>()
  const trunks = new Set(texts.map((t) => t.trunk))
  for (const trunk of trunks) {
    const ids = texts.filter((t) => t.trunk === trunk).map((t) => t.carrierId)
    for (let i = 0; i < ids.length; i += CHUNK) {
      const values = { trunk, ids: ids.slice(i, i + CHUNK) }
      const { rows } = await runCompiled(db, 'known-carrier-ids', values, (v) =>
        db
          .selectFrom('carrier_refs as r')
          .innerJoin('messages as m', 'm.id', 'r.message_id')
          .select('r.carrier_id')
          .where('r.trunk', '=', v.trunk)
          .where('r.carrier_id', 'in', v.ids)
          .where('m.direction', '=', 'inbound'),
      )
      for (const row of rows) known.add(refKey(trunk, row.carrier_id))
    }
  }
  return known
}

/** The key knownCarrierIds answers with. */
export const carrierRefKey = (text: { trunk: string; carrierId: string }): string =>
  refKey(text.trunk, text.carrierId)

/** Remembers stored texts' carrier ids (one statement for many), so a repeat is recognised. */
export async function rememberCarrierIds(
  db: Kysely<Database>,
  refs: readonly InboundCarrierRef[],
): Promise<void> {
  if (refs.length === 0) return
  await insertRows(
    db,
    'carrier_refs',
    ['trunk', 'carrier_id', 'message_id', 'part', 'status'],
    // status as outbound parts start; receipts never name an inbound text
    refs.map((r) => [r.trunk, r.carrierId, r.messageId, 0, 'sent']),
    { onConflictDoNothing: true },
  )
}
