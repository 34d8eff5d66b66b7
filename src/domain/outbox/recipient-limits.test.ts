import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEFAULT_RECIPIENT_LIMITS, checkRecipientLimits } from './recipient-limits.ts'

describe('checkRecipientLimits (defaults: 20 identical, 100 total per hour)', () => {
  const rows = [
    { recent: { identical: 0, total: 0 }, expected: { ok: true } },
    { recent: { identical: 19, total: 99 }, expected: { ok: true } },
    { recent: { identical: 20, total: 20 }, expected: { ok: false, limit: 'identical', max: 20 } },
    { recent: { identical: 3, total: 100 }, expected: { ok: false, limit: 'total', max: 100 } },
  ]
  for (const { recent, expected } of rows) {
    it(`${recent.identical} identical / ${recent.total} total → ${expected.ok ? 'accepted' : `refused (${expected.limit ?? ''})`}`, () =>
      assert.deepEqual(checkRecipientLimits(DEFAULT_RECIPIENT_LIMITS, recent), expected))
  }
})
