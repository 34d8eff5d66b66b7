import type { Language } from '../language.ts'
import { fillPlaceholders, listPlaceholders } from './list-placeholders.ts'
import { TEMPLATE_LANGUAGES, type TemplateVersion } from './template-version.ts'

/** Values for placeholders, by name. */
export type Personalisation = Readonly<Record<string, string>>

export interface MissingPersonalisation {
  readonly ok: false
  readonly reason: 'missing_personalisation'
  /** Each missing name once, in order of first appearance. */
  readonly missing: string[]
}

export interface LanguageUnavailable {
  readonly ok: false
  readonly reason: 'language_unavailable'
  readonly available: Language[]
}

export type RenderResult =
  | { readonly ok: true; readonly text: string; readonly language: Language }
  | MissingPersonalisation
  | LanguageUnavailable

/**
 * Renders the SMS text of a template in one language. Never sends a half-filled message: if
 * any placeholder has no value, nothing is rendered and every missing name is reported.
 * A value that is absent, or blank after trimming, counts as missing: "Your appointment is
 * on  at ." is worse than not sending. Values are inserted exactly as given: no HTML escaping
 * (SMS is plain text) and no second expansion of `((x))` inside a value. There is no fallback
 * to another language: the caller decides, knowing which languages are available.
 * @example renderTemplate(version, 'fr', { name: 'Zoé' }) // { ok: true, text: 'Bonjour Zoé', language: 'fr' }
 */
export function renderTemplate(
  version: TemplateVersion,
  language: Language,
  values: Personalisation,
): RenderResult {
  const variant = version.variants[language]
  if (variant === undefined) {
    return {
      ok: false,
      reason: 'language_unavailable',
      available: availableLanguages(version.variants),
    }
  }
  const missing = missingPersonalisation([variant.body], values)
  if (missing.length > 0) return { ok: false, reason: 'missing_personalisation', missing }
  return { ok: true, text: fillWith(variant.body, values), language }
}

/**
 * The names used in `bodies` that have no usable value, each once, in order of appearance.
 * @example missingPersonalisation(['((a)) ((b))'], { a: 'x', b: ' ' }) // ['b']
 */
export function missingPersonalisation(
  bodies: readonly string[],
  values: Personalisation,
): string[] {
  const names = new Set(bodies.flatMap(listPlaceholders))
  return [...names].filter((name) => valueOf(values, name) === undefined)
}

/**
 * The languages present in a variant map, in TEMPLATE_LANGUAGES order.
 * @example availableLanguages({ fr: { body: 'Salut' } }) // ['fr']
 */
export function availableLanguages(variants: Partial<Record<Language, unknown>>): Language[] {
  return TEMPLATE_LANGUAGES.filter((language) => variants[language] !== undefined)
}

/** Fills placeholders, keeping any that have no usable value as written. */
export function fillWith(body: string, values: Personalisation): string {
  return fillPlaceholders(body, (name) => valueOf(values, name) ?? `((${name}))`)
}

function valueOf(values: Personalisation, name: string): string | undefined {
  // Own properties only: a placeholder named ((constructor)) must not find Object.prototype.
  if (!Object.hasOwn(values, name)) return undefined
  const value = values[name]
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
