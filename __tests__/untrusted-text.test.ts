/**
 * Text from outside (a server, a link) made inert: `neutralize`, the one function every such text
 * passes before the log, an annotation, an output or the summary; `cleanText` on top of it (secrets
 * removed before the cut); and the summary's escaping of Markdown.
 */
import { describe, expect, it } from '@jest/globals'
import { addSecret, cleanText, neutralize } from '../src/redact.js'
import { parseEnvelope } from '../src/media/asset-answers.js'
import { displayLinks } from '../src/http/url-policy.js'
import { cell, code, link, renderSummary, requestDetails, shownLink } from '../src/step/summary.js'
import type { VideoRequest } from '../src/api/request-schema.js'

/** Would the runner act on this line? `::` at its start (after white space), or `##[` anywhere. */
function isCommand(line: string): boolean {
  return /^\s*::/.test(line) || line.includes('##[')
}

describe('neutralize', () => {
  it.each([
    ['`::` at a line start', '::warning::x', ': :warning::x'],
    ['`::` after white space', '  \t::error::x', ': :error::x'],
    ['`::` after a non-breaking space', '\u00a0::error::x', ': :error::x'],
    ['`::` in the middle of a line (not a command: kept)', 'status ::x', 'status ::x'],
    ['`##[` in the middle of a line', 'done ##[set-output name=video-path]/etc/x', 'done # #[set-output name=video-path]/etc/x'],
    ['`##[` at a line start', '##[warning]x', '# #[warning]x'],
    ['`###[` (the command inside)', 'a ###[warning]x', 'a ## #[warning]x'],
    ['`##[` twice in a row', '##[##[x', '# #[# #[x'],
    ['LF', 'job1\n::warning::x', 'job1 ::warning::x'],
    ['CR (a line break to the runner)', 'job1\r::set-output name=x::y', 'job1 ::set-output name=x::y'],
    ['CR LF', 'a\r\n::add-mask::b', 'a ::add-mask::b'],
    ['CR then `::` with nothing before it', '\r::warning::x', ': :warning::x'],
    ['NUL', 'a\u0000::warning::x', 'a ::warning::x'],
    ['NUL hiding `##[`', '#\u0000#[x', '# #[x'],
    ['U+2028 (line separator)', 'a\u2028::warning::x', 'a ::warning::x'],
    ['U+2029 (paragraph separator)', 'a\u2029::warning::x', 'a ::warning::x'],
    ['NEL (U+0085)', 'a\u0085::warning::x', 'a ::warning::x'],
    ['a zero-width space hiding `##[`', '#\u200b#[x', '# #[x'],
    ['bidi overrides', 'a\u202eb\u2066c', 'a b c'],
    ['plain text', 'Task cgt-1 succeeded (5 s).', 'Task cgt-1 succeeded (5 s).']
  ])('%s', (_what, input, expected) => {
    const out = neutralize(input)
    expect(out).toBe(expected)
    for (const c of ['\r', '\n', '\u0000', '\u0085', '\u2028', '\u2029']) expect(out).not.toContain(c)
    expect(isCommand(out)).toBe(false)
  })

  it("keeps the step's own lines, each made inert on its own", () => {
    const text = '{\n  "prompt": "a ##[warning]b\u2028c"\n}\r\n::set-output name=x::y\r  ::warning::z\u0000'
    const out = neutralize(text, true)
    expect(out.split('\n')).toEqual(['{', '  "prompt": "a # #[warning]b c"', '}', ': :set-output name=x::y', '  : :warning::z '])
    expect(out.split('\n').filter(isCommand)).toEqual([])
  })

  it("JSON (an output such as the server's `response`) stays JSON with the same keys", () => {
    const raw = '{"id":"cgt-1",\r\n"status":"##[set-output name=video-path]/etc/x","note":"a\u2028b"}'
    const out = neutralize(raw, true)
    expect(JSON.parse(out)).toEqual({ id: 'cgt-1', status: '# #[set-output name=video-path]/etc/x', note: 'a b' })
  })
})

