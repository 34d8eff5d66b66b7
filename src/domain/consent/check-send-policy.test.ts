import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { ConsentStatus } from './consent-event.ts'
import {
  checkSendPolicy,
  type MessagePurpose,
  type SendPolicyDecision,
} from './check-send-policy.ts'

const OPT_IN_PROGRAM = { requiresOptIn: true }
const OPEN_PROGRAM = { requiresOptIn: false }
const ALLOWED: SendPolicyDecision = { allowed: true }
const NEEDS_CONSENT: SendPolicyDecision = { allowed: false, reason: 'consent_required' }
const OPTED_OUT: SendPolicyDecision = { allowed: false, reason: 'opted_out' }

const rows: [ConsentStatus, MessagePurpose, boolean, SendPolicyDecision][] = [
  // status, purpose, program requires opt-in, decision
  ['opted_in', 'regular', true, ALLOWED],
  ['opted_in', 'regular', false, ALLOWED],
  ['unknown', 'regular', true, NEEDS_CONSENT],
  ['unknown', 'regular', false, ALLOWED],
  ['opted_out', 'regular', true, OPTED_OUT],
  ['opted_out', 'regular', false, OPTED_OUT],
  // REFERENCE.md (CWTA): STOP is confirmed even when the number was not subscribed.
  ['opted_out', 'opt_out_confirmation', true, ALLOWED],
  ['unknown', 'opt_out_confirmation', true, ALLOWED],
  ['opted_in', 'opt_out_confirmation', false, ALLOWED],
  // REFERENCE.md (CWTA): every program answers HELP/AIDE/INFO.
  ['opted_out', 'help_reply', true, ALLOWED],
  ['unknown', 'help_reply', true, ALLOWED],
  ['opted_in', 'help_reply', false, ALLOWED],
  ['opted_in', 'opt_in_confirmation', true, ALLOWED],
  ['unknown', 'opt_in_confirmation', false, NEEDS_CONSENT],
  ['opted_out', 'opt_in_confirmation', false, OPTED_OUT],
  // an agent answers a customer who wrote in, even to an opt-in program, but never after STOP
  ['unknown', 'conversation_reply', true, ALLOWED],
  ['opted_in', 'conversation_reply', true, ALLOWED],
  ['opted_out', 'conversation_reply', true, OPTED_OUT],
  ['opted_out', 'conversation_reply', false, OPTED_OUT],
]

describe('checkSendPolicy', () => {
  for (const [status, purpose, requiresOptIn, decision] of rows) {
    it(`${purpose} to ${status} (requiresOptIn=${requiresOptIn}) → ${decision.allowed ? 'allowed' : decision.reason}`, () => {
      const program = requiresOptIn ? OPT_IN_PROGRAM : OPEN_PROGRAM
      assert.deepEqual(checkSendPolicy({ status, purpose, program }), decision)
    })
  }

  it('an opted-out number never receives a regular message, whatever the program', () => {
    fc.assert(
      fc.property(fc.boolean(), (requiresOptIn) => {
        const decision = checkSendPolicy({
          status: 'opted_out',
          purpose: 'regular',
          program: { requiresOptIn },
        })
        assert.deepEqual(decision, OPTED_OUT)
      }),
      { numRuns: 1000 },
    )
  })

  it('only an opted-in number receives regular messages from an opt-in program', () => {
    const statuses = fc.constantFrom<ConsentStatus>('opted_in', 'opted_out', 'unknown')
    fc.assert(
      fc.property(statuses, (status) => {
        const decision = checkSendPolicy({ status, purpose: 'regular', program: OPT_IN_PROGRAM })
        assert.equal(decision.allowed, status === 'opted_in')
      }),
      { numRuns: 1000 },
    )
  })
})
