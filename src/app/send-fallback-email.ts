import type { Logger } from 'pino'
import { isLanguage } from '../domain/language.ts'
import { renderEmail } from '../domain/templates/render-email.ts'
import type { EmailSender } from '../gateways/email/email-sender.ts'
import type { Store } from '../store/connect.ts'
import { findContactByPhone } from '../store/contacts.ts'
import { getMessage, moveMessageStatus } from '../store/messages.ts'
import { getTemplateVersion } from '../store/templates.ts'
import type { Clock, Random } from './ports.ts'

export type FallbackOutcome =
  | 'sent'
  | 'no_email_sender'
  | 'no_email_variant'
  | 'no_contact_email'
  | 'not_undeliverable'
  | 'render_failed'
  | 'email_failed'

/**
 * The last resort for a text that could not be delivered: the template's
 * e-mail variant, rendered with the same personalisation, to the contact's
 * address; recorded on the same message as fallback_email_sent.
 */
export async function sendFallbackEmail(
  deps: {
    store: Store
    clock: Clock
    random: Random
    logger: Logger
    email: EmailSender | undefined
  },
  messageId: string,
): Promise<FallbackOutcome> {
  const found = await getMessage(deps.store.db, messageId)
  if (!found) return 'not_undeliverable'
  const { message } = found
  if (!['failed', 'undelivered', 'expired'].includes(message.status)) return 'not_undeliverable'
  if (!deps.email) return 'no_email_sender'
  if (!message.templateKey || message.templateVersion === undefined) return 'no_email_variant'
  const template = await getTemplateVersion(
    deps.store.db,
    message.templateKey,
    message.templateVersion,
  )
  if (!template?.email) return 'no_email_variant'
  const contact = await findContactByPhone(deps.store.db, message.to)
  if (!contact?.email) return 'no_contact_email'
  const language = message.language && isLanguage(message.language) ? message.language : 'en'
  const rendered = renderEmail(template, language, message.personalisation ?? {})
  if (!rendered.ok) return 'render_failed'
  try {
    const sent = await deps.email.send({
      to: contact.email,
      subject: rendered.subject,
      text: rendered.body,
    })
    await moveMessageStatus(deps.store.db, {
      id: message.id,
      to: 'fallback_email_sent',
      at: deps.clock.now(),
      eventId: deps.random.id(),
      detail: { to: contact.email, emailMessageId: sent.messageId },
    })
    return 'sent'
  } catch (error) {
    deps.logger.error({ err: error, messageId }, 'fallback e-mail failed')
    return 'email_failed'
  }
}
