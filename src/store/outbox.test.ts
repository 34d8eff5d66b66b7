import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { newMessage, testId } from '../../test/support/fixtures.ts'
import {
  countRecentForRecipient,
  getMessage,
  insertMessages,
  listMessages,
  moveMessageStatus,
} from './messages.ts'
import {
  claimDueMessages,
  recordCarrierRefs,
  recordPartReceipt,
  recoverExpiredLeases,
  scheduleRetry,
} from './outbox.ts'

const eventId = () => testId('e')

forEachDialect('outbox', (ctx) => {
  it('claims due messages high lane first, each once, and leases them', async () => {
    const db = ctx.store.db
    const normal = newMessage({ nextAttemptAt: 100 })
    const high = newMessage({ priority: 'high', nextAttemptAt: 500 })
    const later = newMessage({ nextAttemptAt: 10_000 })
    await insertMessages(db, [normal, high, later], eventId)
    const claimed = await claimDueMessages(db, ctx.dialect, {
      now: 1000,
      limit: 10,
      leaseMs: 60_000,
    })
    assert.deepEqual(
      claimed.map((m) => m.id),
      [high.id, normal.id],
    )
    assert.ok(claimed.every((m) => m.status === 'sending' && m.attempts === 1))
    assert.deepEqual(
      await claimDueMessages(db, ctx.dialect, { now: 1000, limit: 10, leaseMs: 60_000 }),
      [],
    )
  })

  it('leaves a text whose secret another process holds to that process', async () => {
    const db = ctx.store.db
    const mine = newMessage({ nextAttemptAt: 1, heldBy: 'me', to: '+12505550901' })
    const theirs = newMessage({ nextAttemptAt: 1, heldBy: 'them', to: '+12505550902' })
    await insertMessages(db, [mine, theirs], eventId)
    const claimed = await claimDueMessages(db, ctx.dialect, {
      now: 2,
      limit: 1000,
      leaseMs: 60_000,
      holder: 'me',
    })
    const ids = claimed.map((m) => m.id)
    assert.ok(ids.includes(mine.id))
    assert.ok(!ids.includes(theirs.id))
  })

  it('requeues messages whose lease expired (a crashed sender)', async () => {
    const db = ctx.store.db
    const m = newMessage({ nextAttemptAt: 0 })
    await insertMessages(db, [m], eventId)
    await claimDueMessages(db, ctx.dialect, { now: 2000, limit: 1_000, leaseMs: 100 })
    assert.equal(await recoverExpiredLeases(db, 2050), 0)
    assert.ok((await recoverExpiredLeases(db, 5000)) >= 1)
    const again = await claimDueMessages(db, ctx.dialect, { now: 5000, limit: 1_000, leaseMs: 100 })
    assert.ok(again.some((c) => c.id === m.id && c.attempts === 2))
  })

  it('never lets an older receipt overwrite a final status', async () => {
    const db = ctx.store.db
    const m = newMessage()
    await insertMessages(db, [m], eventId)
    assert.equal(
      await moveMessageStatus(db, { id: m.id, to: 'sent', at: 2000, eventId: eventId() }),
      true,
    )
    assert.equal(
      await moveMessageStatus(db, { id: m.id, to: 'delivered', at: 3000, eventId: eventId() }),
      true,
    )
    assert.equal(
      await moveMessageStatus(db, { id: m.id, to: 'sent', at: 4000, eventId: eventId() }),
      false,
    )
    assert.equal(
      await moveMessageStatus(db, { id: m.id, to: 'undelivered', at: 5000, eventId: eventId() }),
      false,
    )
    const found = await getMessage(db, m.id)
    assert.ok(found)
    assert.equal(found.message.status, 'delivered')
    assert.deepEqual(
      found.history.map((h) => h.status),
      ['queued', 'sent', 'delivered'],
    )
  })

  it('schedules a retry only for a message being sent', async () => {
    const db = ctx.store.db
    const m = newMessage({ nextAttemptAt: 0, to: '+12505550999' })
    await insertMessages(db, [m], eventId)
    const retry = {
      id: m.id,
      at: 10,
      nextAttemptAt: 99_000,
      errorCode: 'throttled',
      errorDetail: '429',
      eventId: eventId(),
    }
    assert.equal(await scheduleRetry(db, retry), false, 'not claimed yet')
    await claimDueMessages(db, ctx.dialect, { now: 50_000, limit: 1_000, leaseMs: 60_000 })
    assert.equal(await scheduleRetry(db, { ...retry, eventId: eventId() }), true)
    const found = await getMessage(db, m.id)
    assert.ok(found)
    assert.equal(found.message.status, 'queued')
    assert.equal(found.message.nextAttemptAt, 99_000)
    assert.equal(found.message.errorCode, 'throttled')
  })

  it('correlates part receipts through carrier refs', async () => {
    const db = ctx.store.db
    const m = newMessage({ segments: 2 })
    await insertMessages(db, [m], eventId)
    await recordCarrierRefs(db, { trunk: 'smpp', messageId: m.id, carrierIds: ['a1', 'a2'] })
    const first = await recordPartReceipt(db, {
      trunk: 'smpp',
      carrierId: 'a2',
      status: 'delivered',
    })
    assert.deepEqual(first, { messageId: m.id, partStatuses: ['sent', 'delivered'] })
    assert.equal(
      await recordPartReceipt(db, { trunk: 'twilio', carrierId: 'a2', status: 'delivered' }),
      undefined,
    )
    const stale = await recordPartReceipt(db, { trunk: 'smpp', carrierId: 'a2', status: 'sent' })
    assert.deepEqual(
      stale?.partStatuses,
      ['sent', 'delivered'],
      'a late "sent" does not undo "delivered"',
    )
  })

  it('counts recent texts to a recipient, identical and total', async () => {
    const db = ctx.store.db
    const to = '+12505550777'
    await insertMessages(
      db,
      [
        newMessage({ to, body: 'A' }),
        newMessage({ to, body: 'A' }),
        newMessage({ to, body: 'B' }),
        newMessage({ to, body: 'A', createdAt: 1 }),
      ],
      eventId,
    )
    assert.deepEqual(await countRecentForRecipient(db, to, 500, 'A'), { identical: 2, total: 3 })
  })

  it('lists with filters, newest first, in pages', async () => {
    const db = ctx.store.db
    const batch = Array.from({ length: 5 }, (_, i) =>
      newMessage({ reference: 'case-77', createdAt: 7000 + i }),
    )
    await insertMessages(db, batch, eventId)
    const page1 = await listMessages(db, { reference: 'case-77', limit: 3 })
    const page2 = await listMessages(db, {
      reference: 'case-77',
      limit: 3,
      before: page1.at(-1)?.id,
    })
    assert.deepEqual(
      [...page1, ...page2].map((m) => m.id),
      batch.map((m) => m.id).reverse(),
    )
    assert.equal(
      (await listMessages(db, { reference: 'case-77', since: 7003, limit: 10 })).length,
      2,
    )
  })
})
