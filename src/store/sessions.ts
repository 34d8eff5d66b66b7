import type { Kysely } from 'kysely'
import type { Database, SessionRow } from './database.ts'

export interface SessionRecord {
  /** SHA-256 (hex) of the session token. */
  id: string
  userId: string
  createdAt: number
  expiresAt: number
  lastSeenAt: number
  revokedAt: number | undefined
}

function fromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at ?? undefined,
  }
}

/**
 * Stores a new session under its token's hash.
 * @example await insertSession(db, { id: sha256(token), userId, createdAt: now, expiresAt: now + ttl, lastSeenAt: now })
 */
export async function insertSession(
  db: Kysely<Database>,
  session: Omit<SessionRecord, 'revokedAt'>,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.lastSeenAt,
      revoked_at: null,
    })
    .execute()
}

/** The session with this id (token hash), expired or revoked included. */
export async function findSession(
  db: Kysely<Database>,
  id: string,
): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row) : undefined
}

/**
 * Slides a live session's expiry, writing only when the last write is at
 * least `everyMs` old, so a busy client does not write on every request.
 * Returns whether a row was written.
 */
export async function touchSession(
  db: Kysely<Database>,
  id: string,
  at: { now: number; expiresAt: number; everyMs: number },
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ last_seen_at: at.now, expires_at: at.expiresAt })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at.now)
    .where('last_seen_at', '<=', at.now - at.everyMs)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Revokes one session; false when it was unknown or already revoked. */
export async function revokeSession(
  db: Kysely<Database>,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Revokes every live session of a user (disabled, or a password changed); returns how many. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  userId: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Deletes sessions that expired or were revoked before `before`; returns how many. */
export async function deleteOldSessions(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
