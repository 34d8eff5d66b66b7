import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { previewBody } from './preview-body.ts'

describe('previewBody', () => {
  it('fills the values given and keeps a missing placeholder visible', () => {
    const preview = previewBody('Case ((caseNumber)): ((status))', { caseNumber: 'CS-123456' })
    assert.equal(preview.text, 'Case CS-123456: ((status))')
    assert.deepEqual(preview.placeholders, ['caseNumber', 'status'])
    assert.deepEqual(preview.missing, ['status'])
  })

  it('counts the filled text: a value with ç makes it UCS-2, and says where', () => {
    const preview = previewBody('Bonjour ((name))', { name: 'François' })
    assert.equal(preview.encoding, 'ucs2')
    assert.deepEqual(preview.ucs2Characters, [{ character: 'ç', start: 12, end: 13 }])
    assert.deepEqual(preview.parts, [{ text: 'Bonjour François', units: 16, limit: 70 }])
  })
})
