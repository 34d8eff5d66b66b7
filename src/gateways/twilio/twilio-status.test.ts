import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseInboundWebhook, parseStatusCallback, twilioStatusMeaning } from './twilio-status.ts'
import { loadVectors, runVectors } from '../testing/vector-table.ts'

interface WebhookRow {
  name: string
  source?: string
  params: Record<string, string>
  expect: { ok: boolean; reason?: string; receipt?: unknown; inbound?: unknown }
}

const NOW = 1000

function comparable(result: { ok: boolean } & Record<string, unknown>): unknown {
  // Validation details are for logs; the reason is the contract.
  if (!result.ok) return { ok: false, reason: result.reason }
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined))
}

describe('parseStatusCallback: recorded callbacks', () => {
  runVectors(loadVectors<WebhookRow>(import.meta.url, 'vectors/status-callback.json'), (row) => {
    assert.deepEqual(comparable(parseStatusCallback(row.params, NOW)), row.expect)
  })
})

describe('parseInboundWebhook: recorded webhooks', () => {
  runVectors(loadVectors<WebhookRow>(import.meta.url, 'vectors/inbound.json'), (row) => {
    assert.deepEqual(comparable(parseInboundWebhook(row.params, NOW)), row.expect)
  })
})

describe('twilioStatusMeaning', () => {
  // REFERENCE.md, Twilio: statuses arrive unordered; only final ones may close a message.
  const finals = ['delivered', 'undelivered', 'failed', 'canceled', 'read']
  for (const status of finals) {
    it(`${status} is a final status`, () => {
      assert.ok(['delivered', 'undelivered', 'failed'].includes(twilioStatusMeaning(status) ?? ''))
    })
  }
  it('is case-insensitive and ignores surrounding spaces', () => {
    assert.equal(twilioStatusMeaning(' Undelivered '), 'undelivered')
  })
  it('returns undefined for a status Twilio never documented', () => {
    assert.equal(twilioStatusMeaning('lost'), undefined)
  })
  it('takes the first value of a repeated form field', () => {
    const parsed = parseStatusCallback({ MessageSid: ['SMa', 'SMb'], MessageStatus: 'sent' }, NOW)
    assert.equal(parsed.ok && parsed.receipt?.carrierId, 'SMa')
  })
})
