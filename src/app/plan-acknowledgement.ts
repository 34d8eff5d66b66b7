import type { Config, ProgramConfig } from '../config/schema.ts'
import { isLanguage, type Language } from '../domain/language.ts'
import { countSegments } from '../domain/segments/count-segments.ts'
import { renderTemplate } from '../domain/templates/render-template.ts'
import type { Store } from '../store/connect.ts'
import { getConsentStatuses } from '../store/consents.ts'
import { findContactLanguages } from '../store/contacts.ts'
import type { NewMessage } from '../store/messages.ts'
import { findSendableTemplate, type StoredTemplateVersion } from '../store/templates.ts'

/**
 * The consent rule an acknowledgement is sent under. It answers a citizen who wrote first,
 * once, when their conversation opens, so, like a HELP reply, it needs no prior opt-in
 * (checkSendPolicy lets 'help_reply' through whatever the consent). What opt-in does not
 * cover, planAcknowledgement checks itself: nothing goes to a number that opted out of the
 * program, and opting out blocks an acknowledgement still in the outbox (closeThread).
 */
export const ACKNOWLEDGEMENT_PURPOSE = 'help_reply'

export type AcknowledgementPlan =
  | { send: true; message: NewMessage }
  | {
      send: false
      reason:
        | 'no_template'
        | 'flagged'
        | 'no_program'
        | 'opted_out'
        | 'template_not_approved'
        | 'not_renderable'
    }

export interface AcknowledgementInput {
  conversationId: string
  queueId: string
  program: ProgramConfig | undefined
  customerNumber: string
  ourNumber: string
  /** The language of the citizen's text ('fr' only on French words; see guessLanguage). */
  textLanguage: Language
  /** A possible opt-out ("please stop texting me"): an agent answers, no automatic text. */
  flagged: boolean
  messageId: string
  now: number
}

/**
 * Decides whether a new conversation's queue acknowledges it, and renders the text: the
 * queue's `acknowledgementTemplate` (its newest approved version), in French when the citizen
 * wrote in French, else in the contact's language, else the default language (the other
 * language when the template lacks that one). Sent at high priority from the number the
 * citizen wrote to, filed under the conversation. Reads only; the caller writes the message.
 * @example await planAcknowledgement(deps, { queueId: 'SBC_HD_SMS_BCEID', textLanguage: 'en', … })
 * // { send: true, message: { body: 'Service BC: we received your message…', … } }
 */
export async function planAcknowledgement(
  deps: { config: Config; store: Store },
  input: AcknowledgementInput,
): Promise<AcknowledgementPlan> {
  const [plan] = await planAcknowledgements(deps, [input])
  if (plan === undefined) throw new Error('planAcknowledgements returned no plan')
  return plan
}

/**
 * planAcknowledgement for many new conversations at once (the inbound intake's batches): each
 * template, the consents of each program and the contacts' languages are read in one query
 * each, whatever the number of conversations. Plans come back in the order of `inputs`.
 * @example const [plan] = await planAcknowledgements(deps, [input])
 */
export async function planAcknowledgements(
  deps: { config: Config; store: Store },
  inputs: readonly AcknowledgementInput[],
): Promise<AcknowledgementPlan[]> {
  const { config, store } = deps
  const keyOf = (input: AcknowledgementInput) =>
    config.queues.find((q) => q.id === input.queueId)?.acknowledgementTemplate
  const candidates = inputs.filter((i) => keyOf(i) !== undefined && !i.flagged && i.program)

  const templates = new Map<string, Awaited<ReturnType<typeof findSendableTemplate>>>()
  for (const key of new Set(candidates.map(keyOf))) {
    if (key !== undefined) templates.set(key, await findSendableTemplate(store.db, key))
  }
  const optedOut = new Set<string>()
  const programs = new Set(candidates.map((i) => i.program?.id ?? ''))
  for (const program of programs) {
    const phones = candidates.filter((i) => i.program?.id === program).map((i) => i.customerNumber)
    const statuses = await getConsentStatuses(store.db, program, phones)
    for (const [phone, status] of statuses) {
      if (status === 'opted_out') optedOut.add(`${program} ${phone}`)
    }
  }
  const languages = await findContactLanguages(
    store.db,
    candidates.filter((i) => i.textLanguage !== 'fr').map((i) => i.customerNumber),
  )

  return inputs.map((input): AcknowledgementPlan => {
    const key = keyOf(input)
    if (key === undefined) return { send: false, reason: 'no_template' }
    if (input.flagged) return { send: false, reason: 'flagged' }
    const { program } = input
    if (program === undefined) return { send: false, reason: 'no_program' }
    if (optedOut.has(`${program.id} ${input.customerNumber}`)) {
      return { send: false, reason: 'opted_out' }
    }
    const approved = templates.get(key)?.approved
    if (!approved) return { send: false, reason: 'template_not_approved' }
    const contactLanguage = languages.get(input.customerNumber)
    const preferred: Language =
      input.textLanguage === 'fr'
        ? 'fr'
        : contactLanguage !== undefined && isLanguage(contactLanguage)
          ? contactLanguage
          : config.defaultLanguage
    return render(approved, program, input, preferred)
  })
}

function render(
  template: StoredTemplateVersion,
  program: ProgramConfig,
  input: AcknowledgementInput,
  preferred: Language,
): AcknowledgementPlan {
  const values = { programName: program.name, supportNumber: program.supportNumber }
  for (const language of [preferred, preferred === 'fr' ? 'en' : 'fr'] as const) {
    const rendered = renderTemplate(template, language, values)
    if (!rendered.ok) continue
    const count = countSegments(rendered.text)
    return {
      send: true,
      message: {
        id: input.messageId,
        direction: 'outbound',
        program: program.id,
        from: input.ourNumber,
        to: input.customerNumber,
        body: rendered.text,
        personalisation: undefined,
        encoding: count.encoding,
        segments: count.segments,
        templateKey: template.key,
        templateVersion: template.version,
        language: rendered.language,
        priority: 'high',
        purpose: ACKNOWLEDGEMENT_PURPOSE,
        status: 'queued',
        trunk: undefined,
        reference: undefined,
        apiKeyId: undefined,
        broadcastId: undefined,
        test: false,
        conversationId: input.conversationId,
        nextAttemptAt: input.now,
        sendAt: undefined,
        expiresAt: undefined,
        fallbackEmail: undefined,
        errorCode: undefined,
        errorDetail: undefined,
        createdAt: input.now,
      },
    }
  }
  return { send: false, reason: 'not_renderable' }
}
