import { useState } from 'react'
import { ApiError } from '../api/api-error.ts'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate, Notice } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import { PhoneFrame } from './phone-frame.tsx'
import { PhoneHint } from './phone-hint.tsx'
import { PhoneSetup } from './phone-setup.tsx'
import type { SandboxNumbers } from './phone-types.ts'
import './phone.css'

/** A phone number to start with, so the first text is one click away. */
const FIRST_PHONE = '+12505550123'

/**
 * The phone simulator (sandbox carrier only): be a citizen, text one of our numbers, and see
 * the replies and their delivery receipts arrive.
 */
export function PhonePage() {
  const text = useText()
  const numbers = useLoad(() => api.get<SandboxNumbers>('/v1/sandbox/numbers'), [])
  if (
    numbers.state === 'failed' &&
    numbers.error instanceof ApiError &&
    numbers.error.code === 'sandbox_not_enabled'
  )
    return <Notice tone="warning">{text.phone.notEnabled}</Notice>
  return (
    <section className="stack phone-page" aria-labelledby="phone-title">
      <h1 id="phone-title">{text.phone.title}</h1>
      <LoadGate loaded={numbers}>{(loaded) => <Simulator numbers={loaded} />}</LoadGate>
    </section>
  )
}

function Simulator({ numbers }: { numbers: SandboxNumbers }) {
  const text = useText()
  const [phone, setPhone] = useState(FIRST_PHONE)
  const [ourNumber, setOurNumber] = useState(numbers.numbers[0]?.number ?? '')
  const [draft, setDraft] = useState('')
  return (
    <>
      <p className="muted phone-intro">{text.phone.intro}</p>
      <div className="phone-layout">
        <div className="stack">
          <PhoneHint
            numbers={numbers}
            onTry={(number, example) => {
              setOurNumber(number)
              setDraft(example)
            }}
          />
          <PhoneSetup
            numbers={numbers}
            phone={phone}
            ourNumber={ourNumber}
            onPhone={setPhone}
            onOurNumber={setOurNumber}
          />
        </div>
        <PhoneFrame
          key={phone}
          phone={phone}
          ourNumber={ourNumber}
          draft={draft}
          onDraft={setDraft}
          onOurNumber={setOurNumber}
        />
      </div>
    </>
  )
}
