/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1), in table order, without the escape
 * code 0x1B (it is not a character a text can contain). Note: capital Ç is in the table, small ç
 * is not; é è ù ì ò à are, ê â î ô û are not (REFERENCE.md "French accents").
 */
export const GSM7_BASIC_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

/**
 * The GSM 03.38 extension table: each costs two septets (escape + code). Form feed is the
 * "page break" at 0x0A of the extension table.
 */
export const GSM7_EXTENSION_CHARACTERS = '\f^{}\\[~]|€'

/** Septet cost per UTF-16 code unit; 0 = not in GSM-7. Built once: every GSM char is in the BMP. */
const SEPTETS = buildSeptetTable()

function buildSeptetTable(): Uint8Array {
  const table = new Uint8Array(0x10000)
  for (const char of GSM7_BASIC_CHARACTERS) table[char.charCodeAt(0)] = 1
  for (const char of GSM7_EXTENSION_CHARACTERS) table[char.charCodeAt(0)] = 2
  return table
}

/**
 * Septets a UTF-16 code unit costs in GSM-7: 1 for the basic table, 2 for the extension table,
 * 0 when it cannot be sent in GSM-7 at all (the message must then use UCS-2).
 * @example gsm7Septets('a'.charCodeAt(0)) // 1
 * @example gsm7Septets('€'.charCodeAt(0)) // 2
 * @example gsm7Septets('ê'.charCodeAt(0)) // 0
 */
export function gsm7Septets(codeUnit: number): 0 | 1 | 2 {
  return (SEPTETS[codeUnit] ?? 0) as 0 | 1 | 2
}

/**
 * Whether a single character (one code point) exists in the GSM-7 alphabet or its extension.
 * @example isGsm7Character('é') // true
 * @example isGsm7Character('ç') // false
 */
export function isGsm7Character(char: string): boolean {
  return char.length === 1 && gsm7Septets(char.charCodeAt(0)) !== 0
}

/**
 * Septets the whole text costs in GSM-7, or -1 when some character forces UCS-2.
 * @example gsm7SeptetCount('{hi}') // 6
 * @example gsm7SeptetCount('Ça va? Très bien') // 16
 * @example gsm7SeptetCount('ça va') // -1
 */
export function gsm7SeptetCount(text: string): number {
  let septets = 0
  for (let i = 0; i < text.length; i++) {
    const cost = SEPTETS[text.charCodeAt(i)] ?? 0
    if (cost === 0) return -1
    septets += cost
  }
  return septets
}
