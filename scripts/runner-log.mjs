// How a GitHub run page shows a step's output: the workflow commands an action writes to its
// stdout or stderr (`::debug::`, `::add-mask::`, `::error::`, `::group::`, ...) are read by the
// runner and never shown as written. The demo (scripts/demo.mjs) pipes the action through this,
// so what it prints is what a user would see in the Actions tab, not the raw protocol.
//
// Follows the runner's parser (actions/runner, ActionCommand.TryParseV2): a command is a line
// that starts, after leading spaces, with `::name` and has a second `::`; properties are
// `key=value` pairs split by `,`; the data after the second `::` is unescaped (%25 %0D %0A, and
// %3A %2C in properties). A line naming an unknown command is shown as it is, as the runner does.
// Standard library only: the demo runs on a fresh clone without `npm install`.

const COMMANDS = new Set([
  'add-mask',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'set-output',
  'save-state',
  'add-path',
  'set-env',
  'add-matcher',
  'remove-matcher',
  'stop-commands'
])

const unescapeData = (s) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
const unescapeProperty = (s) => unescapeData(s.replace(/%3A/gi, ':').replace(/%2C/gi, ','))

/** `::name k=v,k=v::data` as `{name, properties, data}`, or undefined when the line is no command. */
export function parseCommand(line) {
  const text = line.trimStart()
  if (!text.startsWith('::')) return undefined
  const end = text.indexOf('::', 2)
  if (end < 0) return undefined
  const info = text.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!COMMANDS.has(name)) return undefined
  const properties = {}
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=')
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1))
    }
  }
  return { name, properties, data: unescapeData(text.slice(end + 2)) }
}

const COLOURS = { error: 31, warning: 33, notice: 36, debug: 35, group: 1 }
const LABELS = { error: 'Error', warning: 'Warning', notice: 'Notice' }

/**
 * A step log as the run page shows it. `line(text)` takes one line the action wrote and returns
 * the lines to show (none for a command the runner hides); `mask(text)` hides every registered
 * secret as `***`, as the runner does in the log, the outputs it displays and the step summary.
 *
 * @param {{ debug?: boolean, colour?: boolean }} options `debug`: show `::debug::` lines, as with
 *   the repository's "debug logging" on (hidden otherwise, as on a normal run); `colour`: ANSI colours.
 */
export function createRunnerLog({ debug = false, colour = false } = {}) {
  const secrets = new Set()
  /** Annotations, as the run's summary page lists them. */
  const annotations = []
  let stopToken // `::stop-commands::<token>` shows every line as written until `::<token>::`
  let inGroup = false

  const paint = (kind, text) => (colour && COLOURS[kind] ? `\x1b[${COLOURS[kind]}m${text}\x1b[0m` : text)
  const indent = (text) => (inGroup ? `  ${text}` : text)

  function mask(text) {
    let out = String(text)
    // Longest first, so a secret that contains another is hidden whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***')
    return out
  }

  function addMask(value) {
    // The runner ignores empty and blank values (they would hide everything).
    if (value.trim() === '') return
    secrets.add(value)
    for (const part of value.split(/\r?\n/)) if (part.trim() !== '') secrets.add(part)
  }

  /** The lines of a possibly multi-line message, the first behind `label`. */
  const block = (kind, label, data) =>
    mask(data)
      .split(/\r?\n/)
      .map((text, i) => indent(paint(kind, i === 0 && label ? `${label}${text}` : text)))

  function line(raw) {
    const text = raw.replace(/\r$/, '')
    if (stopToken !== undefined) {
      if (text.trim() === `::${stopToken}::`) {
        stopToken = undefined
        return []
      }
      return [indent(mask(text))]
    }
    const command = parseCommand(text)
    if (!command) return [indent(mask(text))]
    const { name, properties, data } = command
    switch (name) {
      case 'add-mask':
        addMask(data)
        return []
      case 'debug':
        return debug ? block('debug', '[debug] ', data) : []
      case 'error':
      case 'warning':
      case 'notice': {
        const where = properties.file ? ` (${properties.file}${properties.line ? `:${properties.line}` : ''})` : ''
        annotations.push({ level: name, title: properties.title ? mask(properties.title) : undefined, message: mask(data), where })
        return block(name, `${LABELS[name]}: `, data)
      }
      case 'group': {
        const shown = [paint('group', `▸ ${mask(data)}`)]
        inGroup = true
        return shown
      }
      case 'endgroup':
        inGroup = false
        return []
      case 'stop-commands':
        stopToken = data
        return []
      default:
        // echo, set-output, save-state, matchers: the runner acts on them and shows nothing.
        return []
    }
  }

  return { line, mask, addMask, annotations }
}
