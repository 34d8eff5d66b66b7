import type { Language } from '../language.ts'
import {
  availableLanguages,
  fillWith,
  missingPersonalisation,
  type LanguageUnavailable,
  type MissingPersonalisation,
  type Personalisation,
} from './render-template.ts'
import type { TemplateVersion } from './template-version.ts'

export type RenderEmailResult =
  | {
      readonly ok: true
      readonly subject: string
      readonly body: string
      readonly language: Language
    }
  | MissingPersonalisation
  | LanguageUnavailable

/**
 * Renders the e-mail variant of a template, with the same rules as renderTemplate: all
 * placeholders of subject and body filled or nothing, values inserted literally, no HTML
 * escaping (the body is plain text; an HTML transport escapes it itself). Line breaks in the
 * rendered subject become spaces: a subject is one header line, and a value must not be able
 * to add headers.
 * @example renderEmail(version, 'en', { name: 'Ana' }) // { ok: true, subject: 'Hello Ana', body: '…', language: 'en' }
 */
export function renderEmail(
  version: TemplateVersion,
  language: Language,
  values: Personalisation,
): RenderEmailResult {
  const variant = version.email?.[language]
  if (variant === undefined) {
    return {
      ok: false,
      reason: 'language_unavailable',
      available: availableLanguages(version.email ?? {}),
    }
  }
  const missing = missingPersonalisation([variant.subject, variant.body], values)
  if (missing.length > 0) return { ok: false, reason: 'missing_personalisation', missing }
  const subject = fillWith(variant.subject, values).replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')
  return { ok: true, subject, body: fillWith(variant.body, values), language }
}