describe('cleanText', () => {
  const KEY = 'sk-live-0123456789abcdefghij'

  it('removes a secret before it cuts: a key across the cut leaves no part of itself', () => {
    const text = `${'x'.repeat(280)} key ${KEY} (renew it)`
    const out = cleanText(text, 300, [KEY])
    expect(out.length).toBeLessThanOrEqual(300)
    for (let i = 0; i + 6 <= KEY.length; i++) expect(out).not.toContain(KEY.slice(i, i + 6))
    expect(out).toContain('***')
  })

  it('removes every secret the step registered, without being told', () => {
    addSecret('gh-token-registered-0123456789')
    expect(cleanText(`${'y'.repeat(290)} gh-token-registered-0123456789`, 300)).not.toContain('gh-token')
  })

  it('is one inert line', () => {
    expect(cleanText('job1\n::warning title=INJECTED::x\n##[set-output name=a]b', 300)).toBe('job1 ::warning title=INJECTED::x # #[set-output name=a]b')
  })

  it('the Asset Library envelope: the key is removed before the message is cut to 300 characters', () => {
    const envelope = parseEnvelope(JSON.stringify({ code: 400, message: `${'refused '.repeat(34)}for key ${KEY} (renew it)` }), [KEY])
    expect(envelope?.message?.length).toBeLessThanOrEqual(300)
    for (let i = 0; i + 6 <= KEY.length; i++) expect(envelope?.message).not.toContain(KEY.slice(i, i + 6))
  })
})

describe('links as the log shows them', () => {
  const userLink = 'https://alice:pa55word@media.example.com/a.png?X-Amz-Signature=SIGSECRET123#frag'

  it('no user info, query or fragment; data: URLs shortened; other text as it is', () => {
    expect(shownLink(userLink)).toBe('https://media.example.com/a.png')
    expect(shownLink(`data:image/png;base64,${'A'.repeat(500)}`)).toMatch(/^data:image\/png;base64,A+\.\.\.\[522 characters\]$/)
    expect(shownLink('asset://asset-1')).toBe('asset://asset-1')
  })

  it('a request as shown (log, `request` output): every link without its credentials', () => {
    const body = {
      model: 'm',
      media: [
        { type: 'text', text: 'https://x.example/?q=1 stays: it is a prompt' },
        { type: 'first_frame', url: userLink }
      ]
    }
    const shown = JSON.stringify(displayLinks(body))
    expect(shown).not.toMatch(/alice|pa55word|SIGSECRET123|frag/)
    expect(shown).toContain('"url":"https://media.example.com/a.png"')
  })

  it("the summary's request table", () => {
    const q = {
      model: 'm',
      media: [
        { type: 'text', text: 'x' },
        { type: 'first_frame', url: userLink }
      ]
    } as unknown as VideoRequest
    const table = requestDetails(q, 'Request').join('\n')
    expect(table).toContain('| 2 | first_frame | `https://media.example.com/a.png` |')
    expect(table).not.toMatch(/alice|pa55word|SIGSECRET123|frag/)
  })

  it('a video link keeps what makes it work, but never user info', () => {
    expect(link('download', 'https://u:p@cdn.example/v.mp4?sig=1')).toBe('[download](https://cdn.example/v.mp4?sig=1)')
  })
})

describe('the summary escapes Markdown as well as HTML', () => {
  const hostile = '[renew it here](https://evil.example/login) ![](https://evil.example/pixel.png)'

  it.each([
    ['a link', '[x](https://evil.example/login)', '\\[x\\]\\(https\\://evil.example/login)'],
    ['an image', '![](https://evil.example/pixel.png)', '\\!\\[\\]\\(https\\://evil.example/pixel.png)'],
    ['a bare URL (GitHub links it unasked)', 'see https://evil.example', 'see https\\://evil.example'],
    ['a www. name', 'www.evil.example', 'www\\.evil.example'],
    ['an e-mail address', 'help@evil.example', 'help\\@evil.example'],
    ['HTML', '<img src="https://evil.example/i.png">', '&lt;img src="https\\://evil.example/i.png"&gt;'],
    ['emphasis and strikethrough', '*a* _b_ ~c~', '\\*a\\* \\_b\\_ \\~c\\~'],
    ['a table cell break', 'a | b', 'a \\| b'],
    ['a backslash that would undo an escape', '\\[x](https://e.example)', '\\\\\\[x\\]\\(https\\://e.example)'],
    ["the step's own words", 'Stopped after 3 s (`timeout`): frame.png (workspace file)', 'Stopped after 3 s (`timeout`): frame.png (workspace file)']
  ])('%s', (_what, input, expected) => {
    expect(cell(input)).toBe(expected)
  })

  it('a code span shows its text as it is', () => {
    expect(code('a`b|c\nd')).toBe("`a'b\\|c d`")
  })

  it("a failed task's message in the summary is text: no link, no image", () => {
    const md = renderSummary({ taskId: 'cgt-1', status: 'failed', error: `Task cgt-1 failed: ${hostile}` })
    expect(md).toContain('renew it here')
    expect(md).not.toMatch(/(^|[^\\])\[renew|\]\(https?:|!\[\]\(|(^|[\s(])https:\/\//m)
  })
})
