import { serviceLevelByQueue, type ServiceLevel } from '../domain/reporting/service-level.ts'
import {
  countNotReadyByQueue,
  listHeldConversations,
  listQueueEventsSince,
} from '../store/supervisor-board.ts'
import type { AgentActionDeps } from './conversation-access.ts'
import { listUsers, type User } from './manage-users.ts'
import { readQueues, type QueueBoard } from './read-conversations.ts'

type Deps = Pick<AgentActionDeps, 'config' | 'store' | 'clock'>

/** A queue on the supervisors' board. */
export interface BoardQueue extends QueueBoard {
  /** Agents serving the queue who are not ready, by reason code. */
  agentsByReason: Record<string, number>
  /** Since local midnight; see serviceLevelByQueue for the exact definition. */
  serviceLevel: ServiceLevel & { since: number }
}

/**
 * The start of the server's local day (its TZ) that `now` falls in, in epoch milliseconds.
 * @example startOfLocalDay(Date.parse('2026-11-02T15:00:00-08:00')) // midnight of 2 Nov in TZ
 */
export function startOfLocalDay(now: number): number {
  const day = new Date(now)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/**
 * The supervisors' board: each configured queue with its counts, agents by status and by
 * not-ready reason, its longest-waiting conversations, and today's service level (since
 * midnight in the server's time zone).
 * @example await readBoard(deps) // [{ id: 'SBC_HD_SMS_BCEID', serviceLevel: { percent: 92.3, … }, agentsByReason: { LUNCH: 1 }, … }]
 */
export async function readBoard(deps: Deps): Promise<BoardQueue[]> {
  const now = deps.clock.now()
  const since = startOfLocalDay(now)
  const [queues, notReady, events] = await Promise.all([
    readQueues(deps),
    countNotReadyByQueue(deps.store.db),
    listQueueEventsSince(deps.store.db, since),
  ])
  const levels = serviceLevelByQueue(events, deps.config.queues, { since, now })
  return queues.map((queue) => {
    const level = levels[queue.id]
    if (!level) throw new Error(`unreachable: every configured queue has a level (${queue.id})`)
    return {
      ...queue,
      agentsByReason: Object.fromEntries(
        notReady.filter((n) => n.queueId === queue.id).map((n) => [n.reason, n.count]),
      ),
      serviceLevel: { ...level, since },
    }
  })
}

/** A person routing can offer conversations to, as the supervisors' agent list shows them. */
export interface AgentOnBoard {
  id: string
  username: string
  displayName: string
  role: User['role']
  status: User['status']
  /** The not-ready reason code, when not ready. */
  reason: string | undefined
  statusSince: number
  /** How long they have been in this status, at the time of reading. */
  inStatusMs: number
  capacity: number
  queues: string[]
  skills: Record<string, number>
  /** Conversations active with them now. */
  activeCount: number
  /** Every conversation they hold: offered to them, active, or ended awaiting their wrap-up. */
  conversations: { id: string; status: string; queueId: string | undefined }[]
}

/**
 * Everyone routing can reach (enabled agents, and anyone else who serves a queue), by display
 * name, with their status, time in status and the conversations they hold.
 * @example await readAgents(deps) // [{ username: 'ana', status: 'busy', activeCount: 2, conversations: [...] }]
 */
export async function readAgents(deps: Deps): Promise<AgentOnBoard[]> {
  const now = deps.clock.now()
  const [users, held] = await Promise.all([listUsers(deps), listHeldConversations(deps.store.db)])
  const heldBy = new Map<string, typeof held>()
  for (const c of held) {
    const list = heldBy.get(c.agentId)
    if (list) list.push(c)
    else heldBy.set(c.agentId, [c])
  }
  return users
    .filter((u) => u.disabledAt === undefined && (u.role === 'agent' || u.queues.length > 0))
    .sort(
      (a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username),
    )
    .map((u) => {
      const mine = heldBy.get(u.id) ?? []
      return {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        status: u.status,
        reason: u.status === 'not_ready' ? u.notReadyReason : undefined,
        statusSince: u.statusSince,
        inStatusMs: Math.max(0, now - u.statusSince),
        capacity: u.capacity,
        queues: [...u.queues],
        skills: { ...u.skills },
        activeCount: mine.filter((c) => c.status === 'active').length,
        conversations: mine.map(({ id, status, queueId }) => ({ id, status, queueId })),
      }
    })
}
