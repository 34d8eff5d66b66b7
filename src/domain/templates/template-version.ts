import type { Language } from '../language.ts'

/** What a template is for; keyword replies are held to the one-segment rule (CWTA). */
export type TemplateCategory =
  | 'notification'
  | 'reminder'
  | 'survey'
  | 'alert'
  | 'verification'
  | 'acknowledgement'
  | 'keyword_reply'
  | 'standard_response'

/** Only an approved version may be sent (see canSend). */
export type TemplateStatus = 'draft' | 'approved' | 'retired'

export interface TemplateVariant {
  readonly body: string
}

export interface EmailVariant {
  readonly subject: string
  readonly body: string
}

/** One immutable version of a template, with its text in each language it is offered in. */
export interface TemplateVersion {
  readonly key: string
  readonly version: number
  readonly category: TemplateCategory
  readonly status: TemplateStatus
  /** Who answers for the wording; reviews are sent to them. */
  readonly owner: string
  /** YYYY-MM-DD; see nextReviewDue and isReviewOverdue. */
  readonly reviewDue: string
  readonly variants: Partial<Record<Language, TemplateVariant>>
  readonly email?: Partial<Record<Language, EmailVariant>>
}

/** The languages Parley writes templates in, in the order they are listed to users. */
export const TEMPLATE_LANGUAGES: readonly Language[] = Object.freeze(['en', 'fr'])
