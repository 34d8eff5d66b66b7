import type { Config } from '../config/schema.ts'
import { appendAuditEvent } from '../store/audit-events.ts'
import type { Store } from '../store/connect.ts'
import { revokeUserSessions } from '../store/sessions.ts'
import {
  disableUser as disableUserRow,
  ensureQueueRows,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers as selectUsers,
  type Role,
  type UserRecord,
} from '../store/users.ts'
import { hashPassword } from './password-hash.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

export type { Role } from '../store/users.ts'

export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin']
export const MIN_PASSWORD_LENGTH = 12
/** scrypt takes any length; the bound keeps a request from making it hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024
export const DEFAULT_CAPACITY = 3
export const MAX_CAPACITY = 100

/** Lower-case letters, digits and . _ @ -, so an e-mail address works as a username. */
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/

/** A user as shown to people and other systems: everything but the password hash. */
export type User = Omit<UserRecord, 'passwordHash'>

/** Drops the password hash. */
export function publicUser(record: UserRecord): User {
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    role: record.role,
    skills: record.skills,
    queues: record.queues,
    capacity: record.capacity,
    status: record.status,
    notReadyReason: record.notReadyReason,
    statusSince: record.statusSince,
    createdAt: record.createdAt,
    disabledAt: record.disabledAt,
  }
}

/** Usernames compare without case or surrounding spaces, at sign-up and at sign-in alike. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase()
}

export interface NewUserInput {
  username: string
  displayName: string
  role: Role
  password: string
  /** Skill id (from `skills` in the configuration) → proficiency 1–5. */
  skills?: Readonly<Record<string, number>> | undefined
  /** Queue ids (from `queues` in the configuration) the user serves. */
  queues?: readonly string[] | undefined
  /** Concurrent conversations, 1–100; 3 by default. */
  capacity?: number | undefined
}

export type AddUserRefusalCode =
  | 'invalid_username'
  | 'invalid_display_name'
  | 'invalid_role'
  | 'password_too_short'
  | 'password_too_long'
  | 'unknown_skill'
  | 'invalid_proficiency'
  | 'unknown_queue'
  | 'invalid_capacity'
  | 'username_taken'

type Deps = { config: Config; store: Store; clock: Clock; random: Random }

/**
 * Adds a person who signs in with a password (hashed with scrypt; the
 * password itself is never stored). Skills and queues must exist in the
 * configuration. Refuses, as a value, anything it cannot accept.
 * @example const result = await addUser(deps, { username: 'ana', displayName: 'Ana Lima', role: 'agent', password: 'a long passphrase', skills: { bceid: 4 }, queues: ['SBC_HD_SMS_BCEID'] })
 */
export async function addUser(
  deps: Deps,
  input: NewUserInput,
  actor = 'system',
): Promise<{ ok: true; user: User } | Refusal<AddUserRefusalCode>> {
  const username = normaliseUsername(input.username)
  const problem = check(deps.config, { ...input, username })
  if (problem) return problem
  if (await findUserByUsername(deps.store.db, username)) return taken(username)

  const now = deps.clock.now()
  const queues = [...new Set(input.queues ?? [])].sort()
  const record: UserRecord = {
    id: deps.random.id(),
    username,
    displayName: input.displayName.trim(),
    role: input.role,
    passwordHash: await hashPassword(input.password, deps.random.bytes(16)),
    skills: { ...input.skills },
    queues,
    capacity: input.capacity ?? DEFAULT_CAPACITY,
    status: 'offline',
    notReadyReason: undefined,
    statusSince: now,
    createdAt: now,
    disabledAt: undefined,
  }
  await ensureQueueRows(
    deps.store.db,
    deps.config.queues.filter((q) => queues.includes(q.id)),
    now,
  )
  try {
    await insertUser(deps.store.db, record)
  } catch (error) {
    // two sign-ups for one username at once: the unique constraint decides
    if (await findUserByUsername(deps.store.db, username)) return taken(username)
    throw error
  }
  await appendAuditEvent(deps.store.db, {
    id: deps.random.id(),
    actor,
    action: 'user.add',
    subject: `user:${record.id}`,
    data: { username, role: record.role, queues, skills: record.skills, capacity: record.capacity },
    occurredAt: now,
  })
  return { ok: true, user: publicUser(record) }
}

function taken(username: string): Refusal<'username_taken'> {
  return refuse('username_taken', `the username ${username} is taken`, { username })
}

