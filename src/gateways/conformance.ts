import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  SendError,
  type Gateway,
  type OutboundSms,
  type Receipt,
  type SubmitResult,
} from './gateway.ts'
import { waitFor } from './testing/wait-for.ts'

/** A started gateway plus the controls of the carrier it talks to (a fake API, SMSC…). */
export interface ConformancePeer {
  gateway: Gateway
  /** Makes the carrier report final delivery of a sent message (fires a status callback, …). */
  deliver(sms: OutboundSms, result: SubmitResult): void | Promise<void>
  /** Closes the carrier side (servers, sockets). The suite stops the gateway itself. */
  close(): Promise<void>
}

const sms: OutboundSms = {
  messageId: 'conformance-1',
  from: '+15145550100',
  to: '+15145550123',
  body: 'Votre rendez-vous est confirmé. Répondez STOP pour vous désabonner.',
}
const longSms: OutboundSms = { ...sms, messageId: 'conformance-2', body: 'Rappel: '.repeat(40) }

/**
 * The behaviour every Gateway promises, run against each adapter with its carrier peer:
 * start → up, send → carrier ids, receipt → same carrier id, stop → clean and refusing.
 * @example runGatewayConformance('sandbox', async () => ({ gateway, deliver: () => {}, close: async () => {} }))
 */
export function runGatewayConformance(
  label: string,
  factory: () => Promise<ConformancePeer>,
): void {
  async function withPeer(run: (peer: ConformancePeer) => void | Promise<void>): Promise<void> {
    const peer = await factory()
    try {
      await peer.gateway.start()
      await run(peer)
    } finally {
      await peer.gateway.stop()
      await peer.close()
    }
  }

  void describe(`Gateway conformance: ${label}`, () => {
    void it('reports up after start', () =>
      withPeer(({ gateway }) => {
        assert.equal(gateway.health().state, 'up')
        assert.equal(typeof gateway.health().since, 'number')
      }))

    void it('send returns carrier ids and a segment count', () =>
      withPeer(async ({ gateway }) => {
        const result = await gateway.send(sms)
        assert.ok(result.carrierIds.length >= 1)
        assert.ok(result.carrierIds.every((id) => id.length > 0))
        assert.equal(result.segments, 1)
      }))

    void it('a long text counts several segments (one id, or one id per part)', () =>
      withPeer(async ({ gateway }) => {
        const result = await gateway.send(longSms)
        assert.equal(result.segments, 3) // 320 GSM-7 characters: 153 + 153 + 14
        assert.ok([1, result.segments].includes(result.carrierIds.length))
      }))

    void it('a receipt for a sent message reaches onReceipt with the same carrier id', () =>
      withPeer(async (peer) => {
        const receipts: Receipt[] = []
        peer.gateway.onReceipt((r) => receipts.push(r))
        const result = await peer.gateway.send(sms)
        await peer.deliver(sms, result)
        const id = result.carrierIds[0]
        await waitFor(
          () => receipts.some((r) => r.carrierId === id && r.status === 'delivered'),
          3000,
          'receipt',
        )
        for (const receipt of receipts) {
          assert.ok(
            result.carrierIds.includes(receipt.carrierId),
            `unexpected id ${receipt.carrierId}`,
          )
          assert.ok(['sent', 'delivered', 'undelivered', 'failed'].includes(receipt.status))
          assert.equal(typeof receipt.occurredAt, 'number')
        }
      }))

    void it('stop() closes cleanly: health leaves up, sends fail retryably, stopping twice is harmless', () =>
      withPeer(async ({ gateway }) => {
        await gateway.stop()
        assert.notEqual(gateway.health().state, 'up')
        await assert.rejects(gateway.send(sms), (e) => e instanceof SendError && e.retryable)
        await gateway.stop()
      }))

    void it('declares its secrets as non-empty strings', () =>
      withPeer(({ gateway }) => {
        assert.ok(
          gateway.secrets.every((secret) => typeof secret === 'string' && secret.length > 0),
        )
      }))
  })
}
