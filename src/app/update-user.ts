import { appendAuditEvent } from '../store/audit-events.ts'
import { appendAgentEvents, type AgentEvent } from '../store/routing-agents.ts'
import { revokeUserSessions } from '../store/sessions.ts'
import {
  enableUser,
  ensureQueueRows,
  findUserById,
  updatePasswordHash,
  updateUserProfile,
  type Role,
} from '../store/users.ts'
import type { AgentActionDeps } from './conversation-access.ts'
import {
  checkDisplayName,
  checkPassword,
  checkRole,
  checkRouting,
  disableUser,
  publicUser,
  type User,
} from './manage-users.ts'
import { hashPassword } from './password-hash.ts'
import { refuse, type Refusal } from './refusal.ts'
import { agentBusEvent } from './routing-events.ts'
import { setAgentStatus } from './set-agent-status.ts'

/** What an administrator may change on a user; absent fields stay as they are. */
export interface UserPatch {
  displayName?: string | undefined
  role?: Role | undefined
  /** Replaces every queue. */
  queues?: readonly string[] | undefined
  /** Replaces every skill: id → proficiency 1–5. */
  skills?: Readonly<Record<string, number>> | undefined
  capacity?: number | undefined
  disabled?: boolean | undefined
}

export type UpdateUserRefusal = Refusal<
  | 'user_not_found'
  | 'invalid_display_name'
  | 'invalid_role'
  | 'unknown_skill'
  | 'invalid_proficiency'
  | 'unknown_queue'
  | 'invalid_capacity'
  | 'self_lockout'
>

type Admin = Pick<User, 'id' | 'role' | 'queues' | 'displayName'>

/**
 * Changes a user: name, role, queues, skills, capacity, or disabled. Queues and skills must
 * exist in the configuration. Disabling sets them offline first (a pending offer goes back to
 * its queue), then ends their sessions; an administrator can neither disable themselves nor
 * drop their own admin role, so there is always one admin left. Routing hears of the change
 * through an agent event (the ACD follows agent_events), and every change is audited.
 * @example await updateUser(deps, admin, id, { queues: ['SBC_HD_SMS_GENERAL'], skills: { general: 3 } })
 */
export async function updateUser(
  deps: AgentActionDeps,
  admin: Admin,
  id: string,
  patch: UserPatch,
): Promise<{ ok: true; user: User } | UpdateUserRefusal> {
  const db = deps.store.db
  const user = await findUserById(db, id)
  if (!user) return refuse('user_not_found', `no user ${id}`)
  const problem =
    (patch.displayName === undefined ? undefined : checkDisplayName(patch.displayName)) ??
    (patch.role === undefined ? undefined : checkRole(patch.role)) ??
    checkRouting(deps.config, {
      skills: patch.skills,
      queues: patch.queues,
      capacity: patch.capacity,
    })
  if (problem) return problem
  if (admin.id === id && (patch.disabled === true || (patch.role ?? 'admin') !== 'admin'))
    return refuse('self_lockout', 'you cannot disable yourself or give up your own admin role')

  const actor = `user:${admin.id}`
  const now = deps.clock.now()
  if (patch.disabled === true && user.disabledAt === undefined) {
    if (user.status !== 'offline')
      await setAgentStatus(deps, admin, { agentId: id, status: 'offline' })
    await disableUser(deps, id, actor)
  }
  if (patch.disabled === false && (await enableUser(db, id, now)))
    await audit(deps, actor, 'user.enable', id, { username: user.username })

  const queues = patch.queues && [...new Set(patch.queues)].sort()
  const change = {
    ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(queues !== undefined ? { queues } : {}),
    ...(patch.skills !== undefined ? { skills: { ...patch.skills } } : {}),
    ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
  }
  if (Object.keys(change).length > 0) {
    if (queues)
      await ensureQueueRows(
        db,
        deps.config.queues.filter((q) => queues.includes(q.id)),
        now,
      )
    await updateUserProfile(db, id, change)
    await audit(deps, actor, 'user.update', id, { username: user.username, ...change })
  }
  const updated = await findUserById(db, id)
  if (!updated) return refuse('user_not_found', `no user ${id}`)
  await tellRouting(deps, admin.id, updated.id, updated.status, now)
  return { ok: true, user: publicUser(updated) }
}

/**
 * Sets a new password for a user (hashed with scrypt) and ends all their sessions, the
 * caller's own included when it is their own account. Audited as `user.password_reset`.
 * @example await resetPassword(deps, admin, id, 'a new long passphrase') // { ok: true, sessionsRevoked: 1 }
 */
export async function resetPassword(
  deps: Pick<AgentActionDeps, 'store' | 'clock' | 'random'>,
  admin: Pick<User, 'id'>,
  id: string,
  password: string,
): Promise<
  | { ok: true; sessionsRevoked: number }
  | Refusal<'user_not_found' | 'password_too_short' | 'password_too_long'>
> {
  const problem = checkPassword(password)
  if (problem) return problem
  const db = deps.store.db
  const user = await findUserById(db, id)
  if (!user) return refuse('user_not_found', `no user ${id}`)
  await updatePasswordHash(db, id, await hashPassword(password, deps.random.bytes(16)))
  const sessionsRevoked = await revokeUserSessions(db, id, deps.clock.now())
  await audit(deps, `user:${admin.id}`, 'user.password_reset', id, {
    username: user.username,
    sessionsRevoked,
  })
  return { ok: true, sessionsRevoked }
}

/**
 * An agent event with the unchanged status: the ACD re-reads agents named in agent_events, so
 * new queues, skills, capacity or a disable reach routing (on every server) the usual way.
 */
async function tellRouting(
  deps: AgentActionDeps,
  by: string,
  userId: string,
  status: string,
  now: number,
): Promise<void> {
  const event: AgentEvent = {
    id: deps.random.id(),
    userId,
    type: 'status_changed',
    status,
    data: { from: status, by, profileChanged: true },
    occurredAt: now,
  }
  await appendAgentEvents(deps.store.db, [event])
  deps.events.publish([agentBusEvent(event)])
  deps.acd.wake()
}

function audit(
  deps: Pick<AgentActionDeps, 'store' | 'random' | 'clock'>,
  actor: string,
  action: string,
  userId: string,
  data: Record<string, unknown>,
): Promise<void> {
  return appendAuditEvent(deps.store.db, {
    id: deps.random.id(),
    actor,
    action,
    subject: `user:${userId}`,
    data,
    occurredAt: deps.clock.now(),
  })
}
