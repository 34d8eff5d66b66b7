import type { Config } from '../config/schema.ts'
import type { Language } from '../domain/language.ts'
import { fillWith } from '../domain/templates/render-template.ts'
import type { Store } from '../store/connect.ts'
import { insertMessages } from '../store/messages.ts'
import { closeThreadOnOptOut, type ClosedConversation } from './close-thread.ts'
import { newMessage } from './new-message.ts'
import type { Clock, Random } from './ports.ts'
import type { ReadText } from './read-inbound-text.ts'
import { recordConsent } from './record-consent.ts'

export interface KeywordDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  /** Tells the dispatcher a text (the reply) is waiting. */
  wake: () => void
}

export interface KeywordAnswer {
  intent: 'opt_out' | 'opt_in' | 'help'
  language: Language
  replyId: string
  /** Conversations an opt-out closed (the routing runtime drops them from its queues). */
  closed: ClosedConversation[]
}

/**
 * Acts on a keyword text: STOP/ARRET opt out at once and are confirmed in the keyword's
 * language even when the number was never subscribed, and close the conversation with that
 * number; START/ABONNER opt in; HELP/AIDE/INFO answer. Consent is per program: every program
 * sending from the number written to. The text itself is stored by the caller (its id is the
 * consent events' evidence), after this: run again after a crash, a keyword records its consent
 * event and queues its reply twice rather than never.
 * @example await answerKeyword(deps, readInboundText(config, staged)) // { intent: 'opt_out', … }
 */
export async function answerKeyword(
  deps: KeywordDeps,
  text: ReadText & { intent: { intent: 'opt_out' | 'opt_in' | 'help' } },
): Promise<KeywordAnswer> {
  const { config } = deps
  const { program, keywords, staged } = text
  const { intent, language } = text.intent
  const programs = program ? [program] : config.programs.filter((p) => p.sender === staged.to)
  if (intent !== 'help') {
    for (const p of programs) {
      await recordConsent(deps, {
        phone: staged.from,
        program: p.id,
        status: intent === 'opt_out' ? 'opted_out' : 'opted_in',
        source: 'keyword',
        evidence: `inbound text ${staged.id}: ${JSON.stringify(staged.body.slice(0, 160))}`,
        actor: `phone:${staged.from}`,
      })
    }
  }
  const group =
    intent === 'opt_out' ? keywords.optOut : intent === 'opt_in' ? keywords.optIn : keywords.help
  const body = fillWith(group.reply[language], {
    programName: program?.name ?? config.programs[0]?.name ?? 'Parley',
    supportNumber: program?.supportNumber ?? '',
  })
  const purpose =
    intent === 'opt_out'
      ? 'opt_out_confirmation'
      : intent === 'opt_in'
        ? 'opt_in_confirmation'
        : 'help_reply'
  const replyId = await queueReply(deps, {
    from: staged.to,
    to: staged.from,
    body,
    program: program?.id,
    purpose,
    language,
  })
  const closed =
    intent === 'opt_out'
      ? await closeThreadOnOptOut(deps, { customerNumber: staged.from, ourNumber: staged.to })
      : []
  return { intent, language, replyId, closed }
}

/** Queues a text that is not from a template (a keyword reply, an agent's answer) at high priority. */
export async function queueReply(
  deps: Pick<KeywordDeps, 'store' | 'clock' | 'random' | 'wake'>,
  reply: {
    from: string
    to: string
    body: string
    program: string | undefined
    purpose: string
    language?: Language
  },
): Promise<string> {
  const message = newMessage({
    id: deps.random.id(),
    createdAt: deps.clock.now(),
    program: reply.program,
    from: reply.from,
    to: reply.to,
    body: reply.body,
    language: reply.language,
    priority: 'high',
    purpose: reply.purpose,
  })
  await insertMessages(deps.store.db, [message], () => deps.random.id())
  deps.wake()
  return message.id
}
