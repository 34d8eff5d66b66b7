import { countSegments } from '../segments/count-segments.ts'
import type { SmsEncoding } from '../segments/sms-encoding.ts'
import type { Language } from '../language.ts'
import {
  availableLanguages,
  fillWith,
  missingPersonalisation,
  type LanguageUnavailable,
  type Personalisation,
} from './render-template.ts'
import type { TemplateVersion } from './template-version.ts'

export type PreviewResult =
  | {
      readonly ok: true
      readonly language: Language
      /** The text as it would be sent, with any missing placeholder left as `((name))`. */
      readonly text: string
      /** Names with no usable value; empty when the preview is exactly what would be sent. */
      readonly missing: string[]
      readonly encoding: SmsEncoding
      readonly segments: number
      readonly units: number
      /** Characters that force UCS-2, so an editor can point at them. */
      readonly ucs2Characters: readonly string[]
    }
  | LanguageUnavailable

/**
 * Shows an editor what a message will look like and cost. Unlike renderTemplate it works with
 * incomplete values, so authors can preview while writing: a missing placeholder stays visible
 * as its own `((name))` token (rather than an invented sample value that could be mistaken for
 * real data) and is listed in `missing`. The segment count then measures the token, so it is
 * an estimate until `missing` is empty.
 * @example previewTemplate(version, 'en', {}) // { ok: true, text: 'Hi ((name))', missing: ['name'], encoding: 'gsm7', segments: 1, … }
 */
export function previewTemplate(
  version: TemplateVersion,
  language: Language,
  values: Personalisation,
): PreviewResult {
  const variant = version.variants[language]
  if (variant === undefined) {
    return {
      ok: false,
      reason: 'language_unavailable',
      available: availableLanguages(version.variants),
    }
  }
  const text = fillWith(variant.body, values)
  const { encoding, segments, units, ucs2Characters } = countSegments(text)
  const missing = missingPersonalisation([variant.body], values)
  return { ok: true, language, text, missing, encoding, segments, units, ucs2Characters }
}
