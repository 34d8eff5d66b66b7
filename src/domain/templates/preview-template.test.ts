import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { countSegments } from '../segments/count-segments.ts'
import { previewTemplate } from './preview-template.ts'
import { renderTemplate } from './render-template.ts'
import type { TemplateVersion } from './template-version.ts'

const version: TemplateVersion = {
  key: 'delivery',
  version: 1,
  category: 'notification',
  status: 'draft',
  owner: 'ops',
  reviewDue: '2025-06-30',
  variants: {
    en: { body: 'Hi ((name)), your parcel arrives ((day)).' },
    fr: { body: 'Bonjour ((name)), votre colis arrive ((day)). Fête !' },
  },
}

describe('previewTemplate', () => {
  it('with every value, shows exactly what would be sent and what it costs', () => {
    assert.deepEqual(previewTemplate(version, 'en', { name: 'Ana', day: 'today' }), {
      ok: true,
      language: 'en',
      text: 'Hi Ana, your parcel arrives today.',
      missing: [],
      encoding: 'gsm7',
      segments: 1,
      units: 34,
      ucs2Characters: [],
    })
  })

  it('with missing values, keeps their ((name)) tokens visible and lists them', () => {
    const preview = previewTemplate(version, 'en', { day: 'today' })
    assert.equal(preview.ok && preview.text, 'Hi ((name)), your parcel arrives today.')
    assert.deepEqual(preview.ok && preview.missing, ['name'])
  })

  it('points at the characters that force UCS-2 (REFERENCE.md: ê is not GSM-7)', () => {
    const preview = previewTemplate(version, 'fr', { name: 'Zoé', day: 'demain' })
    assert.equal(preview.ok && preview.encoding, 'ucs2')
    assert.deepEqual(preview.ok && preview.ucs2Characters, ['ê'])
  })

  it('a value can change the encoding: the count is on the rendered text', () => {
    const preview = previewTemplate(version, 'en', { name: 'Françoise', day: 'today' })
    assert.equal(preview.ok && preview.encoding, 'ucs2')
    assert.deepEqual(preview.ok && preview.ucs2Characters, ['ç'])
  })

  it('reports the available languages when the one asked for is absent', () => {
    const englishOnly: TemplateVersion = { ...version, variants: { en: version.variants.en! } }
    assert.deepEqual(previewTemplate(englishOnly, 'fr', {}), {
      ok: false,
      reason: 'language_unavailable',
      available: ['en'],
    })
  })

  it('agrees with renderTemplate and countSegments whenever all values are given', () => {
    const value = fc.string({ minLength: 1, maxLength: 80 }).filter((v) => v.trim() !== '')
    fc.assert(
      fc.property(
        value,
        value,
        fc.constantFrom('en' as const, 'fr' as const),
        (name, day, language) => {
          const preview = previewTemplate(version, language, { name, day })
          const rendered = renderTemplate(version, language, { name, day })
          assert.ok(preview.ok && rendered.ok)
          assert.equal(preview.text, rendered.text)
          assert.deepEqual(preview.missing, [])
          const count = countSegments(rendered.text)
          assert.equal(preview.segments, count.segments)
          assert.equal(preview.units, count.units)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
