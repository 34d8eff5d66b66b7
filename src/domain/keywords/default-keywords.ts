import type { KeywordSet } from './keyword-set.ts'

/**
 * Opt-in words that count only as the reply to an opt-in request ("Reply YES to receive…"):
 * a spontaneous "yes" in a conversation must not subscribe anyone (REFERENCE.md "Opt-in").
 */
export const REPLY_ONLY_OPT_IN_WORDS: readonly string[] = Object.freeze(['YES', 'Y', 'OUI'])

/**
 * Default keywords and replies (REFERENCE.md "Keywords"): CTIA practice and the FCC 2024
 * revocation words for opt-out, the CWTA short-code rules for Canada (STOP/ARRET/FIN and their
 * usual misspellings, HELP/AIDE/INFO, START/UNSTOP, ABONNER and misspellings), each reply in the
 * keyword's language, GSM-7 and one segment once ((programName)) (up to 30 characters) and
 * ((supportNumber)) are filled (tested). French replies avoid ê, â, î, ô, û, ç, which would
 * force UCS-2. INFO is in both languages: its reply language follows the rest of the message.
 */
export const DEFAULT_KEYWORDS: KeywordSet = deepFreeze({
  optOut: {
    words: {
      en: [
        'STOP',
        'STOPALL',
        'STOP ALL',
        'UNSUBSCRIBE',
        'CANCEL',
        'END',
        'QUIT',
        'REVOKE',
        'OPTOUT',
        'OPT OUT',
      ],
      fr: ['ARRET', 'ARRÊT', 'ARET', 'ARRRET', 'ARÊT', 'ARRRÊT', 'FIN', 'DÉSABONNER', 'ANNULER'],
    },
    reply: {
      en: '((programName)): You are unsubscribed and will get no more messages. Reply START to resubscribe. Help: ((supportNumber))',
      fr: '((programName)) : vous ne recevrez plus de messages. Répondez ABONNER pour vous réabonner. Aide : ((supportNumber))',
    },
  },
  optIn: {
    words: {
      en: ['START', 'UNSTOP', 'YES'],
      fr: ['ABONNER', 'ABONER', 'ABONNNER', 'OUI'],
    },
    reply: {
      en: '((programName)): You are subscribed. Msg&data rates may apply. Reply HELP for help, STOP to cancel.',
      fr: "((programName)) : abonnement confirmé. Des frais peuvent s'appliquer. Répondez AIDE pour de l'aide, ARRET pour annuler.",
    },
  },
  help: {
    words: {
      en: ['HELP', 'INFO'],
      fr: ['AIDE', 'INFO'],
    },
    reply: {
      en: '((programName)): For help call ((supportNumber)). Msg&data rates may apply. Reply STOP to cancel.',
      fr: "((programName)) : pour de l'aide, appelez le ((supportNumber)). Des frais peuvent s'appliquer. Répondez ARRET pour annuler.",
    },
  },
})

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