function check(config: Config, input: NewUserInput): Refusal<AddUserRefusalCode> | undefined {
  if (!USERNAME.test(input.username))
    return refuse(
      'invalid_username',
      'a username is 1–64 lower-case letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
    )
  return (
    checkDisplayName(input.displayName) ??
    checkRole(input.role) ??
    checkPassword(input.password) ??
    checkRouting(config, input)
  )
}

/** A display name is 1–200 characters once trimmed. */
export function checkDisplayName(displayName: string): Refusal<'invalid_display_name'> | undefined {
  const name = displayName.trim()
  if (name.length === 0 || name.length > 200)
    return refuse('invalid_display_name', 'a display name is 1–200 characters')
  return undefined
}

/** One of ROLES. */
export function checkRole(role: string): Refusal<'invalid_role'> | undefined {
  if (!(ROLES as readonly string[]).includes(role))
    return refuse('invalid_role', `a role is one of ${ROLES.join(', ')}`, { role })
  return undefined
}

/** MIN_PASSWORD_LENGTH to MAX_PASSWORD_LENGTH characters (code points). */
export function checkPassword(
  password: string,
): Refusal<'password_too_short' | 'password_too_long'> | undefined {
  const length = Array.from(password).length
  if (length < MIN_PASSWORD_LENGTH)
    return refuse(
      'password_too_short',
      `a password has at least ${MIN_PASSWORD_LENGTH} characters (a passphrase is easiest)`,
    )
  if (length > MAX_PASSWORD_LENGTH)
    return refuse('password_too_long', `a password has at most ${MAX_PASSWORD_LENGTH} characters`)
  return undefined
}

/**
 * Skills and queues must exist in the configuration, proficiencies are 1–5 and the capacity
 * 1–MAX_CAPACITY (3 when absent).
 * @example checkRouting(config, { skills: { cooking: 3 } })?.code // 'unknown_skill'
 */
export function checkRouting(
  config: Config,
  input: Pick<NewUserInput, 'skills' | 'queues' | 'capacity'>,
):
  | Refusal<'unknown_skill' | 'invalid_proficiency' | 'unknown_queue' | 'invalid_capacity'>
  | undefined {
  const knownSkills = new Set(config.skills.map((s) => s.id))
  const skills = Object.entries(input.skills ?? {})
  const unknownSkills = skills.map(([id]) => id).filter((id) => !knownSkills.has(id))
  if (unknownSkills.length > 0)
    return refuse(
      'unknown_skill',
      `no such skill in the configuration: ${unknownSkills.join(', ')}`,
      {
        unknown: unknownSkills,
        known: [...knownSkills],
      },
    )
  const badLevels = skills.filter(([, level]) => !Number.isInteger(level) || level < 1 || level > 5)
  if (badLevels.length > 0)
    return refuse('invalid_proficiency', 'a proficiency is a whole number from 1 to 5', {
      skills: Object.fromEntries(badLevels),
    })

  const knownQueues = new Set(config.queues.map((q) => q.id))
  const unknownQueues = (input.queues ?? []).filter((id) => !knownQueues.has(id))
  if (unknownQueues.length > 0)
    return refuse(
      'unknown_queue',
      `no such queue in the configuration: ${unknownQueues.join(', ')}`,
      {
        unknown: unknownQueues,
        known: [...knownQueues],
      },
    )
  const capacity = input.capacity ?? DEFAULT_CAPACITY
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)
    return refuse('invalid_capacity', `a capacity is a whole number from 1 to ${MAX_CAPACITY}`)
  return undefined
}

/** Every user (disabled ones included), by username, without password hashes. */
export async function listUsers(deps: { store: Store }): Promise<User[]> {
  return (await selectUsers(deps.store.db)).map(publicUser)
}

/**
 * Disables a user by id or username: they can no longer sign in and their
 * open sessions end at once. False when no enabled user matched.
 * @example await disableUser(deps, 'ana', 'user:admin1')
 */
export async function disableUser(
  deps: { store: Store; clock: Clock; random: Random },
  idOrUsername: string,
  actor = 'system',
): Promise<boolean> {
  const now = deps.clock.now()
  const db = deps.store.db
  const user =
    (await findUserByUsername(db, normaliseUsername(idOrUsername))) ??
    (await findUserById(db, idOrUsername))
  if (!user || !(await disableUserRow(db, user.id, now))) return false
  const sessionsRevoked = await revokeUserSessions(db, user.id, now)
  await appendAuditEvent(db, {
    id: deps.random.id(),
    actor,
    action: 'user.disable',
    subject: `user:${user.id}`,
    data: { username: user.username, sessionsRevoked },
    occurredAt: now,
  })
  return true
}
