/** The terminal side of a prompt: a TTY input that can switch raw mode on and off. */
export interface HiddenInput {
  setRawMode(mode: boolean): unknown
  setEncoding(encoding: BufferEncoding): unknown
  resume(): unknown
  pause(): unknown
  on(event: 'data', listener: (chunk: string) => void): unknown
  off(event: 'data', listener: (chunk: string) => void): unknown
}

/** Raised when the person presses Ctrl-C at a hidden prompt. */
export class PromptCancelledError extends Error {
  override readonly name = 'PromptCancelledError'
  readonly code = 'prompt_cancelled'

  constructor() {
    super('cancelled at the prompt')
  }
}

/**
 * Asks for a secret on the terminal without echoing it: raw mode, so the
 * characters never reach the screen or the shell history. Enter ends the
 * answer, Backspace removes the last character, Ctrl-C cancels; arrow keys
 * and other escape sequences are ignored.
 * @example const password = await promptHidden('password: ', process.stdin, process.stderr)
 */
export function promptHidden(
  prompt: string,
  input: HiddenInput,
  output: { write(text: string): unknown },
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value: string[] = []
    const finish = (error?: Error) => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
      if (error) reject(error)
      else resolve(value.join(''))
    }
    const onData = (chunk: string) => {
      for (const char of Array.from(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish()
        if (char === '\u0003') return finish(new PromptCancelledError())
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        // an escape sequence (arrow keys, function keys) arrives as one chunk: drop the rest
        else if (char === '\u001b') break
        else if (char >= ' ') value.push(char)
      }
      return undefined
    }
    output.write(prompt)
    input.setEncoding('utf8')
    input.setRawMode(true)
    input.on('data', onData)
    input.resume()
  })
}
