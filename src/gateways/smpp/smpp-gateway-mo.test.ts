import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { cleanUpSmppRigs, smppRig, waitFor } from './testing/smpp-test-setup.ts'

cleanUpSmppRigs()

const udh = (ref: number, total: number, seq: number) => Buffer.from([5, 0, 3, ref, total, seq])

describe('SMPP mobile-originated messages', () => {
  it('a GSM-7 message arrives with + on international numbers and is acknowledged', async () => {
    const { smsc, inbound } = await smppRig()
    smsc.sendMo({ from: '+15145550123', to: '55123', text: 'STOP à 14 h' })
    await waitFor(() => inbound.length === 1)
    assert.deepEqual(
      { ...inbound[0], receivedAt: 0, carrierId: '' },
      { carrierId: '', from: '+15145550123', to: '55123', body: 'STOP à 14 h', receivedAt: 0 },
    )
    await waitFor(() => smsc.stats.deliverAcks === 1, 1000, 'deliver_sm_resp')
  })

  it('a UCS-2 message (data_coding 8) keeps ê, ç and emoji', async () => {
    const { smsc, inbound } = await smppRig()
    smsc.sendMo({
      from: '+15145550123',
      to: '55123',
      text: 'ARRÊT svp, ça suffit 🙏',
      dataCoding: 8,
    })
    await waitFor(() => inbound.length === 1)
    assert.equal(inbound[0]?.body, 'ARRÊT svp, ça suffit 🙏')
  })

  it('a two-part concatenated message is reassembled by ref, whatever the arrival order', async () => {
    const { smsc, inbound } = await smppRig()
    const first = 'Bonjour, je voudrais déplacer mon rendez-vous de jeudi '
    const second = 'à vendredi matin si possible. Merci!'
    smsc.sendMo({ from: '+15145550123', to: '55123', text: second, udh: udh(0x2a, 2, 2) })
    smsc.sendMo({ from: '+15145550999', to: '55123', text: 'other sender', udh: udh(0x2a, 2, 1) })
    smsc.sendMo({ from: '+15145550123', to: '55123', text: first, udh: udh(0x2a, 2, 1) })
    await waitFor(() => inbound.length === 1)
    await new Promise((resolve) => setTimeout(resolve, 30))
    assert.deepEqual(
      inbound.map((m) => [m.from, m.body]),
      [['+15145550123', first + second]],
    )
    await waitFor(() => smsc.stats.deliverAcks === 3, 1000, 'every part acknowledged')
  })

  it('a concatenated UCS-2 message is reassembled too', async () => {
    const { smsc, inbound } = await smppRig()
    smsc.sendMo({
      from: '+15145550123',
      to: '55123',
      text: 'Ça marche 👍 ',
      dataCoding: 8,
      udh: udh(7, 2, 1),
    })
    smsc.sendMo({
      from: '+15145550123',
      to: '55123',
      text: 'à bientôt',
      dataCoding: 8,
      udh: udh(7, 2, 2),
    })
    await waitFor(() => inbound.length === 1)
    assert.equal(inbound[0]?.body, 'Ça marche 👍 à bientôt')
  })

  it('each inbound message gets its own carrier id', async () => {
    const { smsc, inbound } = await smppRig()
    smsc.sendMo({ from: '+15145550123', to: '55123', text: 'one' })
    smsc.sendMo({ from: '+15145550123', to: '55123', text: 'two' })
    await waitFor(() => inbound.length === 2)
    assert.notEqual(inbound[0]?.carrierId, inbound[1]?.carrierId)
  })
})
