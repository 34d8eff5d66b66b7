import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

/** Makes the queues table match the configured queues (added or renamed; never deleted, history refers to them). */
export async function upsertQueues(
  db: Kysely<Database>,
  queues: readonly { id: string; name: string; description?: string | undefined }[],
  now: number,
): Promise<void> {
  for (const q of queues) {
    await db
      .insertInto('queues')
      .values({
        id: q.id,
        name: q.name,
        description: q.description ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ name: q.name, description: q.description ?? null, updated_at: now }),
      )
      .execute()
  }
}
