import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cleanUpSmppRigs, smppRig, waitFor } from './testing/smpp-test-setup.ts'

cleanUpSmppRigs()

const sms = { messageId: 'm1', from: '55123', to: '+15145550123', body: 'Boil water advisory' }

/**
 * A receipt must survive the process that receives it dying: the deliver_sm is acknowledged
 * only once the receipt is stored (the listener's promise settles), so an SMSC that keeps
 * unacknowledged receipts delivers it again on the next bind (the crash test relies on it).
 */
describe('SMPP receipts are acknowledged once stored', () => {
  it('answers deliver_sm only after the receipt listener has settled', async () => {
    const { smsc, gateway, receipts } = await smppRig({}, { receiptDelayMs: 1 })
    let store: () => void = () => undefined
    gateway.onReceipt(() => new Promise<void>((resolve) => (store = resolve)))
    await gateway.send(sms)
    await waitFor(() => receipts.length === 1, 2000, 'the receipt')
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(smsc.stats.deliverAcks, 0, 'not acknowledged while being stored')
    store()
    await waitFor(() => smsc.stats.deliverAcks === 1, 2000, 'the acknowledgement')
  })

  it('a receipt not yet stored when the bind drops comes again after the rebind', async () => {
    const { smsc, gateway, receipts } = await smppRig(
      {},
      { receiptDelayMs: 1, redeliverReceipts: true },
    )
    let first = true
    gateway.onReceipt(() => {
      if (!first) return undefined
      first = false
      return new Promise<void>(() => undefined) // the process "dies" before storing it
    })
    const { carrierIds } = await gateway.send(sms)
    await waitFor(() => receipts.length === 1, 2000, 'the receipt')
    smsc.dropConnections()
    await waitFor(() => receipts.length === 2, 5000, 'the receipt again, after the rebind')
    assert.equal(smsc.stats.binds, 2)
    assert.deepEqual(
      receipts.map((r) => r.carrierId),
      [carrierIds[0], carrierIds[0]],
    )
    await waitFor(() => smsc.stats.deliverAcks === 1, 2000, 'the acknowledgement')
  })
})
