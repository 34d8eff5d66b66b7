import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { CONSENT_SOURCES, type ConsentEvent } from './consent-event.ts'
import { ConsentScopeError } from './consent-scope-error.ts'
import { applyConsentEvent, deriveConsent, UNKNOWN_CONSENT } from './derive-consent.ts'

const PHONE = '+15145550100'
const PROGRAM = 'appointments'

function event(
  action: ConsentEvent['action'],
  occurredAt: number,
  more: Partial<ConsentEvent> = {},
): ConsentEvent {
  return {
    phone: PHONE,
    program: PROGRAM,
    action,
    source: 'api',
    actor: 'crm',
    occurredAt,
    ...more,
  }
}

const cases: { name: string; events: ConsentEvent[]; status: string; since?: number }[] = [
  { name: 'no history is unknown', events: [], status: 'unknown' },
  { name: 'a single opt-in', events: [event('opt_in', 10)], status: 'opted_in', since: 10 },
  { name: 'a single opt-out', events: [event('opt_out', 10)], status: 'opted_out', since: 10 },
  {
    name: 'the latest event wins, whatever the input order',
    events: [event('opt_out', 30), event('opt_in', 10), event('opt_in', 20)],
    status: 'opted_out',
    since: 30,
  },
  {
    name: 're-subscribing after STOP (START) opts back in',
    events: [event('opt_in', 10), event('opt_out', 20), event('opt_in', 30, { source: 'keyword' })],
    status: 'opted_in',
    since: 30,
  },
  {
    name: 'an opt-out at the same instant as an opt-in wins (safer)',
    events: [event('opt_out', 10), event('opt_in', 10)],
    status: 'opted_out',
    since: 10,
  },
  {
    name: 'a late-arriving older opt-in does not undo a newer opt-out',
    events: [event('opt_out', 50), event('opt_in', 40, { source: 'crm_sync' })],
    status: 'opted_out',
    since: 50,
  },
  {
    name: 'since is the time of the latest event, not the start of the run',
    events: [event('opt_in', 10), event('opt_in', 20)],
    status: 'opted_in',
    since: 20,
  },
]

describe('deriveConsent', () => {
  for (const { name, events, status, since } of cases) {
    it(name, () => {
      const state = deriveConsent(events)
      assert.equal(state.status, status)
      assert.equal(state.since, since)
    })
  }

  it('keeps the winning event so the change can be audited', () => {
    const winner = event('opt_out', 9, { source: 'keyword', actor: 'inbound' })
    assert.deepEqual(deriveConsent([event('opt_in', 1), winner]).lastEvent, winner)
  })

  it('refuses to combine two numbers or two programs', () => {
    assert.throws(
      () => deriveConsent([event('opt_in', 1), event('opt_out', 2, { phone: '+15145550199' })]),
      { name: 'ConsentScopeError', code: 'mixed_consent_scope' },
    )
    assert.throws(
      () => deriveConsent([event('opt_in', 1), event('opt_out', 2, { program: 'other' })]),
      ConsentScopeError,
    )
  })
})

// Few distinct instants, sources and actors so that ties are common.
const eventArb: fc.Arbitrary<ConsentEvent> = fc.record(
  {
    phone: fc.constant(PHONE),
    program: fc.constant(PROGRAM),
    action: fc.constantFrom('opt_in' as const, 'opt_out' as const),
    source: fc.constantFrom(...CONSENT_SOURCES),
    evidence: fc.constantFrom('form-1', 'form-2'),
    actor: fc.constantFrom('a', 'b'),
    occurredAt: fc.integer({ min: 0, max: 5 }),
  },
  {
    requiredKeys: ['phone', 'program', 'action', 'source', 'actor', 'occurredAt'],
    noNullPrototype: true,
  },
)

const historyAndShuffle = fc
  .array(eventArb, { maxLength: 12 })
  .chain((events) =>
    fc.tuple(
      fc.constant(events),
      fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
    ),
  )

describe('deriveConsent properties', () => {
  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(historyAndShuffle, ([events, shuffled]) => {
        assert.deepEqual(deriveConsent(shuffled), deriveConsent(events))
      }),
      { numRuns: 1000 },
    )
  })

  it('folding events one at a time, in any order, agrees with deriveConsent', () => {
    fc.assert(
      fc.property(historyAndShuffle, ([events, shuffled]) => {
        const folded = shuffled.reduce(applyConsentEvent, UNKNOWN_CONSENT)
        assert.deepEqual(folded, deriveConsent(events))
      }),
      { numRuns: 1000 },
    )
  })

  it('the status is that of the latest instant, opt-out winning a tie', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 12 }), (events) => {
        const latest = Math.max(...events.map((e) => e.occurredAt))
        const atLatest = events.filter((e) => e.occurredAt === latest)
        const expected = atLatest.some((e) => e.action === 'opt_out') ? 'opted_out' : 'opted_in'
        const state = deriveConsent(events)
        assert.equal(state.status, expected)
        assert.equal(state.since, latest)
        assert.ok(state.lastEvent !== undefined && events.includes(state.lastEvent))
      }),
      { numRuns: 1000 },
    )
  })
})
