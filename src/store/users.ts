import type { Kysely, Transaction } from 'kysely'
import type { Database, UserRow } from './database.ts'

export type Role = 'agent' | 'supervisor' | 'admin'
export type AgentStatus = 'available' | 'busy' | 'not_ready' | 'offline'

/** A person who signs in, with what routing needs to know about them. */
export interface UserRecord {
  id: string
  username: string
  displayName: string
  role: Role
  /** `scrypt$N$r$p$salt$hash`; never leaves the app layer. */
  passwordHash: string
  /** Skill id → proficiency 1–5. */
  skills: Record<string, number>
  /** Queue ids the user serves, sorted. */
  queues: string[]
  /** Concurrent conversations. */
  capacity: number
  status: AgentStatus
  notReadyReason: string | undefined
  statusSince: number
  createdAt: number
  disabledAt: number | undefined
}

export type NewUser = Omit<UserRecord, 'status' | 'notReadyReason' | 'statusSince' | 'disabledAt'>

type Db = Kysely<Database> | Transaction<Database>

/**
 * Stores a user with their skills and queues in one transaction. A taken
 * username violates the unique constraint and throws; check first with
 * {@link findUserByUsername}. New users start offline.
 * @example await insertUser(db, { id, username: 'ana', displayName: 'Ana', role: 'agent', passwordHash, skills: { bceid: 4 }, queues: ['SBC_HD_SMS_BCEID'], capacity: 3, createdAt: now })
 */
export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        password_hash: user.passwordHash,
        capacity: user.capacity,
        status: 'offline',
        not_ready_reason: null,
        status_since: user.createdAt,
        created_at: user.createdAt,
        disabled_at: null,
      })
      .execute()
    const skills = Object.entries(user.skills)
    if (skills.length > 0) {
      await trx
        .insertInto('agent_skills')
        .values(skills.map(([skill, proficiency]) => ({ user_id: user.id, skill, proficiency })))
        .execute()
    }
    const queues = [...new Set(user.queues)]
    if (queues.length > 0) {
      await trx
        .insertInto('agent_queues')
        .values(queues.map((queueId) => ({ user_id: user.id, queue_id: queueId })))
        .execute()
    }
  })
}

/**
 * Makes sure each queue has its row, which agent_queues refers to. Queues are
 * defined in the configuration; an existing row is left as it is.
 * @example await ensureQueueRows(db, [{ id: 'SBC_HD_SMS_BCEID', name: 'BCeID support' }], now)
 */
export async function ensureQueueRows(
  db: Kysely<Database>,
  queues: readonly { id: string; name: string; description?: string | undefined }[],
  now: number,
): Promise<void> {
  if (queues.length === 0) return
  await db
    .insertInto('queues')
    .values(
      queues.map((q) => ({
        id: q.id,
        name: q.name,
        description: q.description ?? null,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

/** The user with this id, disabled or not. */
export async function findUserById(
  db: Kysely<Database>,
  id: string,
): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? (await withMemberships(db, [row]))[0] : undefined
}

/** The user with this username (exact match), disabled or not. */
export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst()
  return row ? (await withMemberships(db, [row]))[0] : undefined
}

/** Every user, by username. */
export async function listUsers(db: Kysely<Database>): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute()
  return withMemberships(db, rows, true)
}

/**
 * Disables a user by id or username (they can no longer sign in) and sets
 * them offline; false when there was no enabled user to disable.
 */
export async function disableUser(
  db: Kysely<Database>,
  idOrUsername: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ disabled_at: now, status: 'offline', not_ready_reason: null, status_since: now })
    .where((eb) => eb.or([eb('id', '=', idOrUsername), eb('username', '=', idOrUsername)]))
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Replaces a password hash (a new password, or stronger scrypt parameters). */
export async function updatePasswordHash(
  db: Kysely<Database>,
  id: string,
  passwordHash: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute()
}

/**
 * Reads the skills and queues of the given rows in two queries, whatever their
 * number; `everyUser` reads all memberships instead of listing ids, which
 * keeps a long list under the databases' parameter limits.
 */
async function withMemberships(
  db: Db,
  rows: readonly UserRow[],
  everyUser = false,
): Promise<UserRecord[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  let skillQuery = db.selectFrom('agent_skills').selectAll().orderBy('skill')
  let queueQuery = db.selectFrom('agent_queues').selectAll().orderBy('queue_id')
  if (!everyUser) {
    skillQuery = skillQuery.where('user_id', 'in', ids)
    queueQuery = queueQuery.where('user_id', 'in', ids)
  }
  const [skills, queues] = await Promise.all([skillQuery.execute(), queueQuery.execute()])
  const skillsOf = new Map<string, Record<string, number>>()
  for (const s of skills) {
    const own = skillsOf.get(s.user_id) ?? {}
    own[s.skill] = s.proficiency
    skillsOf.set(s.user_id, own)
  }
  const queuesOf = new Map<string, string[]>()
  for (const q of queues) {
    const own = queuesOf.get(q.user_id)
    if (own) own.push(q.queue_id)
    else queuesOf.set(q.user_id, [q.queue_id])
  }
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    skills: skillsOf.get(row.id) ?? {},
    queues: queuesOf.get(row.id) ?? [],
    capacity: row.capacity,
    status: row.status as AgentStatus,
    notReadyReason: row.not_ready_reason ?? undefined,
    statusSince: row.status_since,
    createdAt: row.created_at,
    disabledAt: row.disabled_at ?? undefined,
  }))
}

/** The fields an administrator changes on a user; absent ones are left as they are. */
export interface UserProfileChange {
  displayName?: string | undefined
  role?: Role | undefined
  capacity?: number | undefined
  /** Replaces every skill. */
  skills?: Readonly<Record<string, number>> | undefined
  /** Replaces every queue. */
  queues?: readonly string[] | undefined
}

/**
 * Changes a user's profile in one transaction: name, role, capacity, and (replaced whole)
 * skills and queues. The queues' rows must exist (ensureQueueRows). False when no such user.
 * @example await updateUserProfile(db, id, { queues: ['SBC_HD_SMS_GENERAL'], capacity: 2 })
 */
export async function updateUserProfile(
  db: Kysely<Database>,
  id: string,
  change: UserProfileChange,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()
    if (!exists) return false
    const columns = {
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.capacity !== undefined ? { capacity: change.capacity } : {}),
    }
    if (Object.keys(columns).length > 0)
      await trx.updateTable('users').set(columns).where('id', '=', id).execute()
    if (change.skills !== undefined) {
      await trx.deleteFrom('agent_skills').where('user_id', '=', id).execute()
      const skills = Object.entries(change.skills)
      if (skills.length > 0)
        await trx
          .insertInto('agent_skills')
          .values(skills.map(([skill, proficiency]) => ({ user_id: id, skill, proficiency })))
          .execute()
    }
    if (change.queues !== undefined) {
      await trx.deleteFrom('agent_queues').where('user_id', '=', id).execute()
      const queues = [...new Set(change.queues)]
      if (queues.length > 0)
        await trx
          .insertInto('agent_queues')
          .values(queues.map((queueId) => ({ user_id: id, queue_id: queueId })))
          .execute()
    }
    return true
  })
}

/** Enables a disabled user again, offline; false when there was no disabled user with this id. */
export async function enableUser(db: Kysely<Database>, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ disabled_at: null, status: 'offline', not_ready_reason: null, status_since: now })
    .where('id', '=', id)
    .where('disabled_at', 'is not', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
