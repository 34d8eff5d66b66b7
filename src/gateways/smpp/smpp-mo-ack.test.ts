import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { InboundRefusal } from '../gateway.ts'
import { cleanUpSmppRigs, smppRig, waitFor } from './testing/smpp-test-setup.ts'

cleanUpSmppRigs()

const ESME_ROK = 0
const ESME_RTHROTTLED = 0x58
const ESME_RX_T_APPN = 0x64
const udh = (ref: number, total: number, seq: number) => Buffer.from([5, 0, 3, ref, total, seq])
const mo = { from: '+15145550123', to: '55123' }

/**
 * A customer's text must survive the process that receives it (decision 0009): the deliver_sm
 * is answered ESME_ROK only once the inbound listener has stored it, and a text the listener
 * refuses is answered with a temporary error, so the SMSC offers it again.
 */
describe('SMPP mobile-originated texts are acknowledged once stored', () => {
  it('answers deliver_sm only after the inbound listener has settled', async () => {
    const { smsc, gateway } = await smppRig()
    let store: () => void = () => undefined
    gateway.onInbound(() => new Promise<void>((resolve) => (store = resolve)))
    smsc.sendMo({ ...mo, text: 'Is the road open?' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.deepEqual(smsc.moAnswers, [], 'not answered while being stored')
    store()
    await waitFor(() => smsc.moAnswers.length === 1, 2000, 'the answer')
    assert.deepEqual(smsc.moAnswers, [ESME_ROK])
  })

  const refusals: { refused: InboundRefusal['refused']; status: number; name: string }[] = [
    { refused: 'busy', status: ESME_RTHROTTLED, name: 'ESME_RTHROTTLED' },
    { refused: 'unavailable', status: ESME_RX_T_APPN, name: 'ESME_RX_T_APPN' },
  ]
  for (const { refused, status, name } of refusals) {
    it(`answers a text the listener refuses as ${refused} with ${name}, so the SMSC retries`, async () => {
      const { smsc, gateway } = await smppRig()
      gateway.onInbound(() => ({ refused, retryAfterSeconds: 1 }))
      smsc.sendMo({ ...mo, text: 'hello' })
      await waitFor(() => smsc.moAnswers.length === 1, 2000, 'the answer')
      assert.deepEqual(smsc.moAnswers, [status])
    })
  }

  it('a listener that fails is a refusal: never ESME_ROK for a text perhaps not stored', async () => {
    const { smsc, gateway } = await smppRig()
    gateway.onInbound(() => Promise.reject(new Error('database down')))
    smsc.sendMo({ ...mo, text: 'hello' })
    await waitFor(() => smsc.moAnswers.length === 1, 2000, 'the answer')
    assert.deepEqual(smsc.moAnswers, [ESME_RX_T_APPN])
  })

  it('a refused last part, offered again, completes the whole message once more', async () => {
    const { smsc, gateway, inbound } = await smppRig()
    let refuse = true
    gateway.onInbound(() => (refuse ? { refused: 'busy', retryAfterSeconds: 1 } : undefined))
    smsc.sendMo({ ...mo, text: 'Bonjour, je voudrais ', udh: udh(9, 2, 1) })
    smsc.sendMo({ ...mo, text: 'un rendez-vous.', udh: udh(9, 2, 2) })
    await waitFor(() => smsc.moAnswers.length === 2, 2000, 'both answers')
    assert.deepEqual(smsc.moAnswers, [ESME_ROK, ESME_RTHROTTLED], 'the first part was kept')

    refuse = false
    smsc.sendMo({ ...mo, text: 'un rendez-vous.', udh: udh(9, 2, 2) }) // the SMSC's retry
    await waitFor(() => smsc.moAnswers.length === 3, 2000, 'the retry answered')
    assert.equal(smsc.moAnswers[2], ESME_ROK)
    assert.deepEqual(
      inbound.map((m) => m.body),
      ['Bonjour, je voudrais un rendez-vous.', 'Bonjour, je voudrais un rendez-vous.'],
      'offered whole both times; the refused copy was not taken',
    )
  })
})
