import { countSegments, type SegmentCount } from '../segments/count-segments.ts'
import type { Language } from '../language.ts'
import { fillPlaceholders, listPlaceholders } from './list-placeholders.ts'
import { TEMPLATE_LANGUAGES, type TemplateVersion } from './template-version.ts'

/** Stable codes an admin UI and the config loader may rely on. */
export type TemplateWarningCode = TemplateWarning['code']

export type TemplateWarning =
  | { readonly code: 'missing_language'; readonly language: Language; readonly message: string }
  | {
      readonly code: 'ucs2_characters'
      readonly language: Language
      readonly characters: readonly string[]
      readonly message: string
    }
  | {
      readonly code: 'keyword_reply_multi_segment'
      readonly language: Language
      readonly segments: number
      readonly message: string
    }
  | {
      readonly code: 'french_costs_more'
      readonly segments: { readonly en: number; readonly fr: number }
      readonly message: string
    }
  | {
      readonly code: 'placeholder_mismatch'
      readonly onlyIn: { readonly en: string[]; readonly fr: string[] }
      readonly message: string
    }

/**
 * Warns about a template's SMS variants; warnings never block saving, approval decides.
 *
 * Costs are measured on the body with each placeholder replaced by its bare name
 * (`((first_name))` → `first_name`): real values are unknown, names are GSM-7 and of similar
 * length, and both languages are measured the same way so the comparison is fair.
 * Warnings, in this order:
 * - missing_language: no English or no French variant (Canadian programs answer in both).
 * - ucs2_characters: per language, characters that turn the message into UCS-2 (ê, â, ç…),
 *   which cuts a segment from 160 to 70 characters (REFERENCE.md, French accents).
 * - keyword_reply_multi_segment: a keyword reply must fit one message (CWTA).
 * - french_costs_more: the French variant costs more segments than the English one.
 * - placeholder_mismatch: English and French use different placeholders, so one language
 *   would fail to render (or drop information) with the values the other needs.
 * Review dates need today's date: see isReviewOverdue.
 * @example validateTemplate({ category: 'keyword_reply', variants: { en: { body: 'a'.repeat(161) } }, … })
 * // [{ code: 'missing_language', language: 'fr', … }, { code: 'keyword_reply_multi_segment', language: 'en', segments: 2, … }]
 */
export function validateTemplate(version: TemplateVersion): TemplateWarning[] {
  const warnings: TemplateWarning[] = []
  const costs: Partial<Record<Language, SegmentCount>> = {}
  for (const language of TEMPLATE_LANGUAGES) {
    if (version.variants[language] === undefined) {
      warnings.push({ code: 'missing_language', language, message: `no ${language} variant` })
    }
  }
  for (const language of TEMPLATE_LANGUAGES) {
    const body = version.variants[language]?.body
    if (body === undefined) continue
    const cost = countSegments(fillPlaceholders(body, (name) => name))
    costs[language] = cost
    if (cost.ucs2Characters.length > 0) {
      warnings.push({
        code: 'ucs2_characters',
        language,
        characters: cost.ucs2Characters,
        message: `${language}: ${cost.ucs2Characters.join(' ')} force UCS-2 (70 characters per segment instead of 160)`,
      })
    }
    if (version.category === 'keyword_reply' && cost.segments > 1) {
      warnings.push({
        code: 'keyword_reply_multi_segment',
        language,
        segments: cost.segments,
        message: `${language}: a keyword reply must fit one segment; this one needs ${cost.segments}`,
      })
    }
  }
  const { en, fr } = costs
  if (en !== undefined && fr !== undefined && fr.segments > en.segments) {
    warnings.push({
      code: 'french_costs_more',
      segments: { en: en.segments, fr: fr.segments },
      message: `French costs ${fr.segments} segments, English ${en.segments}`,
    })
  }
  const mismatch = placeholderMismatch(version)
  if (mismatch !== undefined) warnings.push(mismatch)
  return warnings
}

function placeholderMismatch(version: TemplateVersion): TemplateWarning | undefined {
  const { en, fr } = version.variants
  if (en === undefined || fr === undefined) return undefined
  const enNames = listPlaceholders(en.body)
  const frNames = listPlaceholders(fr.body)
  const onlyIn = {
    en: enNames.filter((name) => !frNames.includes(name)),
    fr: frNames.filter((name) => !enNames.includes(name)),
  }
  if (onlyIn.en.length === 0 && onlyIn.fr.length === 0) return undefined
  const describe = (names: string[], language: Language) =>
    names.length === 0 ? [] : [`only in ${language}: ${names.join(', ')}`]
  return {
    code: 'placeholder_mismatch',
    onlyIn,
    message: [...describe(onlyIn.en, 'en'), ...describe(onlyIn.fr, 'fr')].join('; '),
  }
}
