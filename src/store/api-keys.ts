import type { Kysely } from 'kysely'
import type { ApiKeyRow, Database } from './database.ts'

export type ApiKeyScope = 'send' | 'read' | 'admin'

export interface ApiKeyRecord {
  id: string
  name: string
  prefix: string
  hash: string
  scopes: ApiKeyScope[]
  test: boolean
  createdAt: number
  revokedAt: number | undefined
  lastUsedAt: number | undefined
}

function fromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    hash: row.hash,
    scopes: JSON.parse(row.scopes) as ApiKeyScope[],
    test: row.is_test === 1,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
    lastUsedAt: row.last_used_at ?? undefined,
  }
}

/** Stores a new key's hash (never the key itself). */
export async function insertApiKey(
  db: Kysely<Database>,
  key: Omit<ApiKeyRecord, 'revokedAt' | 'lastUsedAt'>,
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      hash: key.hash,
      scopes: JSON.stringify(key.scopes),
      is_test: key.test ? 1 : 0,
      created_at: key.createdAt,
      revoked_at: null,
      last_used_at: null,
    })
    .execute()
}

/** The key with this public prefix, revoked or not. */
export async function findApiKeyByPrefix(
  db: Kysely<Database>,
  prefix: string,
): Promise<ApiKeyRecord | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('prefix', '=', prefix)
    .executeTakeFirst()
  return row ? fromRow(row) : undefined
}

/** Every key, newest first. */
export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute()
  return rows.map(fromRow)
}

/** Revokes a key by id or name; returns false when there was none to revoke. */
export async function revokeApiKey(
  db: Kysely<Database>,
  idOrName: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Records the last use, at most once per minute per key to spare the write. */
export async function touchApiKey(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - 60_000)]))
    .execute()
}

/** The key with this id, revoked or not. */
export async function findApiKeyById(
  db: Kysely<Database>,
  id: string,
): Promise<ApiKeyRecord | undefined> {
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row) : undefined
}

/** Revokes the key with exactly this id (never one named so); false when none was active. */
export async function revokeApiKeyById(
  db: Kysely<Database>,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
