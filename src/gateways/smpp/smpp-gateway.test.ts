import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { SendError } from '../gateway.ts'
import type { IdFormat } from './testing/fake-smsc.ts'
import type { IdBase } from './normalise-carrier-id.ts'
import { cleanUpSmppRigs, smppRig, waitFor } from './testing/smpp-test-setup.ts'

cleanUpSmppRigs()

const TO = '+15145550123'
const SHORT_CODE = '55123'
const sms = (body: string) => ({ messageId: 'm1', from: SHORT_CODE, to: TO, body })

describe('SMPP bind', () => {
  it('binds as transceiver with the configured credentials and reports up', async () => {
    const { smsc, gateway } = await smppRig()
    assert.equal(smsc.stats.binds, 1)
    assert.equal(gateway.health().state, 'up')
    assert.deepEqual(gateway.secrets, ['s3cret'])
  })

  it('a refused bind leaves the gateway down, retrying, and sends fail with not_bound', async () => {
    const { smsc, gateway } = await smppRig({ password: 'wrong' })
    assert.equal(gateway.health().state, 'down')
    assert.match(gateway.health().detail ?? '', /bind refused/)
    await waitFor(() => smsc.stats.bindAttempts >= 3, 2000, 'rebind attempts')
    await assert.rejects(
      gateway.send(sms('hi')),
      (e) => e instanceof SendError && e.code === 'not_bound' && e.retryable,
    )
  })
})

describe('SMPP submit_sm', () => {
  it('a short GSM-7 text is one submit_sm: data_coding 0, receipt requested, addresses typed', async () => {
    const { smsc, gateway } = await smppRig()
    const body = 'Rendez-vous confirmé à 14 h, prix 5 € {réf. 42}'
    const result = await gateway.send(sms(body))
    assert.deepEqual(result, { carrierIds: ['a1f'], segments: 1 })
    const [submit] = smsc.submits
    assert.ok(submit)
    assert.deepEqual(
      [submit.dataCoding, submit.esmClass, submit.registeredDelivery, submit.text],
      [0, 0, 1, body], // € and { } travel as GSM escape pairs and come back intact
    )
    assert.deepEqual([submit.destTon, submit.destNpi, submit.destAddr], [1, 1, '15145550123'])
    assert.deepEqual([submit.sourceTon, submit.sourceNpi, submit.sourceAddr], [3, 0, SHORT_CODE])
  })

  it('configured source TON/NPI override the detected ones (short codes vary by SMSC)', async () => {
    const { smsc, gateway } = await smppRig({ sourceTon: 6, sourceNpi: 0 })
    await gateway.send(sms('hi'))
    assert.deepEqual([smsc.submits[0]?.sourceTon, smsc.submits[0]?.sourceNpi], [6, 0])
  })

  it('a long GSM-7 text goes as 153-septet parts with one UDH ref, one id per part (REFERENCE.md)', async () => {
    const { smsc, gateway } = await smppRig()
    const body = 'Votre colis est en route. '.repeat(15) // 390 characters
    const result = await gateway.send(sms(body))
    assert.equal(result.segments, 3)
    assert.equal(new Set(result.carrierIds).size, 3)
    const parts = smsc.submits
    assert.equal(parts.length, 3)
    const ref = parts[0]?.udh[0]?.[2]
    parts.forEach((part, i) => {
      assert.equal(part.esmClass & 0x40, 0x40, 'UDH indicator')
      assert.equal(part.dataCoding, 0)
      assert.deepEqual([...(part.udh[0] ?? [])], [0x00, 0x03, ref, 3, i + 1])
      assert.ok(part.text.length <= 153)
    })
    assert.equal(parts.map((p) => p.text).join(''), body)
  })

  it('a text with ç or an emoji goes as UCS-2 (data_coding 8), 67 units per part, pairs unsplit', async () => {
    const { smsc, gateway } = await smppRig()
    const body = 'Ça coûte combien ? 😀 '.repeat(7) // one non-GSM char makes it all UCS-2
    const result = await gateway.send(sms(body))
    assert.equal(result.segments, smsc.submits.length)
    assert.ok(smsc.submits.length >= 3)
    for (const part of smsc.submits) {
      assert.equal(part.dataCoding, 8)
      assert.ok(part.text.length <= 67)
      assert.doesNotMatch(part.text, /^[\udc00-\udfff]|[\ud800-\udbff]$/)
    }
    assert.equal(smsc.submits.map((p) => p.text).join(''), body)
  })
})

describe('SMPP delivery receipts are matched to the id send returned', () => {
  const rows: {
    name: string
    resp: IdFormat
    receipt: IdFormat
    where: 'text' | 'tlv' | 'both'
    submitIdBase: IdBase
    receiptIdBase: IdBase
  }[] = [
    {
      name: 'hex in submit_sm_resp, decimal in the receipt',
      resp: 'hex',
      receipt: 'decimal',
      where: 'text',
      submitIdBase: 'hex',
      receiptIdBase: 'decimal',
    },
    {
      name: 'zero-padded upper-case hex, then plain hex',
      resp: 'hex-padded',
      receipt: 'hex',
      where: 'text',
      submitIdBase: 'hex',
      receiptIdBase: 'hex',
    },
    {
      name: 'decimal, then zero-padded decimal',
      resp: 'decimal',
      receipt: 'decimal-padded',
      where: 'both',
      submitIdBase: 'decimal',
      receiptIdBase: 'decimal',
    },
    {
      name: 'padded hex, then decimal, bases unknown (auto)',
      resp: 'hex-padded',
      receipt: 'decimal',
      where: 'text',
      submitIdBase: 'auto',
      receiptIdBase: 'auto',
    },
    {
      name: 'id only in the receipted_message_id TLV',
      resp: 'decimal',
      receipt: 'hex',
      where: 'tlv',
      submitIdBase: 'decimal',
      receiptIdBase: 'hex',
    },
  ]
  for (const row of rows) {
    it(row.name, async () => {
      const { gateway, receipts } = await smppRig(
        { submitIdBase: row.submitIdBase, receiptIdBase: row.receiptIdBase },
        { responseIdFormat: row.resp, receiptIdFormat: row.receipt, receiptIdIn: row.where },
      )
      const { carrierIds } = await gateway.send(sms('hello'))
      await waitFor(() => receipts.length === 1, 2000, 'receipt')
      assert.deepEqual(
        { ...receipts[0], occurredAt: 0 },
        { carrierId: carrierIds[0], status: 'delivered', carrierStatus: 'DELIVRD', occurredAt: 0 },
      )
    })
  }

  it('stat:UNDELIV with err:001 is an undelivered receipt with its error code', async () => {
    const { smsc, gateway, receipts } = await smppRig({}, { receiptDelayMs: null })
    const { carrierIds } = await gateway.send(sms('hello'))
    smsc.sendReceiptFor(smsc.submits[0]!, 'UNDELIV')
    await waitFor(() => receipts.length === 1)
    assert.deepEqual(
      [receipts[0]?.carrierId, receipts[0]?.status, receipts[0]?.errorCode],
      [carrierIds[0], 'undelivered', '001'],
    )
    await waitFor(() => smsc.stats.deliverAcks === 1, 2000, 'deliver_sm_resp')
  })

  it('every part of a long message gets its own receipt', async () => {
    const { gateway, receipts } = await smppRig()
    const { carrierIds } = await gateway.send(sms('x'.repeat(320)))
    await waitFor(() => receipts.length === 3)
    assert.deepEqual(receipts.map((r) => r.carrierId).sort(), [...carrierIds].sort())
  })
})
