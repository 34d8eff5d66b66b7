import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { describe, it } from 'node:test'
import { promptHidden, PromptCancelledError } from './prompt-hidden.ts'

/** A terminal stand-in: records raw mode and lets the test type chunks. */
function fakeTerminal() {
  const events = new EventEmitter()
  const state = { raw: false, written: '' }
  const input = {
    setRawMode: (mode: boolean) => (state.raw = mode),
    setEncoding: () => undefined,
    resume: () => undefined,
    pause: () => undefined,
    on: (event: 'data', listener: (chunk: string) => void) => events.on(event, listener),
    off: (event: 'data', listener: (chunk: string) => void) => events.off(event, listener),
  }
  const output = { write: (text: string) => (state.written += text) }
  const type = (...chunks: string[]) => {
    for (const chunk of chunks) events.emit('data', chunk)
  }
  return { input, output, state, type }
}

const cases = [
  { name: 'ends at Enter', chunks: ['secret pass', '\r'], answer: 'secret pass' },
  { name: 'ends at a pasted newline', chunks: ['pasted\nrest'], answer: 'pasted' },
  { name: 'removes a character on Backspace', chunks: ['abcd\u007f\u007fef\r'], answer: 'abef' },
  { name: 'removes a whole emoji on Backspace', chunks: ['ok😀\u007f!\r'], answer: 'ok!' },
  { name: 'ignores arrow keys', chunks: ['ab', '\u001b[D', 'c\r'], answer: 'abc' },
  { name: 'keeps accented letters', chunks: ['café crème\r'], answer: 'café crème' },
]

describe('promptHidden', () => {
  for (const { name, chunks, answer } of cases) {
    it(name, async () => {
      const terminal = fakeTerminal()
      const asked = promptHidden('password: ', terminal.input, terminal.output)
      assert.equal(terminal.state.raw, true, 'raw mode: typed characters are not echoed')
      terminal.type(...chunks)
      assert.equal(await asked, answer)
      assert.equal(terminal.state.raw, false, 'the terminal is restored')
      assert.equal(terminal.state.written, 'password: \n', 'nothing typed is written back')
    })
  }

  it('rejects with PromptCancelledError on Ctrl-C and restores the terminal', async () => {
    const terminal = fakeTerminal()
    const asked = promptHidden('password: ', terminal.input, terminal.output)
    terminal.type('half\u0003')
    await assert.rejects(asked, PromptCancelledError)
    assert.equal(terminal.state.raw, false)
  })
})
