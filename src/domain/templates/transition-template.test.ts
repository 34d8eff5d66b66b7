import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { TemplateStatus } from './template-version.ts'
import { canSend, transitionTemplate, type TemplateAction } from './transition-template.ts'

const rows: [TemplateStatus, TemplateAction, TemplateStatus | 'not allowed'][] = [
  ['draft', 'approve', 'approved'],
  ['draft', 'revise', 'draft'],
  ['draft', 'retire', 'retired'],
  ['approved', 'approve', 'not allowed'],
  ['approved', 'revise', 'draft'],
  ['approved', 'retire', 'retired'],
  ['retired', 'approve', 'not allowed'], // must be revised and re-approved
  ['retired', 'retire', 'not allowed'],
  ['retired', 'revise', 'draft'],
]

describe('transitionTemplate', () => {
  for (const [from, action, to] of rows) {
    it(`${from} --${action}--> ${to}`, () => {
      const result = transitionTemplate(from, action)
      if (to === 'not allowed') {
        assert.deepEqual(result, { ok: false, reason: 'transition_not_allowed', from, action })
      } else {
        assert.deepEqual(result, { ok: true, status: to })
      }
    })
  }

  it('no sequence of actions makes a version sendable without an approve as its last change', () => {
    const action = fc.constantFrom<TemplateAction>('approve', 'retire', 'revise')
    fc.assert(
      fc.property(fc.array(action, { maxLength: 10 }), (actions) => {
        let status: TemplateStatus = 'draft'
        let lastApplied: TemplateAction | undefined
        for (const a of actions) {
          const result = transitionTemplate(status, a)
          if (result.ok) {
            status = result.status
            lastApplied = a
          }
        }
        assert.equal(canSend({ status }), lastApplied === 'approve')
      }),
      { numRuns: 1000 },
    )
  })
})

describe('canSend', () => {
  for (const [status, sendable] of [
    ['draft', false],
    ['approved', true],
    ['retired', false],
  ] as const) {
    it(`${status} → ${sendable}`, () => assert.equal(canSend({ status }), sendable))
  }
})
