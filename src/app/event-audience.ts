import type { BusEvent } from './event-bus.ts'
import type { User } from './manage-users.ts'

/**
 * Whether a signed-in person receives a live event: supervisors and admins receive everything;
 * an agent receives their own status changes, every event of a conversation they hold or are
 * offered, and every event of the queues they serve (so their view of waiting work stays current).
 * @example isInAudience({ role: 'agent', id: 'a1', queues: ['Q'] }, { kind: 'conversation', queueId: 'Q', … }) // true
 */
export function isInAudience(user: Pick<User, 'id' | 'role' | 'queues'>, event: BusEvent): boolean {
  if (user.role === 'supervisor' || user.role === 'admin') return true
  if (event.kind === 'agent') return event.agentId === user.id
  if (event.agentId === user.id) return true
  return event.queueId !== undefined && user.queues.includes(event.queueId)
}
