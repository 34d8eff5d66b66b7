import assert from 'node:assert/strict'
import { it } from 'node:test'
import { sql } from 'kysely'
import { forEachDialect } from '../../test/support/dialects.ts'
import { appendAuditEvent, listAuditEvents } from '../store/audit-events.ts'
import { createGroupCommit } from './group-commit.ts'

forEachDialect('group commit', (ctx) => {
  it('commits work queued together, and resolves each job with its own result', async () => {
    const commits = createGroupCommit(ctx.store, { maxBatch: 10 })
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        commits.run(async (trx) => {
          await appendAuditEvent(trx, {
            id: `gc-${i}`,
            actor: 'test',
            action: 'gc',
            subject: 'gc',
            occurredAt: i,
          })
          return i * 2
        }),
      ),
    )
    assert.deepEqual(
      results,
      Array.from({ length: 25 }, (_, i) => i * 2),
    )
    assert.equal((await listAuditEvents(ctx.store.db, { subject: 'gc', limit: 100 })).length, 25)
  })

  it('fails only the job that failed, not the others in its batch', async () => {
    const commits = createGroupCommit(ctx.store)
    const ok = (id: string) => (trx: Parameters<Parameters<typeof commits.run>[0]>[0]) =>
      appendAuditEvent(trx, { id, actor: 'test', action: 'gc', subject: 'gc2', occurredAt: 1 })
    const outcomes = await Promise.allSettled([
      commits.run(ok('gc2-a')),
      commits.run(async (trx) => {
        await sql`select * from no_such_table`.execute(trx)
      }),
      commits.run(ok('gc2-b')),
    ])
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    )
    const stored = await listAuditEvents(ctx.store.db, { subject: 'gc2' })
    assert.deepEqual(stored.map((e) => e.id).sort(), ['gc2-a', 'gc2-b'])
  })
})
