/**
 * Every relative link in README.md, CONTRIBUTING.md and docs/*.md leads somewhere: the file (or
 * folder) exists in the repository, and an `#anchor` names a heading of the page it points to, as
 * GitHub makes heading anchors (lower case; punctuation other than `-` and `_` dropped; spaces
 * become `-`; a repeated heading gets `-1`, `-2`, ...).
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative, sep } from 'node:path'

const root = process.cwd()
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync('docs')
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`)
]

/** The text without fenced code blocks and inline code (their brackets are not links). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, (code) => code.replace(/[[\]()]/g, ' '))
}

/** GitHub's anchor for a heading's text. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or an image: its text
    .replace(/<[^>]+>/g, '') // HTML tags
    .replace(/`/g, '')
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor a page has: its headings' slugs (repeats numbered) and explicit `id`/`name` anchors. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>()
  const seen = new Map<string, number>()
  const withoutCode = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
  for (const m of withoutCode.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1]!)
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n === 0 ? base : `${base}-${n}`)
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]!)
  return out
}

/** Relative link targets of a page: inline links and images, reference definitions, HTML href/src. */
function links(markdown: string): string[] {
  const text = prose(markdown)
  const out: string[] = []
  for (const m of text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]!)
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)) out.push(m[1]!)
  for (const m of text.matchAll(/\b(?:href|src)="([^"]+)"/g)) out.push(m[1]!)
  return out.filter((t) => t !== '' && !/^[a-z][a-z\d+.-]*:/i.test(t) && !t.startsWith('//'))
}

/** What is wrong with each relative link of `page` (a path from the repository's root). */
function brokenLinks(page: string, markdown: string, read: (path: string) => string | undefined, exists: (path: string) => boolean): string[] {
  const problems: string[] = []
  for (const target of links(markdown)) {
    const hash = target.indexOf('#')
    const pathPart = decodeURI(hash < 0 ? target : target.slice(0, hash))
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1))
    const path =
      pathPart === ''
        ? page
        : normalize(join(dirname(page), pathPart))
            .split(sep)
            .join('/')
            .replace(/\/$/, '')
    if (path.startsWith('..') || !exists(path)) {
      problems.push(`${page}: ${target}: no file ${path}`)
      continue
    }
    if (anchor === undefined || !path.endsWith('.md')) continue
    const text = read(path)
    if (text === undefined || !anchors(text).has(anchor)) problems.push(`${page}: ${target}: ${path} has no heading #${anchor}`)
  }
  return problems
}

describe('links in README.md, CONTRIBUTING.md and docs/', () => {
  it('makes anchors as GitHub does', () => {
    expect(slug('One batch over a matrix (`shard`)')).toBe('one-batch-over-a-matrix-shard')
    expect(slug("PowerTokens' API: what the action relies on")).toBe('powertokens-api-what-the-action-relies-on')
    expect(slug('What the action trusts, and what it bounds')).toBe('what-the-action-trusts-and-what-it-bounds')
    expect(slug('`usage` and the token rule')).toBe('usage-and-the-token-rule')
    expect(slug('Self-hosted runners and proxies')).toBe('self-hosted-runners-and-proxies')
    expect(slug('Step 1. [Install](x.md) it_now')).toBe('step-1-install-it_now')
    expect([...anchors('# A\n## B c\n```\n# not a heading\n```\n## B c\n<a name="x"></a>\n')]).toEqual(['a', 'b-c', 'b-c-1', 'x'])
  })

  it('finds the relative links of a page, and what is wrong with them', () => {
    const files: Record<string, string> = { 'README.md': '# Top\n## Quick start\n', 'docs/a.md': '# A\n## Real heading\n' }
    const page = [
      '[ok](../README.md#quick-start) [ok too](#real-heading) [web](https://example.com/x#y) [mail](mailto:a@b.c)',
      '[no file](missing.md) [no heading](../README.md#no-such) [not here](#nowhere) [out](../../x.md)',
      '`[code](nope.md)` and',
      '```md',
      '[fenced](nope.md)',
      '```',
      '[ref]: ../README.md#top'
    ].join('\n')
    const problems = brokenLinks(
      'docs/a.md',
      page,
      (p) => files[p],
      (p) => p in files
    )
    expect(problems).toEqual([
      'docs/a.md: missing.md: no file docs/missing.md',
      'docs/a.md: ../README.md#no-such: README.md has no heading #no-such',
      'docs/a.md: #nowhere: docs/a.md has no heading #nowhere',
      'docs/a.md: ../../x.md: no file ../x.md'
    ])
  })

  it('checks every page: README.md, CONTRIBUTING.md and each docs page', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/powertokens-api.md']))
    expect(PAGES.length).toBeGreaterThan(5)
  })

  it.each(PAGES)('every relative link and #anchor in %s resolves', (page) => {
    const read = (path: string): string | undefined => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined)
    const exists = (path: string): boolean => existsSync(join(root, path)) && !relative(root, join(root, path)).startsWith('..')
    const text = readFileSync(page, 'utf8')
    expect(links(text).length).toBeGreaterThan(0)
    expect(brokenLinks(page, text, read, exists)).toEqual([])
  })
})
