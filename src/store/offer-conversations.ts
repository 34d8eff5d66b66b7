import { sql, type Kysely } from 'kysely'
import type { Database } from './database.ts'

/**
 * Offers waiting conversations to agents in one statement (the routing runtime offers many per
 * cycle, and on PostgreSQL a statement each was a round trip each): each conversation becomes
 * `offered` to its agent only if it is still waiting. Returns the ids that were.
 * @example await offerConversations(trx, [{ conversationId: 'c1', agentId: 'a1' }]) // Set { 'c1' }
 */
export async function offerConversations(
  db: Kysely<Database>,
  offers: readonly { conversationId: string; agentId: string }[],
): Promise<Set<string>> {
  if (offers.length === 0) return new Set()
  const agentOf = sql.join(
    offers.map((o) => sql`when ${o.conversationId} then ${o.agentId}`),
    sql` `,
  )
  const rows = await db
    .updateTable('conversations')
    .set({ status: 'offered', agent_id: sql<string>`case "id" ${agentOf} end` })
    .where(
      'id',
      'in',
      offers.map((o) => o.conversationId),
    )
    .where('status', '=', 'waiting')
    .returning('id')
    .execute()
  return new Set(rows.map((r) => r.id))
}
