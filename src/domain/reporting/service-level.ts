/** A conversation event as service-level reporting reads it. */
export interface QueueEvent {
  readonly conversationId: string
  readonly type: 'queued' | 'accepted' | 'abandoned'
  readonly queueId: string | undefined
  readonly occurredAt: number
  /** On a `queued` event: when the customer started waiting (kept when an offer times out). */
  readonly enqueuedAt?: number | undefined
}

export interface ServiceLevel {
  readonly thresholdSeconds: number
  /** Arrivals in the queue at or after `since`. */
  readonly arrived: number
  /** Arrivals an agent accepted. */
  readonly answered: number
  /** Arrivals accepted at most `thresholdSeconds` after they started waiting. */
  readonly answeredWithinThreshold: number
  /** Arrivals closed before any agent accepted them (the citizen opted out, the thread expired). */
  readonly abandoned: number
  /** Arrivals still waiting or offered now. */
  readonly waiting: number
  /** Of those, the ones already waiting longer than the threshold: they can no longer make it. */
  readonly waitingPastThreshold: number
  /** Arrivals moved or transferred to another queue before being accepted here. */
  readonly movedAway: number
  /**
   * answeredWithinThreshold ÷ (answered + abandoned + waitingPastThreshold), as a percentage with
   * one decimal; null when nothing has been decided yet.
   */
  readonly percent: number | null
}

interface Arrival {
  queueId: string
  start: number
  outcome: 'waiting' | 'answered' | 'abandoned' | 'moved_away'
  waitedMs: number
}

/**
 * Today's service level of each queue: the share of conversations accepted within the queue's
 * `serviceLevelSeconds` among those that arrived since `since` and whose outcome is known.
 *
 * An arrival is a conversation starting to wait in a queue: a `queued` event for a queue other
 * than the one the conversation is already waiting in. A `queued` event for the same queue (an
 * offer that timed out or was withdrawn, a new priority) continues the same wait. The wait
 * starts at the event's `enqueuedAt` when it has one (routing keeps the first time across
 * offers), else at the event; but a conversation sent back to the queue after an agent held it
 * (an `enqueuedAt` older than its last acceptance) waits afresh from the event. It ends at the
 * `accepted` event (answered; within the threshold when the wait is at most the threshold,
 * boundary included), at an `abandoned` event, or when the conversation starts waiting in
 * another queue (moved away: neither a success nor a failure of this queue).
 *
 * The denominator is answered + abandoned + still waiting past the threshold: a conversation
 * still waiting within the threshold may yet make it and is left out, one past it has missed.
 * Arrivals that started before `since` are left out even if answered after it.
 * Pure: `events` in the order they occurred (ties in stored order).
 * @example serviceLevelByQueue(events, [{ id: 'Q', serviceLevelSeconds: 300 }], { since, now }).Q?.percent // 87.5
 */
export function serviceLevelByQueue(
  events: readonly QueueEvent[],
  queues: readonly { id: string; serviceLevelSeconds: number }[],
  window: { since: number; now: number },
): Record<string, ServiceLevel> {
  const arrivals = followArrivals(events)
  const levels: Record<string, ServiceLevel> = {}
  for (const queue of queues) {
    const thresholdMs = queue.serviceLevelSeconds * 1000
    const mine = arrivals.filter((a) => a.queueId === queue.id && a.start >= window.since)
    const count = (test: (a: Arrival) => boolean) => mine.filter(test).length
    const answered = count((a) => a.outcome === 'answered')
    const answeredWithinThreshold = count(
      (a) => a.outcome === 'answered' && a.waitedMs <= thresholdMs,
    )
    const abandoned = count((a) => a.outcome === 'abandoned')
    const waiting = count((a) => a.outcome === 'waiting')
    const waitingPastThreshold = count(
      (a) => a.outcome === 'waiting' && window.now - a.start > thresholdMs,
    )
    const decided = answered + abandoned + waitingPastThreshold
    levels[queue.id] = {
      thresholdSeconds: queue.serviceLevelSeconds,
      arrived: mine.length,
      answered,
      answeredWithinThreshold,
      abandoned,
      waiting,
      waitingPastThreshold,
      movedAway: count((a) => a.outcome === 'moved_away'),
      percent: decided === 0 ? null : Math.round((answeredWithinThreshold / decided) * 1000) / 10,
    }
  }
  return levels
}

/** Every arrival the events show, with how it ended (or that it is still waiting). */
function followArrivals(events: readonly QueueEvent[]): Arrival[] {
  const arrivals: Arrival[] = []
  const open = new Map<string, Arrival>()
  const lastAccepted = new Map<string, number>()
  for (const event of events) {
    const current = open.get(event.conversationId)
    if (event.type === 'queued') {
      if (event.queueId === undefined || current?.queueId === event.queueId) continue
      if (current) current.outcome = 'moved_away'
      const accepted = lastAccepted.get(event.conversationId) ?? -Infinity
      // a start from before an agent took the conversation belongs to the wait that ended there
      const start =
        event.enqueuedAt !== undefined && event.enqueuedAt >= accepted
          ? event.enqueuedAt
          : event.occurredAt
      const arrival: Arrival = { queueId: event.queueId, start, outcome: 'waiting', waitedMs: 0 }
      arrivals.push(arrival)
      open.set(event.conversationId, arrival)
      continue
    }
    if (event.type === 'accepted') lastAccepted.set(event.conversationId, event.occurredAt)
    if (!current) continue
    current.outcome = event.type === 'accepted' ? 'answered' : 'abandoned'
    current.waitedMs = Math.max(0, event.occurredAt - current.start)
    open.delete(event.conversationId)
  }
  return arrivals
}
