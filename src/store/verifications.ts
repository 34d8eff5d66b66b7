import type { Kysely, Selectable } from 'kysely'
import type { Database, VerificationRow } from './database.ts'

export type VerificationStatus = 'pending' | 'approved' | 'expired' | 'failed' | 'superseded'

export interface VerificationRecord {
  id: string
  phone: string
  program: string
  codeHash: string
  status: VerificationStatus
  attempts: number
  messageId: string | undefined
  createdAt: number
  expiresAt: number
}

function fromRow(row: Selectable<VerificationRow>): VerificationRecord {
  return {
    id: row.id,
    phone: row.phone,
    program: row.program,
    codeHash: row.code_hash,
    status: row.status as VerificationStatus,
    attempts: row.attempts,
    messageId: row.message_id ?? undefined,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  }
}

/** Starts a verification; any earlier pending one for the number and program is superseded. */
export async function insertVerification(
  db: Kysely<Database>,
  v: Omit<VerificationRecord, 'attempts' | 'status'> & { apiKeyId: string | undefined },
): Promise<void> {
  await db
    .updateTable('verifications')
    .set({ status: 'superseded' })
    .where('phone', '=', v.phone)
    .where('program', '=', v.program)
    .where('status', '=', 'pending')
    .execute()
  await db
    .insertInto('verifications')
    .values({
      id: v.id,
      phone: v.phone,
      program: v.program,
      code_hash: v.codeHash,
      status: 'pending',
      message_id: v.messageId ?? null,
      api_key_id: v.apiKeyId ?? null,
      created_at: v.createdAt,
      expires_at: v.expiresAt,
    })
    .execute()
}

/** The newest verification for a number and program, whatever its status. */
export async function latestVerification(
  db: Kysely<Database>,
  phone: string,
  program: string,
): Promise<VerificationRecord | undefined> {
  const row = await db
    .selectFrom('verifications')
    .selectAll()
    .where('phone', '=', phone)
    .where('program', '=', program)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? fromRow(row) : undefined
}

/** How many codes were sent to a number since a time (the resend limit). */
export async function countVerificationsSince(
  db: Kysely<Database>,
  phone: string,
  since: number,
): Promise<number> {
  const row = await db
    .selectFrom('verifications')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('phone', '=', phone)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow()
  return row.n
}

/**
 * Counts one attempt and sets the resulting status, only while the
 * verification is still pending (two racing checks cannot both approve).
 */
export async function recordVerificationAttempt(
  db: Kysely<Database>,
  id: string,
  status: VerificationStatus,
): Promise<boolean> {
  const result = await db
    .updateTable('verifications')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), status }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
