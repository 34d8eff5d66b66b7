import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { SendError, type InboundSms, type Receipt } from '../gateway.ts'
import { createSandboxGateway, type SandboxGatewayConfig } from './sandbox-gateway.ts'

/** A manual timer queue: tests decide when time passes. */
function manualTimers() {
  let now = 0
  let nextHandle = 0
  const queue = new Map<number, { at: number; run: () => void }>()
  return {
    clock: { now: () => now },
    setTimeout: (run: () => void, ms: number) => {
      queue.set(++nextHandle, { at: now + ms, run })
      return nextHandle
    },
    clearTimeout: (handle: unknown) => queue.delete(handle as number),
    advance(ms: number) {
      now += ms
      for (const [handle, timer] of [...queue].sort(([, a], [, b]) => a.at - b.at)) {
        if (timer.at > now) continue
        queue.delete(handle)
        timer.run()
      }
    },
    get pending() {
      return queue.size
    },
  }
}

const ME = '+15145550100'
function rig(overrides: Partial<SandboxGatewayConfig> = {}) {
  const timers = manualTimers()
  const gateway = createSandboxGateway(
    {
      name: 'sandbox',
      deliveryDelayMs: 1000,
      failTemporary: ['+15145550111'],
      failPermanent: ['+15145550199'],
      rejectAtSubmit: ['+15145550000'],
      ...overrides,
    },
    timers,
  )
  const receipts: Receipt[] = []
  const inbound: InboundSms[] = []
  gateway.onReceipt((r) => receipts.push(r))
  gateway.onInbound((m) => inbound.push(m))
  return { gateway, timers, receipts, inbound }
}

describe('sandbox gateway', () => {
  it("accepts a send with an 'SB' id, then emits sent, then delivered after the delay", async () => {
    const { gateway, timers, receipts } = rig()
    await gateway.start()
    const result = await gateway.send({
      messageId: 'm',
      from: ME,
      to: '+15145550123',
      body: 'Bonjour',
    })
    assert.deepEqual(result, { carrierIds: ['SB0000000001'], segments: 1 })
    assert.equal(receipts.length, 0, 'no receipt before send returns')
    timers.advance(0)
    assert.deepEqual(
      receipts.map((r) => r.status),
      ['sent'],
    )
    timers.advance(999)
    assert.equal(receipts.length, 1)
    timers.advance(1)
    assert.deepEqual(
      receipts.map((r) => [r.carrierId, r.status, r.occurredAt]),
      [
        ['SB0000000001', 'sent', 0],
        ['SB0000000001', 'delivered', 1000],
      ],
    )
  })

  it('counts segments like a carrier (REFERENCE.md: ê forces UCS-2, 157 chars = 3 segments)', async () => {
    const { gateway } = rig()
    await gateway.start()
    const result = await gateway.send({
      messageId: 'm',
      from: ME,
      to: '+15145550123',
      body: 'ê'.repeat(157),
    })
    assert.equal(result.segments, 3)
  })

  const failures = [
    { to: '+15145550111', code: 'unavailable', retryable: true },
    { to: '+15145550000', code: 'invalid_number', retryable: false },
  ]
  for (const { to, code, retryable } of failures) {
    it(`${to} fails at submit with ${code} (retryable: ${retryable})`, async () => {
      const { gateway } = rig()
      await gateway.start()
      await assert.rejects(
        gateway.send({ messageId: 'm', from: ME, to, body: 'x' }),
        (e) => e instanceof SendError && e.code === code && e.retryable === retryable,
      )
    })
  }

  it('failPermanent numbers are accepted, then reported undelivered, and their inbox stays empty', async () => {
    const { gateway, timers, receipts } = rig()
    await gateway.start()
    await gateway.send({ messageId: 'm', from: ME, to: '+15145550199', body: 'x' })
    timers.advance(1000)
    assert.deepEqual(
      receipts.map((r) => [r.status, r.errorCode]),
      [
        ['sent', undefined],
        ['undelivered', 'SANDBOX_UNREACHABLE'],
      ],
    )
    assert.deepEqual(gateway.phoneInbox('+15145550199'), [])
  })

  it("keeps each phone's conversation, bounded, for the phone simulator", async () => {
    const { gateway, timers, inbound } = rig({ inboxLimit: 3 })
    await gateway.start()
    for (const body of ['un', 'deux', 'trois', 'quatre']) {
      await gateway.send({ messageId: body, from: ME, to: '+15145550123', body })
    }
    timers.advance(1000)
    assert.deepEqual(
      gateway.phoneInbox('+15145550123').map((m) => m.body),
      ['deux', 'trois', 'quatre'],
    )
    const mo = gateway.simulateInbound({ from: '+15145550123', to: ME, body: 'ARRÊT' })
    assert.deepEqual(inbound, [mo])
    assert.deepEqual(
      gateway.phoneThread('+15145550123').map((m) => [m.direction, m.body]),
      [
        ['received', 'trois'],
        ['received', 'quatre'],
        ['sent', 'ARRÊT'],
      ],
    )
    assert.deepEqual(gateway.phoneInbox('+15145550999'), [])
  })

  it('stop() cancels pending receipts and refuses sends until started again', async () => {
    const { gateway, timers, receipts } = rig()
    await gateway.start()
    await gateway.send({ messageId: 'm', from: ME, to: '+15145550123', body: 'x' })
    await gateway.stop()
    assert.equal(timers.pending, 0)
    timers.advance(5000)
    assert.equal(receipts.length, 0)
    assert.equal(gateway.health().state, 'down')
    await assert.rejects(gateway.send({ messageId: 'm', from: ME, to: '+1', body: 'x' }), SendError)
  })

  it('uses an injected id generator', async () => {
    const timers = manualTimers()
    const gateway = createSandboxGateway(
      { name: 's', deliveryDelayMs: 1, failTemporary: [], failPermanent: [] },
      { ...timers, newId: () => 'fixed-id' },
    )
    await gateway.start()
    const result = await gateway.send({ messageId: 'm', from: ME, to: '+15145550123', body: 'x' })
    assert.deepEqual(result.carrierIds, ['fixed-id'])
  })
})
