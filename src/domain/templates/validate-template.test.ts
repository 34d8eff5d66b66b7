import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { TemplateVersion } from './template-version.ts'
import { validateTemplate } from './validate-template.ts'

function template(
  variants: TemplateVersion['variants'],
  category: TemplateVersion['category'] = 'notification',
): TemplateVersion {
  return {
    key: 't',
    version: 1,
    category,
    status: 'draft',
    owner: 'ops',
    reviewDue: '2025-06-30',
    variants,
  }
}

const codes = (version: TemplateVersion) => validateTemplate(version).map((w) => w.code)

const cases: { name: string; version: TemplateVersion; codes: string[] }[] = [
  {
    name: 'a bilingual GSM-7 template with the same placeholders is clean',
    version: template({
      en: { body: 'Hi ((name)), reply STOP to opt out.' },
      fr: { body: 'Bonjour ((name)), répondez ARRET.' },
    }),
    codes: [],
  },
  {
    name: 'é, è and à are GSM-7 and do not warn (REFERENCE.md, French accents)',
    version: template({ en: { body: 'Hi' }, fr: { body: 'Réponse à café, très bien' } }),
    codes: [],
  },
  {
    name: 'no French variant',
    version: template({ en: { body: 'Hi' } }),
    codes: ['missing_language'],
  },
  {
    name: 'no variant at all warns for both languages',
    version: template({}),
    codes: ['missing_language', 'missing_language'],
  },
  {
    name: 'ARRÊT with Ê switches French to UCS-2',
    version: template({ en: { body: 'Reply STOP' }, fr: { body: 'Répondez ARRÊT' } }),
    codes: ['ucs2_characters'],
  },
  {
    name: 'a 161-character keyword reply needs two segments',
    version: template(
      { en: { body: 'a'.repeat(161) }, fr: { body: 'b'.repeat(160) } },
      'keyword_reply',
    ),
    codes: ['keyword_reply_multi_segment'],
  },
  {
    name: 'a 161-character notification may take two segments',
    version: template({ en: { body: 'a'.repeat(161) }, fr: { body: 'b'.repeat(161) } }),
    codes: [],
  },
  {
    name: 'a 157-character UCS-2 keyword reply costs 3 segments and more than English (REFERENCE.md)',
    version: template(
      { en: { body: 'a'.repeat(157) }, fr: { body: 'ê'.repeat(157) } },
      'keyword_reply',
    ),
    codes: ['ucs2_characters', 'keyword_reply_multi_segment', 'french_costs_more'],
  },
  {
    name: 'different placeholders in English and French',
    version: template({ en: { body: '((name)) ((time))' }, fr: { body: '((nom)) ((time))' } }),
    codes: ['placeholder_mismatch'],
  },
  {
    name: 'the same placeholders in another order are fine',
    version: template({ en: { body: '((a)) ((b))' }, fr: { body: '((b)) ((a))' } }),
    codes: [],
  },
]

describe('validateTemplate', () => {
  for (const { name, version, codes: expected } of cases) {
    it(name, () => assert.deepEqual(codes(version), expected))
  }

  it('lists the characters that force UCS-2, once each, per language', () => {
    const warnings = validateTemplate(
      template({ en: { body: 'Hi 😀' }, fr: { body: 'Fête à Noël, ça coûte' } }),
    )
    const found = warnings.flatMap((w) =>
      w.code === 'ucs2_characters' ? [[w.language, w.characters]] : [],
    )
    assert.deepEqual(found, [
      ['en', ['😀']],
      ['fr', ['ê', 'ë', 'ç', 'û']],
    ])
  })

  it('gives the segment counts behind french_costs_more', () => {
    const warning = validateTemplate(
      template({ en: { body: 'a'.repeat(100) }, fr: { body: 'ê'.repeat(100) } }),
    ).find((w) => w.code === 'french_costs_more')
    assert.deepEqual(warning && 'segments' in warning ? warning.segments : undefined, {
      en: 1,
      fr: 2,
    })
  })

  it('says which placeholders are only in one language', () => {
    const warning = validateTemplate(
      template({ en: { body: '((name)) ((time))' }, fr: { body: '((nom)) ((time))' } }),
    )[0]
    assert.deepEqual(warning?.code === 'placeholder_mismatch' && warning.onlyIn, {
      en: ['name'],
      fr: ['nom'],
    })
  })

  it('measures placeholders as their names: a long name can push a keyword reply past one segment', () => {
    const body = 'a'.repeat(150) + '((support_phone_number))' // 150 + 20 characters once measured
    assert.deepEqual(codes(template({ en: { body }, fr: { body } }, 'keyword_reply')), [
      'keyword_reply_multi_segment',
      'keyword_reply_multi_segment',
    ])
  })

  it('an English-only or French-only template never gets french_costs_more or placeholder_mismatch', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('en' as const, 'fr' as const), (body, language) => {
        const found = codes(template({ [language]: { body } }))
        assert.ok(!found.includes('french_costs_more') && !found.includes('placeholder_mismatch'))
        assert.ok(found.includes('missing_language'))
      }),
      { numRuns: 1000 },
    )
  })

  it('identical English and French bodies only ever warn about encoding or length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.boolean(), (body, keywordReply) => {
        const found = codes(
          template({ en: { body }, fr: { body } }, keywordReply ? 'keyword_reply' : 'alert'),
        )
        assert.ok(
          found.every((c) => c === 'ucs2_characters' || c === 'keyword_reply_multi_segment'),
        )
      }),
      { numRuns: 1000 },
    )
  })
})
