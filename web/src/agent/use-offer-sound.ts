import { useEffect, useRef, useState } from 'react'

const STORAGE_KEY = 'parley.desk.offerSound'

/** A short two-tone chime made on the spot (no audio file to fetch). */
function chime(): void {
  const context = new AudioContext()
  const gain = context.createGain()
  gain.gain.value = 0.15
  gain.connect(context.destination)
  for (const [i, hz] of [880, 1175].entries()) {
    const tone = context.createOscillator()
    tone.frequency.value = hz
    tone.connect(gain)
    tone.start(context.currentTime + i * 0.18)
    tone.stop(context.currentTime + i * 0.18 + 0.15)
  }
  setTimeout(() => void context.close(), 1000)
}

/**
 * Whether new offers chime (off unless the agent turned it on; remembered in this browser), and
 * the chime itself, played once for each offer id not seen before.
 * @example const sound = useOfferSound(offers.map((o) => o.id)); <input checked={sound.on} … />
 */
export function useOfferSound(offerIds: readonly string[]): {
  on: boolean
  setOn: (on: boolean) => void
} {
  const [on, setOnState] = useState(() => localStorage.getItem(STORAGE_KEY) === 'on')
  const seen = useRef(new Set<string>())
  const key = offerIds.join(',')
  useEffect(() => {
    const fresh = offerIds.filter((id) => !seen.current.has(id))
    for (const id of fresh) seen.current.add(id)
    if (on && fresh.length > 0) {
      try {
        chime()
      } catch {
        // a browser without audio (or that blocks it) still shows the banner
      }
    }
  }, [key, on]) // `key` stands for offerIds: a new array each render, the same ids
  const setOn = (value: boolean) => {
    localStorage.setItem(STORAGE_KEY, value ? 'on' : 'off')
    setOnState(value)
  }
  return { on, setOn }
}
