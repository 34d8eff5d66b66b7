import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { CONSENT_SOURCES } from './consent-event.ts'
import { validateConsentEvent } from './validate-consent-event.ts'

const valid = {
  phone: '+15145550100',
  program: 'alerts',
  action: 'opt_in',
  source: 'web',
  evidence: 'https://example.org/signup#form-7',
  actor: 'web-form',
  occurredAt: 1_700_000_000_000,
}

const invalid: { name: string; input: unknown; problems: [string, string][] }[] = [
  { name: 'not an object', input: 'opt_in', problems: [['$', 'invalid']] },
  { name: 'an array', input: [], problems: [['$', 'invalid']] },
  {
    name: 'an empty object reports every missing field at once',
    input: {},
    problems: [
      ['phone', 'required'],
      ['program', 'required'],
      ['action', 'required'],
      ['source', 'required'],
      ['actor', 'required'],
      ['occurredAt', 'required'],
    ],
  },
  {
    name: 'a national-format phone',
    input: { ...valid, phone: '514-555-0100' },
    problems: [['phone', 'invalid']],
  },
  {
    name: 'an unknown action',
    input: { ...valid, action: 'subscribe' },
    problems: [['action', 'invalid']],
  },
  {
    name: 'an unknown source',
    input: { ...valid, source: 'fax' },
    problems: [['source', 'invalid']],
  },
  { name: 'a blank actor', input: { ...valid, actor: '  ' }, problems: [['actor', 'invalid']] },
  {
    name: 'a date string instead of epoch ms',
    input: { ...valid, occurredAt: '2024-01-01' },
    problems: [['occurredAt', 'invalid']],
  },
  {
    name: 'a fractional time',
    input: { ...valid, occurredAt: 1.5 },
    problems: [['occurredAt', 'invalid']],
  },
  {
    name: 'a web opt-in without evidence',
    input: { ...valid, evidence: undefined },
    problems: [['evidence', 'evidence_required']],
  },
  {
    name: 'an API opt-in with blank evidence',
    input: { ...valid, source: 'api', evidence: ' ' },
    problems: [['evidence', 'evidence_required']],
  },
  {
    name: 'an import opt-in without evidence',
    input: { ...valid, source: 'import', evidence: null },
    problems: [['evidence', 'evidence_required']],
  },
  {
    name: 'non-string evidence',
    input: { ...valid, evidence: 42 },
    problems: [
      ['evidence', 'invalid'],
      ['evidence', 'evidence_required'],
    ],
  },
]

describe('validateConsentEvent rejects', () => {
  for (const { name, input, problems } of invalid) {
    it(name, () => {
      const result = validateConsentEvent(input)
      assert.equal(result.ok, false)
      assert.deepEqual(
        result.problems.map((p) => [p.field, p.code]),
        problems,
      )
    })
  }
})

describe('validateConsentEvent accepts', () => {
  it('a complete web opt-in, trimming text fields', () => {
    const result = validateConsentEvent({ ...valid, program: ' alerts ' })
    assert.deepEqual(result, { ok: true, event: { ...valid, program: 'alerts' } })
  })

  it('a keyword opt-in without evidence: the inbound START message is the evidence', () => {
    const result = validateConsentEvent({ ...valid, source: 'keyword', evidence: undefined })
    assert.equal(result.ok, true)
    assert.equal('evidence' in result.event, false)
  })

  it('an opt-out from any source without evidence: opt-outs are always honoured', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONSENT_SOURCES), (source) => {
        const result = validateConsentEvent({
          ...valid,
          action: 'opt_out',
          source,
          evidence: undefined,
        })
        assert.equal(result.ok, true)
      }),
      { numRuns: 1000 },
    )
  })

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateConsentEvent(input)
        assert.equal(typeof result.ok, 'boolean')
      }),
      { numRuns: 1000 },
    )
  })

  it('an opt-in from a source other than keyword is accepted only with evidence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONSENT_SOURCES),
        fc.option(fc.string(), { nil: undefined }),
        (source, evidence) => {
          const result = validateConsentEvent({ ...valid, source, evidence })
          const hasEvidence = evidence !== undefined && evidence.trim() !== ''
          assert.equal(result.ok, source === 'keyword' || hasEvidence)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
