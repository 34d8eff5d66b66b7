import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

export interface IdempotentResponse {
  requestHash: string
  statusCode: number
  body: unknown
  createdAt: number
}

/** The response first given for (API key, Idempotency-Key) since `notBefore`, if any. */
export async function findIdempotentResponse(
  db: Kysely<Database>,
  apiKeyId: string,
  key: string,
  notBefore: number,
): Promise<IdempotentResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('api_key_id', '=', apiKeyId)
    .where('key', '=', key)
    .where('created_at', '>=', notBefore)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    requestHash: row.request_hash,
    statusCode: row.status_code,
    body: JSON.parse(row.response) as unknown,
    createdAt: row.created_at,
  }
}

/**
 * Remembers the response to an idempotent request, replacing an expired
 * entry for the same key. Call in the transaction that commits the effect.
 */
export async function saveIdempotentResponse(
  db: Kysely<Database>,
  entry: { apiKeyId: string; key: string } & IdempotentResponse,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      api_key_id: entry.apiKeyId,
      key: entry.key,
      request_hash: entry.requestHash,
      status_code: entry.statusCode,
      response: JSON.stringify(entry.body),
      created_at: entry.createdAt,
    })
    .onConflict((oc) =>
      oc.columns(['api_key_id', 'key']).doUpdateSet({
        request_hash: entry.requestHash,
        status_code: entry.statusCode,
        response: JSON.stringify(entry.body),
        created_at: entry.createdAt,
      }),
    )
    .execute()
}
