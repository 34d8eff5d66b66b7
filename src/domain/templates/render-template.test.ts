import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { listPlaceholders } from './list-placeholders.ts'
import { renderEmail } from './render-email.ts'
import { renderTemplate } from './render-template.ts'
import type { TemplateVersion } from './template-version.ts'

const version: TemplateVersion = {
  key: 'appointment_reminder',
  version: 3,
  category: 'reminder',
  status: 'approved',
  owner: 'clinic-ops',
  reviewDue: '2025-03-31',
  variants: {
    en: {
      body: 'Hi ((first_name)), your appointment is on ((date)) at ((time)). Reply STOP to opt out.',
    },
    fr: {
      body: 'Bonjour ((first_name)), votre rendez-vous est le ((date)) à ((time)). Répondez ARRET pour vous désabonner.',
    },
  },
  email: {
    en: { subject: 'Appointment on ((date))', body: 'Dear ((first_name)),\nSee you at ((time)).' },
  },
}

const values = { first_name: 'Zoé', date: '2025-01-15', time: '10:30' }

const cases: {
  name: string
  language: 'en' | 'fr'
  values: Record<string, string>
  expected: unknown
}[] = [
  {
    name: 'fills every placeholder in English',
    language: 'en',
    values,
    expected: {
      ok: true,
      language: 'en',
      text: 'Hi Zoé, your appointment is on 2025-01-15 at 10:30. Reply STOP to opt out.',
    },
  },
  {
    name: 'fills every placeholder in French',
    language: 'fr',
    values,
    expected: {
      ok: true,
      language: 'fr',
      text: 'Bonjour Zoé, votre rendez-vous est le 2025-01-15 à 10:30. Répondez ARRET pour vous désabonner.',
    },
  },
  {
    name: 'reports every missing value, in order, and renders nothing',
    language: 'en',
    values: { date: '2025-01-15' },
    expected: { ok: false, reason: 'missing_personalisation', missing: ['first_name', 'time'] },
  },
  {
    name: 'a blank value counts as missing',
    language: 'en',
    values: { ...values, time: '  ' },
    expected: { ok: false, reason: 'missing_personalisation', missing: ['time'] },
  },
  {
    name: 'never HTML-escapes: SMS is plain text',
    language: 'en',
    values: { ...values, first_name: '<Tom & "Jerry">' },
    expected: {
      ok: true,
      language: 'en',
      text: 'Hi <Tom & "Jerry">, your appointment is on 2025-01-15 at 10:30. Reply STOP to opt out.',
    },
  },
  {
    name: 'a value that looks like a placeholder is inserted literally',
    language: 'en',
    values: { ...values, first_name: '((time))' },
    expected: {
      ok: true,
      language: 'en',
      text: 'Hi ((time)), your appointment is on 2025-01-15 at 10:30. Reply STOP to opt out.',
    },
  },
]

describe('renderTemplate', () => {
  for (const { name, language, values: given, expected } of cases) {
    it(name, () => assert.deepEqual(renderTemplate(version, language, given), expected))
  }

  it('says which languages exist when the one asked for does not', () => {
    const englishOnly: TemplateVersion = { ...version, variants: { en: { body: 'Hi' } } }
    assert.deepEqual(renderTemplate(englishOnly, 'fr', {}), {
      ok: false,
      reason: 'language_unavailable',
      available: ['en'],
    })
  })

  it('does not take values from Object.prototype', () => {
    const tricky: TemplateVersion = {
      ...version,
      variants: { en: { body: '((constructor)) ((toString))' } },
    }
    assert.deepEqual(renderTemplate(tricky, 'en', {}), {
      ok: false,
      reason: 'missing_personalisation',
      missing: ['constructor', 'toString'],
    })
  })
})

describe('renderTemplate properties', () => {
  const name = fc.constantFrom('a', 'b', 'c.d')
  const body = fc
    .array(
      fc.oneof(
        name.map((n) => `((${n}))`),
        fc.constantFrom('1', ' ', '(', ')', 'é', '€'),
      ),
      { maxLength: 15 },
    )
    .map((parts) => parts.join(''))
  const value = fc.oneof(
    fc.string({ minLength: 1 }),
    fc.constantFrom('((a))', '((b))', '(( c.d ))', '$&', '$1'),
  )
  const allValues = fc.record({ a: value, b: value, 'c.d': value }, { noNullPrototype: true })

  it('never leaves a placeholder unfilled, and never expands a value twice', () => {
    fc.assert(
      fc.property(body, allValues, (text, given) => {
        fc.pre(Object.values(given).every((v) => v.trim() !== ''))
        const result = renderTemplate({ ...version, variants: { en: { body: text } } }, 'en', given)
        assert.equal(result.ok, true)
        // Letters only occur inside whole tokens, so this reference replace finds exactly the
        // placeholders; the output must be the body with each swapped for its value, verbatim.
        const expected = text.replace(/\(\(([a-z.]+)\)\)/g, (_t, n: string) => given[n as 'a'])
        assert.equal(result.text, expected)
      }),
      { numRuns: 1000 },
    )
  })

  it('succeeds exactly when every placeholder used has a non-blank value', () => {
    const partial = fc.dictionary(name, fc.constantFrom('', ' ', 'v'), { noNullPrototype: true })
    fc.assert(
      fc.property(body, partial, (text, given) => {
        const result = renderTemplate({ ...version, variants: { en: { body: text } } }, 'en', given)
        const missing = listPlaceholders(text).filter((n) => (given[n] ?? '').trim() === '')
        if (missing.length === 0) assert.equal(result.ok, true)
        else assert.deepEqual(result, { ok: false, reason: 'missing_personalisation', missing })
      }),
      { numRuns: 1000 },
    )
  })
})

describe('renderEmail', () => {
  it('fills subject and body', () => {
    assert.deepEqual(renderEmail(version, 'en', values), {
      ok: true,
      language: 'en',
      subject: 'Appointment on 2025-01-15',
      body: 'Dear Zoé,\nSee you at 10:30.',
    })
  })

  it('reports names missing from the subject and the body together', () => {
    assert.deepEqual(renderEmail(version, 'en', { first_name: 'Zoé' }), {
      ok: false,
      reason: 'missing_personalisation',
      missing: ['date', 'time'],
    })
  })

  it('a value cannot add a header line to the subject', () => {
    const result = renderEmail(version, 'en', { ...values, date: 'today\r\nBcc: x@example.org' })
    assert.equal(result.ok && result.subject, 'Appointment on today Bcc: x@example.org')
  })

  it('reports the e-mail languages when the one asked for has no e-mail variant', () => {
    assert.deepEqual(renderEmail(version, 'fr', values), {
      ok: false,
      reason: 'language_unavailable',
      available: ['en'],
    })
    assert.deepEqual(renderEmail({ ...version, email: undefined }, 'en', values), {
      ok: false,
      reason: 'language_unavailable',
      available: [],
    })
  })
})
