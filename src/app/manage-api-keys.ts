import { createHash, timingSafeEqual } from 'node:crypto'
import {
  findApiKeyById,
  findApiKeyByPrefix,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  revokeApiKeyById,
  touchApiKey,
  type ApiKeyRecord,
  type ApiKeyScope,
} from '../store/api-keys.ts'
import { appendAuditEvent } from '../store/audit-events.ts'
import type { Store } from '../store/connect.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['send', 'read', 'admin']

/** `pk_live_<prefix>_<secret>`: the prefix finds the row, the secret's SHA-256 proves it. */
const KEY_FORMAT = /^pk_(live|test)_([0-9a-f]{12})_([0-9A-Za-z_-]{43})$/

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * Creates an API key and returns it in clear text once; only its hash is kept.
 * A test key sends through the sandbox carrier whatever the number.
 * @example const { key } = await createApiKey(deps, { name: 'crm', scopes: ['send'], test: false })
 */
export async function createApiKey(
  deps: { store: Store; clock: Clock; random: Random },
  input: { name: string; scopes: readonly ApiKeyScope[]; test: boolean },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const prefix = deps.random.bytes(6).toString('hex')
  const secret = deps.random.bytes(32).toString('base64url')
  const key = `pk_${input.test ? 'test' : 'live'}_${prefix}_${secret}`
  const record = {
    id: deps.random.id(),
    name: input.name,
    prefix,
    hash: sha256(secret),
    scopes: [...new Set(input.scopes)],
    test: input.test,
    createdAt: deps.clock.now(),
  }
  await insertApiKey(deps.store.db, record)
  return { key, record: { ...record, revokedAt: undefined, lastUsedAt: undefined } }
}

/** How often a key's last use is written back, at most. */
const TOUCH_EVERY_MS = 60_000

/**
 * Returns a function giving the active key a bearer token names, or undefined
 * (malformed, unknown, wrong secret or revoked). The key is read on every call,
 * so a revocation (even from another process) takes effect at once; the last
 * use is written at most once a minute per key.
 */
export function createApiKeyAuthenticator(deps: {
  store: Store
  clock: Clock
}): (token: string) => Promise<ApiKeyRecord | undefined> {
  const touched = new Map<string, number>()
  return async (token) => {
    const match = KEY_FORMAT.exec(token)
    if (!match) return undefined
    const [, , prefix = '', secret = ''] = match
    const record = await findApiKeyByPrefix(deps.store.db, prefix)
    if (!record || record.revokedAt !== undefined) return undefined
    const given = Buffer.from(sha256(secret), 'hex')
    if (!timingSafeEqual(given, Buffer.from(record.hash, 'hex'))) return undefined
    const now = deps.clock.now()
    if (now - (touched.get(record.id) ?? 0) >= TOUCH_EVERY_MS) {
      touched.set(record.id, now)
      await touchApiKey(deps.store.db, record.id, now)
    }
    return record
  }
}

/** Every key (hashes included; never shown), newest first. */
export function listKeys(deps: { store: Store }): Promise<ApiKeyRecord[]> {
  return listApiKeys(deps.store.db)
}

/** Revokes a key by id or name; false when no active key matched. */
export function revokeKey(
  deps: { store: Store; clock: Clock },
  idOrName: string,
): Promise<boolean> {
  return revokeApiKey(deps.store.db, idOrName, deps.clock.now())
}

/**
 * createApiKey for a person in the administration screens: the same key, plus an
 * `apikey.create` audit event naming who made it (never the key).
 * @example const { key } = await issueApiKey(deps, 'user:019…', { name: 'crm', scopes: ['send'], test: false })
 */
export async function issueApiKey(
  deps: { store: Store; clock: Clock; random: Random },
  actor: string,
  input: { name: string; scopes: readonly ApiKeyScope[]; test: boolean },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const created = await createApiKey(deps, input)
  const { id, name, scopes, test } = created.record
  await appendAuditEvent(deps.store.db, {
    id: deps.random.id(),
    actor,
    action: 'apikey.create',
    subject: `apikey:${id}`,
    data: { name, scopes, test },
    occurredAt: created.record.createdAt,
  })
  return created
}

/**
 * Revokes the key with this id at once (the next request with it is refused) and audits it
 * as `apikey.revoke`.
 * @example await revokeKeyById(deps, 'user:019…', keyId) // { ok: true, record: { revokedAt: 1795…, … } }
 */
export async function revokeKeyById(
  deps: { store: Store; clock: Clock; random: Random },
  actor: string,
  id: string,
): Promise<
  { ok: true; record: ApiKeyRecord } | Refusal<'api_key_not_found' | 'api_key_already_revoked'>
> {
  const db = deps.store.db
  const found = await findApiKeyById(db, id)
  if (!found) return refuse('api_key_not_found', `no API key ${id}`)
  const now = deps.clock.now()
  if (!(await revokeApiKeyById(db, id, now)))
    return refuse('api_key_already_revoked', `the API key ${found.name} is already revoked`)
  await appendAuditEvent(db, {
    id: deps.random.id(),
    actor,
    action: 'apikey.revoke',
    subject: `apikey:${id}`,
    data: { name: found.name },
    occurredAt: now,
  })
  return { ok: true, record: { ...found, revokedAt: now } }
}
