import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { SendError, type SubmitResult } from '../gateway.ts'
import { cleanUpSmppRigs, smppRig, waitFor } from './testing/smpp-test-setup.ts'

cleanUpSmppRigs()

const sms = (body = 'hello') => ({ messageId: 'm', from: '55123', to: '+15145550123', body })

async function outcome(promise: Promise<SubmitResult>): Promise<SubmitResult | SendError> {
  return promise.catch((error: unknown) => {
    assert.ok(error instanceof SendError, String(error))
    return error
  })
}

describe('SMPP throttling (REFERENCE.md: handle ESME_RTHROTTLED 0x58 by backing off)', () => {
  for (const { name, status } of [
    { name: 'ESME_RTHROTTLED', status: 0x58 },
    { name: 'ESME_RMSGQFUL', status: 0x14 },
  ]) {
    it(`${name} → throttled, retryable, and the whole bind pauses`, async () => {
      const { smsc, gateway } = await smppRig({ throttleBackoffMs: 150 })
      smsc.throttleNext(1, status)
      const first = await outcome(gateway.send(sms()))
      assert.ok(first instanceof SendError)
      assert.deepEqual([first.code, first.retryable], ['throttled', true])
      assert.equal(first.carrierCode, `0x${status.toString(16).padStart(8, '0')}`)
      const second = await gateway.send(sms())
      assert.equal(second.carrierIds.length, 1)
      const gap = (smsc.submits[1]?.receivedAt ?? 0) - (smsc.submits[0]?.receivedAt ?? 0)
      assert.ok(gap >= 140, `second submit came ${gap.toFixed(0)} ms after the throttled one`)
    })
  }

  const permanent = [
    { status: 0x0b, code: 'invalid_number' },
    { status: 0x45, code: 'rejected' },
    { status: 0x0a, code: 'rejected' },
  ]
  for (const { status, code } of permanent) {
    it(`command_status 0x${status.toString(16)} → ${code}, not retryable, no pause`, async () => {
      const { smsc, gateway } = await smppRig({ throttleBackoffMs: 10_000 })
      smsc.throttleNext(1, status)
      const first = await outcome(gateway.send(sms()))
      assert.ok(first instanceof SendError)
      assert.deepEqual([first.code, first.retryable], [code, false])
      await gateway.send(sms()) // would hang 10 s if the bind had paused
    })
  }
})

describe('SMPP window', () => {
  it('never more than `window` submit_sm await their response; the rest wait in order', async () => {
    const { smsc, gateway } = await smppRig({ window: 3 })
    smsc.holdResponses()
    const sends = Array.from({ length: 10 }, (_, i) => gateway.send(sms(`message ${i}`)))
    await waitFor(() => smsc.submits.length === 3, 2000, 'three submits')
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(smsc.submits.length, 3, 'a fourth submit was sent before any response')
    smsc.releaseResponses()
    const results = await Promise.all(sends)
    assert.equal(results.length, 10)
    assert.equal(smsc.stats.maxOutstanding, 3)
    assert.deepEqual(
      smsc.submits.map((s) => s.text),
      Array.from({ length: 10 }, (_, i) => `message ${i}`),
    )
  })

  it('a submit_sm_resp that never comes is a timeout that may have been sent, and frees its slot', async () => {
    const { smsc, gateway } = await smppRig({ window: 1, submitTimeoutMs: 80 })
    smsc.holdResponses()
    const first = await outcome(gateway.send(sms()))
    assert.ok(first instanceof SendError)
    assert.deepEqual([first.code, first.retryable, first.mayHaveBeenSent], ['timeout', true, true])
    smsc.releaseResponses()
    await gateway.send(sms())
  })
})

describe('SMPP connection loss', () => {
  it('rebinds automatically after the SMSC drops the connection, and sends resume', async () => {
    const { smsc, gateway } = await smppRig()
    smsc.dropConnections()
    await waitFor(() => gateway.health().state !== 'up', 1000, 'loss noticed')
    const during = await outcome(gateway.send(sms()))
    assert.ok(during instanceof SendError && during.code === 'not_bound' && during.retryable)
    await waitFor(() => gateway.health().state === 'up', 2000, 'rebind')
    assert.equal(smsc.stats.binds, 2)
    assert.equal((await gateway.send(sms())).carrierIds.length, 1)
  })

  it('submits awaiting a response when the link drops fail as may-have-been-sent', async () => {
    const { smsc, gateway } = await smppRig()
    smsc.holdResponses()
    const pending = outcome(gateway.send(sms()))
    await waitFor(() => smsc.submits.length === 1)
    smsc.dropConnections()
    const result = await pending
    assert.ok(result instanceof SendError)
    assert.deepEqual(
      [result.code, result.retryable, result.mayHaveBeenSent],
      ['unavailable', true, true],
    )
  })

  it('backs off exponentially while the SMSC refuses binds, capped, then recovers', async () => {
    const { smsc, gateway } = await smppRig({ rebind: { initialMs: 20, maxMs: 80 } })
    smsc.refuseBinds(0x0d)
    smsc.dropConnections()
    const began = performance.now()
    await waitFor(() => smsc.stats.bindAttempts >= 5, 3000, 'refused binds')
    // Delays 20, 40, 80, 80 (capped): about 220 ms for four rebinds, never less than 200.
    const elapsed = performance.now() - began
    assert.ok(elapsed >= 200 && elapsed < 1500, `${elapsed.toFixed(0)} ms`)
    assert.equal(gateway.health().state === 'up', false)
    smsc.acceptBinds()
    await waitFor(() => gateway.health().state === 'up', 2000, 'recovery')
  })

  it('keeps the bind alive with enquire_link', async () => {
    const { smsc } = await smppRig({ enquireLinkMs: 30 })
    await waitFor(() => smsc.stats.enquireLinks >= 3, 2000, 'enquire_link')
    assert.equal(smsc.stats.binds, 1)
  })

  it('an unanswered enquire_link means a dead link: it is dropped and rebound', async () => {
    const { smsc, gateway } = await smppRig({ enquireLinkMs: 30 })
    smsc.ignoreEnquireLinks(true)
    await waitFor(() => smsc.stats.binds >= 2, 2000, 'rebind after a dead link')
    smsc.ignoreEnquireLinks(false)
    await waitFor(() => gateway.health().state === 'up', 2000, 'up again')
    assert.equal((await gateway.send(sms())).carrierIds.length, 1)
  })

  it('stop() unbinds, reports down and refuses further sends', async () => {
    const { smsc, gateway } = await smppRig()
    await gateway.stop()
    await waitFor(() => smsc.boundSessions === 0, 1000, 'unbind')
    assert.equal(gateway.health().state, 'down')
    const after = await outcome(gateway.send(sms()))
    assert.ok(after instanceof SendError && after.code === 'not_bound')
    await gateway.stop() // idempotent
  })
})
