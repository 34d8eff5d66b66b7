import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

/** What the ACD needs to know about a person who can take conversations. */
export interface RoutingAgentRow {
  id: string
  displayName: string
  role: string
  status: string
  notReadyReason: string | undefined
  statusSince: number
  capacity: number
  disabled: boolean
  skills: Record<string, number>
  queues: string[]
  /** Conversations offered to or held by the agent (status offered or active). */
  active: number
  /** The conversation offered and not yet accepted, if any. */
  offered: string | undefined
}

export interface AgentEvent {
  id: string
  userId: string
  type: 'status_changed'
  status: string
  reason?: string | undefined
  data?: Record<string, unknown> | undefined
  occurredAt: number
}

/** Ids per `in (…)` list: well under both databases' parameter limits. */
const CHUNK = 500

/**
 * Agents as routing needs them, with their current load, read in a few queries per 500 ids.
 * Without ids, every user who serves a queue.
 * @example await loadRoutingAgents(db, ['019…']) // [{ id, status: 'available', active: 1, … }]
 */
export async function loadRoutingAgents(
  db: Kysely<Database>,
  ids?: readonly string[],
): Promise<RoutingAgentRow[]> {
  if (ids === undefined) {
    const members = await db.selectFrom('agent_queues').select('user_id').distinct().execute()
    ids = members.map((m) => m.user_id)
  }
  const out: RoutingAgentRow[] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(...(await loadChunk(db, ids.slice(i, i + CHUNK))))
  }
  return out
}

async function loadChunk(db: Kysely<Database>, ids: readonly string[]): Promise<RoutingAgentRow[]> {
  if (ids.length === 0) return []
  const [users, skills, queues, load] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('agent_skills').selectAll().where('user_id', 'in', ids).execute(),
    db.selectFrom('agent_queues').selectAll().where('user_id', 'in', ids).execute(),
    db
      .selectFrom('conversations')
      .select(['id', 'agent_id', 'status'])
      .where('agent_id', 'in', ids)
      .where('status', 'in', ['offered', 'active'])
      .execute(),
  ])
  const byId = new Map<string, RoutingAgentRow>()
  for (const u of users) {
    byId.set(u.id, {
      id: u.id,
      displayName: u.display_name,
      role: u.role,
      status: u.status,
      notReadyReason: u.not_ready_reason ?? undefined,
      statusSince: u.status_since,
      capacity: u.capacity,
      disabled: u.disabled_at !== null,
      skills: {},
      queues: [],
      active: 0,
      offered: undefined,
    })
  }
  for (const s of skills) {
    const agent = byId.get(s.user_id)
    if (agent) agent.skills[s.skill] = s.proficiency
  }
  for (const q of queues) byId.get(q.user_id)?.queues.push(q.queue_id)
  for (const c of load) {
    const agent = c.agent_id === null ? undefined : byId.get(c.agent_id)
    if (!agent) continue
    agent.active++
    if (c.status === 'offered') agent.offered = c.id
  }
  return [...byId.values()]
}

/**
 * Sets a user's status, optionally only when it is one of `onlyFrom` (a timeout makes an agent
 * not_ready only if they are still available). Returns whether the row changed.
 */
export async function updateAgentStatus(
  db: Kysely<Database>,
  change: {
    id: string
    status: string
    reason: string | undefined
    at: number
    onlyFrom?: readonly string[]
  },
): Promise<boolean> {
  let query = db
    .updateTable('users')
    .set({
      status: change.status,
      not_ready_reason: change.reason ?? null,
      status_since: change.at,
    })
    .where('id', '=', change.id)
    .where('disabled_at', 'is', null)
  if (change.onlyFrom) query = query.where('status', 'in', change.onlyFrom)
  const result = await query.executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Appends agent events (status changes); reporting computes occupancy from them. */
export async function appendAgentEvents(
  db: Kysely<Database>,
  events: readonly AgentEvent[],
): Promise<void> {
  if (events.length === 0) return
  await db
    .insertInto('agent_events')
    .values(
      events.map((e) => ({
        id: e.id,
        user_id: e.userId,
        type: e.type,
        status: e.status,
        reason: e.reason ?? null,
        data: e.data ? JSON.stringify(e.data) : null,
        occurred_at: e.occurredAt,
      })),
    )
    .execute()
}

/** An agent_events row as the app sees it. */
export function agentEventFromRow(r: {
  id: string
  user_id: string
  status: string | null
  reason: string | null
  data: string | null
  occurred_at: number
}): AgentEvent {
  return {
    id: r.id,
    userId: r.user_id,
    type: 'status_changed',
    status: r.status ?? '',
    reason: r.reason ?? undefined,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : undefined,
    occurredAt: r.occurred_at,
  }
}
