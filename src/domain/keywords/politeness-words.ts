import type { Language } from '../language.ts'

/** A courtesy phrase that may surround a keyword without making the message "more than a keyword". */
export interface PolitenessPhrase {
  /** Normalised tokens, as keywordTokens gives them. */
  readonly tokens: readonly string[]
  /** The language the phrase reveals, if any ("merci" is French, "ok" is neither). */
  readonly language?: Language
}

const phrase = (text: string, language?: Language): PolitenessPhrase =>
  language === undefined ? { tokens: text.split(' ') } : { tokens: text.split(' '), language }

/**
 * Words people add around a keyword: "stop please", "STOP merci", "Unsubscribe me now, thanks".
 * Kept short on purpose: a message with anything else ("stop sending me bills") is a
 * possible_opt_out for an agent, not an automatic one (REFERENCE.md "Keywords").
 */
export const POLITENESS_PHRASES: readonly PolitenessPhrase[] = Object.freeze([
  phrase('PLEASE', 'en'),
  phrase('PLS', 'en'),
  phrase('PLZ', 'en'),
  phrase('THANKS', 'en'),
  phrase('THANK YOU', 'en'),
  phrase('THANKYOU', 'en'),
  phrase('THX', 'en'),
  phrase('TY', 'en'),
  phrase('HI', 'en'),
  phrase('HELLO', 'en'),
  phrase('NOW', 'en'),
  phrase('ME', 'en'),
  phrase('MERCI', 'fr'),
  phrase('MERCI BEAUCOUP', 'fr'),
  phrase('SVP', 'fr'),
  phrase('STP', 'fr'),
  phrase('S IL VOUS PLAIT', 'fr'),
  phrase('S IL TE PLAIT', 'fr'),
  phrase('BONJOUR', 'fr'),
  phrase('ALLO', 'fr'),
  phrase('MAINTENANT', 'fr'),
  phrase('MOI', 'fr'),
  phrase('OK'),
  phrase('OKAY'),
])
