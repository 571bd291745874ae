import { readFileSync } from 'node:fs'
import path from 'node:path'
import { FANGSONG, PALETTE, SERIF, fit, font, wrapText } from '@/services/drawing-kit'

/** `$wm-name: value;` of src/styles/tokens.scss (the value without its trailing comment). */
function scssTokens(): Map<string, string> {
  const text = readFileSync(path.join(__dirname, '../../src/styles/tokens.scss'), 'utf8')
  const tokens = new Map<string, string>()
  for (const match of text.matchAll(/^\$(wm-[\w-]+):\s*([^;]+);/gm)) tokens.set(match[1], match[2].trim())
  return tokens
}

/** #fff and #FFFFFF are the same colour. */
function hex(value: string): string {
  const lower = value.toLowerCase()
  return /^#[0-9a-f]{3}$/.test(lower) ? `#${lower[1]}${lower[1]}${lower[2]}${lower[2]}${lower[3]}${lower[3]}` : lower
}

const kebab = (name: string) => `wm-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`

describe('drawing kit (what the certificate, the poster and the letters share)', () => {
  test('every canvas colour is the design token of the same name in tokens.scss', () => {
    const tokens = scssTokens()
    const entries = Object.entries(PALETTE)
    expect(entries.length).toBeGreaterThan(5)
    for (const [name, colour] of entries) {
      const token = tokens.get(kebab(name))
      expect({ name, token: token === undefined ? undefined : hex(token) }).toEqual({ name, token: hex(colour) })
    }
    // The brand red of the pages is the letters' red.
    expect(hex(tokens.get('wm-brand') ?? '')).toBe('#c8161d')
    expect(PALETTE.brand).toBe('#c8161d')
  })

  test('the letters are set in the FangSong of the letter page', () => {
    expect(scssTokens().get('wm-font-fangsong')).toBe(FANGSONG)
  })

  test('font() writes canvas font strings', () => {
    expect(font(30)).toBe(`30px ${SERIF}`)
    expect(font(52, true)).toBe(`bold 52px ${SERIF}`)
    expect(font(30, false, FANGSONG)).toBe(`30px ${FANGSONG}`)
  })

  const measure = (text: string) => Array.from(text).length * 10

  test('wraps by measured width, keeping a Latin or digit run whole unless told to break anywhere', () => {
    expect(wrapText('一二三四五六七', 30, '', measure)).toEqual(['一二三', '四五六', '七'])
    expect(wrapText('编号AB-1234', 50, '', measure)).toEqual(['编号', 'AB-1234'])
    expect(wrapText('编号AB-1234', 50, '', measure, { anywhere: true })).toEqual(['编号AB-', '1234'])
    expect(wrapText('一二三四五', 30, '', measure, { indent: 20 })).toEqual(['一', '二三四', '五'])
    expect(wrapText('', 30, '', measure)).toEqual([''])
  })

  test('a space where a line breaks is dropped', () => {
    expect(wrapText('一二三 四五', 30, '', measure, { anywhere: true })).toEqual(['一二三', '四五'])
    expect(wrapText('一二 三四', 30, '', measure)).toEqual(['一二', '三四'])
  })

  test('fit() cuts with … only when the text is too wide', () => {
    expect(fit('一二三', 30, '', measure)).toBe('一二三')
    expect(fit('一二三四五', 30, '', measure)).toBe('一二…')
  })
})
