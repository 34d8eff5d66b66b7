import type { Store } from '../store/connect.ts'
import {
  blockQueuedConversationTexts,
  closeOpenConversation,
  findOpenConversations,
} from '../store/conversation-threads.ts'
import type { Clock, Random } from './ports.ts'
import { threadKey, threadSerialiser } from './serialise-by-key.ts'

export interface ClosedConversation {
  id: string
  /** abandoned: no agent had accepted it; ended: an agent had, and still wraps it up. */
  event: 'abandoned' | 'ended'
}

/**
 * After an opt-out, closes every open conversation between the customer and the number that
 * received it, with close_reason 'opted_out' (REFERENCE.md: a conversation closed by an
 * opt-out before an agent accepted it is abandoned). Other numbers' conversations stay open:
 * consent is per program, and a program is reached through its number. Texts of the closed
 * conversations still waiting in the outbox, such as an acknowledgement, are blocked: an
 * opt-out also stops what is already queued.
 * @example await closeThreadOnOptOut(deps, { customerNumber: '+12505550123', ourNumber: '+12505550101' })
 * // [{ id: '…', event: 'abandoned' }]
 */
export async function closeThreadOnOptOut(
  deps: { store: Store; clock: Clock; random: Random },
  thread: { customerNumber: string; ourNumber: string },
): Promise<ClosedConversation[]> {
  const reason = 'opted_out'
  const { store } = deps
  return threadSerialiser(store)(threadKey(thread.customerNumber, thread.ourNumber), () =>
    store.db.transaction().execute(async (trx) => {
      const open = await findOpenConversations(trx, thread.customerNumber, thread.ourNumber)
      const now = deps.clock.now()
      const closed: ClosedConversation[] = []
      for (const conversation of open) {
        const event = await closeOpenConversation(trx, {
          conversation,
          reason,
          number: thread.ourNumber,
          at: now,
          eventId: deps.random.id(),
        })
        if (event) closed.push({ id: conversation.id, event })
      }
      await blockQueuedConversationTexts(
        trx,
        closed.map((c) => c.id),
        { at: now, reason, eventId: () => deps.random.id() },
      )
      return closed
    }),
  )
}
