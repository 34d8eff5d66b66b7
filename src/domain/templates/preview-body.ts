import { describeSegments, type SegmentDescription } from '../segments/describe-segments.ts'
import { listPlaceholders } from './list-placeholders.ts'
import { fillWith, missingPersonalisation, type Personalisation } from './render-template.ts'

export interface BodyPreview extends SegmentDescription {
  /** The body with the values given filled in; a placeholder without a value stays `((name))`. */
  readonly text: string
  /** Every placeholder the body uses, in order of first appearance. */
  readonly placeholders: readonly string[]
  /** Placeholders with no usable value: the count measures their `((name))` token until filled. */
  readonly missing: readonly string[]
}

/**
 * Previews a template body while it is written: fills the values given (a missing one stays
 * visible as its token, never an invented sample), then counts and describes its segments.
 * @example previewBody('Hi ((name))', { name: 'Zoé' }) // { text: 'Hi Zoé', missing: [], encoding: 'gsm7', segments: 1, … }
 */
export function previewBody(body: string, values: Personalisation = {}): BodyPreview {
  const text = fillWith(body, values)
  return {
    text,
    placeholders: listPlaceholders(body),
    missing: missingPersonalisation([body], values),
    ...describeSegments(text),
  }
}
