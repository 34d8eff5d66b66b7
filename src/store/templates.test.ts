import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import {
  approveDraftVersion,
  findSendableTemplate,
  insertTemplateVersion,
  SENDABLE_TEMPLATE_TTL_MS,
  setTemplateVersionStatus,
  type StoredTemplateVersion,
} from './templates.ts'

const now = 1_795_000_000_000

const version = (key: string, n: number, status: 'draft' | 'approved'): StoredTemplateVersion => ({
  key,
  version: n,
  category: 'notification',
  status,
  owner: 'service-bc',
  reviewDue: '2027-06-01',
  variants: { en: { body: `Version ${n}.` }, fr: { body: `Version ${n} (fr).` } },
  createdBy: 'ana',
  createdAt: now,
  approvedBy: status === 'approved' ? 'ben' : undefined,
  approvedAt: status === 'approved' ? now : undefined,
})

forEachDialect('sendable templates', (ctx) => {
  it('a version approved, retired or added here is what the next send gets', async () => {
    const db = ctx.store.db
    assert.deepEqual(await findSendableTemplate(db, 'reminder'), {
      exists: false,
      approved: undefined,
    })
    await insertTemplateVersion(db, version('reminder', 1, 'draft'))
    assert.deepEqual(await findSendableTemplate(db, 'reminder'), {
      exists: true,
      approved: undefined,
    })
    assert.equal(
      await approveDraftVersion(db, { key: 'reminder', version: 1, by: 'ben', at: now }),
      true,
    )
    assert.equal((await findSendableTemplate(db, 'reminder')).approved?.version, 1)
    await insertTemplateVersion(db, version('reminder', 2, 'approved'))
    assert.equal((await findSendableTemplate(db, 'reminder')).approved?.version, 2)
    for (const n of [2, 1]) {
      await setTemplateVersionStatus(db, {
        key: 'reminder',
        version: n,
        status: 'retired',
        by: 'ben',
        at: now,
      })
    }
    assert.deepEqual(await findSendableTemplate(db, 'reminder'), {
      exists: true,
      approved: undefined,
    })
  })

  it('a change made elsewhere (another server) is seen within the reuse time', async () => {
    const db = ctx.store.db
    await insertTemplateVersion(db, version('survey', 1, 'approved'))
    assert.equal((await findSendableTemplate(db, 'survey')).approved?.version, 1)
    // as another server would: not through this process's functions
    await db
      .updateTable('template_versions')
      .set({ status: 'retired' })
      .where('template_key', '=', 'survey')
      .execute()
    await sleep(SENDABLE_TEMPLATE_TTL_MS + 50)
    assert.equal((await findSendableTemplate(db, 'survey')).approved, undefined)
  })
})
