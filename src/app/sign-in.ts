import { createHash } from 'node:crypto'
import { appendAuditEvent } from '../store/audit-events.ts'
import type { Store } from '../store/connect.ts'
import {
  findSession,
  insertSession,
  revokeSession,
  touchSession,
  type SessionRecord,
} from '../store/sessions.ts'
import { findUserById, findUserByUsername, updatePasswordHash } from '../store/users.ts'
import { normaliseUsername, publicUser, type User } from './manage-users.ts'
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

/** Session tokens start `ps_`, so they are never mistaken for API keys (`pk_live_…`, `pk_test_…`). */
export const SESSION_TOKEN_PREFIX = 'ps_'
/** A session ends after 12 hours without use (sliding). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
/** How often a session's last use (and so its expiry) is written back, at most. */
const TOUCH_EVERY_MS = 60_000
const TOKEN_FORMAT = /^ps_[A-Za-z0-9_-]{43}$/

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

type Deps = { store: Store; clock: Clock; random: Random }

/** True when a bearer token has the shape of a session token (it may still be unknown). */
export function isSessionToken(token: string): boolean {
  return TOKEN_FORMAT.test(token)
}

/**
 * Hashed once, lazily: an unknown username is checked against it so that it
 * takes as long as a wrong password and timing does not tell which it was.
 */
let dummyHash: Promise<string> | undefined
const dummy = () => (dummyHash ??= hashPassword('no such user, no such password', Buffer.alloc(16)))

/**
 * Signs a person in with username and password and opens a session. The
 * token is returned once; only its SHA-256 is stored. An unknown username, a
 * wrong password and a disabled user all get the same refusal, after the same
 * scrypt work. Every attempt is written to the audit log.
 * @example const result = await signIn(deps, { username: 'ana', password: 'a long passphrase' }); if (result.ok) reply.send({ token: result.token })
 */
export async function signIn(
  deps: Deps,
  input: { username: string; password: string },
  context: { ip?: string | undefined } = {},
): Promise<
  { ok: true; token: string; user: User; expiresAt: number } | Refusal<'invalid_credentials'>
> {
  const db = deps.store.db
  const username = normaliseUsername(input.username)
  // awaited whoever signs in, so only the very first sign-in pays for hashing it
  const fallbackHash = await dummy()
  const user = await findUserByUsername(db, username)
  const matches = await verifyPassword(input.password, user?.passwordHash ?? fallbackHash)
  const now = deps.clock.now()
  const why = !user
    ? 'unknown_user'
    : !matches
      ? 'wrong_password'
      : user.disabledAt !== undefined
        ? 'disabled'
        : undefined
  if (!user || why) {
    await appendAuditEvent(db, {
      id: deps.random.id(),
      actor: 'anonymous',
      action: 'session.sign_in_failed',
      subject: user ? `user:${user.id}` : undefined,
      // the attempted name is kept (bounded) to spot guessing; the password never is
      data: { username: username.slice(0, 64), reason: why, ...ipOf(context) },
      occurredAt: now,
    })
    return refuse('invalid_credentials', 'the username or password is not right')
  }

  if (needsRehash(user.passwordHash)) {
    await updatePasswordHash(db, user.id, await hashPassword(input.password, deps.random.bytes(16)))
  }
  const token = SESSION_TOKEN_PREFIX + deps.random.bytes(32).toString('base64url')
  const session = {
    id: sha256(token),
    userId: user.id,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    lastSeenAt: now,
  }
  await insertSession(db, session)
  await appendAuditEvent(db, {
    id: deps.random.id(),
    actor: `user:${user.id}`,
    action: 'session.sign_in',
    subject: `user:${user.id}`,
    data: { username: user.username, ...ipOf(context) },
    occurredAt: now,
  })
  return { ok: true, token, user: publicUser(user), expiresAt: session.expiresAt }
}

const ipOf = (context: { ip?: string | undefined }) => (context.ip ? { ip: context.ip } : {})

/**
 * The signed-in user a session token names, or undefined (malformed, unknown,
 * expired, revoked, or the user disabled). Reads the store on every call, so
 * a sign-out or a disable elsewhere takes effect at once. Each use slides the
 * expiry to 12 hours ahead, written at most once a minute.
 * @example const signedIn = await authenticateSession(deps, token); if (!signedIn) throw new HttpError('unauthorized', '…')
 */
export async function authenticateSession(
  deps: { store: Store; clock: Clock },
  token: string,
): Promise<{ user: User; session: Pick<SessionRecord, 'id' | 'expiresAt'> } | undefined> {
  if (!isSessionToken(token)) return undefined
  const db = deps.store.db
  const id = sha256(token)
  const session = await findSession(db, id)
  const now = deps.clock.now()
  if (!session || session.revokedAt !== undefined || session.expiresAt <= now) return undefined
  const user = await findUserById(db, session.userId)
  if (!user || user.disabledAt !== undefined) return undefined
  let expiresAt = session.expiresAt
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
    expiresAt = now + SESSION_TTL_MS
    await touchSession(db, id, { now, expiresAt, everyMs: TOUCH_EVERY_MS })
  }
  return { user: publicUser(user), session: { id, expiresAt } }
}

/**
 * Ends the session a token names; false when it was not a live session.
 * @example await signOut(deps, token)
 */
export async function signOut(deps: Deps, token: string): Promise<boolean> {
  if (!isSessionToken(token)) return false
  const db = deps.store.db
  const id = sha256(token)
  const session = await findSession(db, id)
  const now = deps.clock.now()
  if (!session || !(await revokeSession(db, id, now))) return false
  await appendAuditEvent(db, {
    id: deps.random.id(),
    actor: `user:${session.userId}`,
    action: 'session.sign_out',
    subject: `user:${session.userId}`,
    occurredAt: now,
  })
  return true
}
