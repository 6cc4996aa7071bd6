export const id = 689;
export const ids = [689];
export const modules = {

/***/ 6557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ parseBatch),
/* harmony export */   NY: () => (/* binding */ entryInput),
/* harmony export */   Sd: () => (/* binding */ MAX_ENTRIES)
/* harmony export */ });
/* unused harmony exports ENTRY_KEYS, nearest, nearestOf */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _video_request_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6683);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1437);
/**
 * The `batch` input: a list of videos, each with a `name` and any per-video input under its
 * action.yml name. Pure apart from the lazily loaded YAML parser: every entry is checked and
 * every problem is reported at once, each prefixed with its entry's name.
 */



/** The inputs an entry may set; everything else comes from the step. */
const ENTRY_KEYS = [
    'name',
    ..._inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .REQUEST_INPUTS */ .cg,
    'model',
    'seconds',
    'size',
    'ratio',
    'seed',
    'watermark',
    'generate-audio',
    'return-last-frame',
    'safety-identifier',
    'task-id'
];
/** Inputs that are lists: a YAML list, or a string with one item per line. */
const LIST_KEYS = new Set(['reference-images', 'reference-videos', 'reference-audios']);
/** Past this many videos one runner is the wrong tool: shard the list over a matrix. */
const MAX_ENTRIES = 100;
const MAX_DEPTH = 16;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** What a request is made of: an entry that collects a `task-id` takes none of these from the step. */
const REQUEST_KEYS = new Set(_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .REQUEST_INPUTS */ .cg);
/** An entry's inputs over the step's: an entry's value wins, the step's is the default. */
function entryInput(entry, stepInput) {
    const collects = Object.hasOwn(entry.values, 'task-id');
    return (name) => {
        if (Object.hasOwn(entry.values, name))
            return entry.values[name];
        if (collects && REQUEST_KEYS.has(name))
            return '';
        return stepInput(name);
    };
}
/**
 * Parses the list. A document that is not a list of entries throws; each entry's own problems
 * are in its `problems`, so the caller can report them with the rest of its checks.
 */
async function parseBatch(text, inputName = 'batch', shards = 1) {
    const data = await parseDocument(text, inputName);
    if (!Array.isArray(data))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input \`${inputName}\` must be a list of videos (a YAML or JSON list of entries, each with a \`name\` and inputs such as \`prompt\`).`);
    if (data.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input \`${inputName}\` is an empty list: give at least one video.`);
    // With `shard: i/n` the file holds every share: each step takes at most MAX_ENTRIES of it.
    if (data.length > MAX_ENTRIES * shards) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(shards === 1
            ? `Input \`${inputName}\` has ${data.length} entries; one step takes at most ${MAX_ENTRIES}. Shard the list over a \`strategy.matrix\` with \`shard: \${{ matrix.shard }}/<n>\` (see the README).`
            : `Input \`${inputName}\` has ${data.length} entries; ${shards} shards take at most ${MAX_ENTRIES * shards} (${MAX_ENTRIES} each): raise n in \`shard\`.`);
    }
    const entries = [];
    const seen = new Map();
    data.forEach((raw, i) => {
        const fallback = `video-${i + 1}`;
        const label = (name) => `Batch entry "${name}"`;
        const problems = [];
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
            entries.push({ name: fallback, values: {}, problems: [`${label(fallback)} (item ${i + 1}) must be a mapping of inputs such as {name: teaser, prompt: ...}.`] });
            return;
        }
        const item = raw;
        let name = fallback;
        if (item.name !== undefined) {
            if (typeof item.name !== 'string' && typeof item.name !== 'number')
                problems.push(`Batch item ${i + 1}: \`name\` must be text.`);
            else if (!NAME.test(String(item.name))) {
                problems.push(`Batch item ${i + 1}: \`name\` must be 1-64 letters, digits, \`-\`, \`_\` or \`.\` (got ${JSON.stringify(String(item.name).slice(0, 70))}).`);
            }
            else
                name = String(item.name);
        }
        const before = seen.get(name);
        if (before !== undefined)
            problems.push(`${label(name)}: the name is used by item ${before + 1} too; names must be unique.`);
        else
            seen.set(name, i);
        const values = {};
        let after;
        for (const [key, value] of Object.entries(item)) {
            if (key === 'name')
                continue;
            if (isMapping(value) && (key === 'first-frame' || key === 'last-frame')) {
                const follows = value.after;
                if (key === 'last-frame')
                    problems.push(`${label(name)}: only \`first-frame\` can be \`{ after: <entry name> }\` (a shot starts where another ends); \`last-frame\` takes a URL or a file.`);
                else if (Object.keys(value).length !== 1 || typeof follows !== 'string' || follows.trim() === '') {
                    problems.push(`${label(name)}: \`first-frame\` as a mapping must be exactly \`{ after: <entry name> }\`, the entry whose last frame this one starts from.`);
                }
                else {
                    after = follows.trim();
                    values[key] = chainPlaceholder(after);
                }
                continue;
            }
            if (!ENTRY_KEYS.includes(key)) {
                const near = nearest(key);
                problems.push(`${label(name)} has an unknown key \`${key}\`${near ? `; did you mean \`${near}\`?` : ''}`);
                continue;
            }
            const text = asInput(key, value);
            if (text === undefined)
                problems.push(`${label(name)}: \`${key}\` must be text, a number, true/false${LIST_KEYS.has(key) ? ' or a list' : ''}${key === 'media' ? ' or a list of media items' : ''}.`);
            else
                values[key] = text;
        }
        entries.push({ name, values, problems, ...(after !== undefined ? { after } : {}) });
    });
    checkChains(entries);
    return entries;
}
/** Stands in for a chained entry's first frame until the entry it follows has its last frame. */
function chainPlaceholder(after) {
    return `${_video_request_js__WEBPACK_IMPORTED_MODULE_1__/* .CHAIN_PREFIX */ .hX}${after}`;
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * Every `{ after: <name> }` names another entry, no chain runs in a circle, and each entry that
 * is followed is asked for its last frame (`return-last-frame: true`, unless it says false: a problem).
 */
function checkChains(entries) {
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const e of entries) {
        if (e.after === undefined)
            continue;
        const target = byName.get(e.after);
        if (target === undefined) {
            const near = nearestOf(e.after, [...byName.keys()].filter((n) => n !== e.name));
            e.problems.push(`Batch entry "${e.name}": \`first-frame: { after: ${e.after} }\` names no entry of this batch${near ? `; did you mean \`${near}\`?` : '.'}`);
            e.after = undefined;
            continue;
        }
        const given = target.values['return-last-frame'];
        if (given !== undefined && given.trim().toLowerCase() === 'false') {
            target.problems.push(`Batch entry "${target.name}" is followed by "${e.name}", which starts from its last frame: remove \`return-last-frame: false\`.`);
        }
        else
            target.values['return-last-frame'] = 'true';
    }
    const reported = new Set();
    for (const start of entries) {
        const path = [];
        let at = start;
        while (at !== undefined && !path.includes(at.name)) {
            path.push(at.name);
            at = at.after !== undefined ? byName.get(at.after) : undefined;
        }
        if (at === undefined || reported.has(at.name))
            continue;
        const circle = path.slice(path.indexOf(at.name));
        for (const n of circle)
            reported.add(n);
        at.problems.push(`Batch entry "${at.name}": the entries ${[...circle, at.name].map((n) => `"${n}"`).join(' -> ')} follow each other in a circle; one of them must start without \`{ after: ... }\`.`);
    }
}
/** A value as the step's input of that name would carry it. */
function asInput(key, value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (key === 'media' && typeof value === 'object')
        return JSON.stringify(value);
    if (LIST_KEYS.has(key) && Array.isArray(value) && value.every((v) => typeof v === 'string'))
        return value.join('\n');
    return undefined;
}
/** JSON, else YAML (loaded only then); deep nesting and YAML tags and warnings are refused. */
async function parseDocument(text, inputName) {
    const t = text.trim();
    if (t === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input \`${inputName}\` is empty.`);
    if (depthOf(t) > MAX_DEPTH)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input \`${inputName}\` is nested more than ${MAX_DEPTH} levels deep; a batch list is a list of flat entries.`);
    try {
        return JSON.parse(t);
    }
    catch {
        // Not JSON: YAML below.
    }
    const { parseDocument: parseYaml } = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19));
    const doc = parseYaml(t, { prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input \`${inputName}\` is not a valid YAML or JSON list (${problem.message.split('\n')[0]}).`);
    return doc.toJS({ maxAliasCount: 50 });
}
/** How deep brackets nest, counted without parsing (a parser would recurse that deep). */
function depthOf(text) {
    let depth = 0;
    let max = 0;
    for (const c of text) {
        if (c === '[' || c === '{')
            max = Math.max(max, ++depth);
        else if (c === ']' || c === '}')
            depth--;
    }
    return max;
}
/** The known key closest to `key`, if it is close enough to be a typo. */
function nearest(key) {
    return nearestOf(key.toLowerCase(), ENTRY_KEYS);
}
/** The word of `known` closest to `word`, if it is close enough to be a typo. */
function nearestOf(word, known) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const d = distance(word, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
/** Levenshtein distance (two rows). */
function distance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++)
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row;
    }
    return prev[b.length];
}


/***/ }),

/***/ 295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fb: () => (/* binding */ shardSummaryLine),
/* harmony export */   QE: () => (/* binding */ checkOtherFiles),
/* harmony export */   Tk: () => (/* binding */ pickShare),
/* harmony export */   dN: () => (/* binding */ withShard)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _batch_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6557);
/* harmony import */ var _video_shard_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6799);
/**
 * A batch step with `shard: i/n`: which entries this job runs (the split itself is pure, in
 * video/shard.ts), how the log, `results` and the summary name the share, and a share with no
 * entries. Every shard still checks the whole file, so one bad entry stops every shard before
 * anything is paid for, as it stops an unsplit batch.
 */



/** Other shards' entries whose files are checked (then closed) at once: a bound on open files. */
const OTHERS_AT_ONCE = 20;
/** Entry names listed in the log line that says what this shard runs. */
const NAMES_IN_LOG = 20;
/** This shard's entries as indexes into `parsed` (every entry without `shard`); logs which they are. */
function pickShare(parsed, shard, log) {
    if (shard === undefined)
        return new Set(parsed.keys());
    const share = (0,_video_shard_js__WEBPACK_IMPORTED_MODULE_2__/* .shareOf */ .tC)(parsed, shard);
    const label = (0,_video_shard_js__WEBPACK_IMPORTED_MODULE_2__/* .shardLabel */ .$_)(shard);
    if (share.length > _batch_file_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ENTRIES */ .Sd) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input \`shard\`: share ${label} holds ${share.length} of the batch's ${parsed.length} entries; one step takes at most ${_batch_file_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ENTRIES */ .Sd}: raise n (a chain stays in one share, so no chain may be longer than ${_batch_file_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ENTRIES */ .Sd} entries).`);
    }
    const names = share.slice(0, NAMES_IN_LOG).map((i) => parsed[i].name);
    const more = share.length > NAMES_IN_LOG ? `, and ${share.length - NAMES_IN_LOG} more` : '';
    log(share.length === 0
        ? `Shard ${label}: none of the batch's ${parsed.length} ${parsed.length === 1 ? 'entry is' : 'entries are'} in this share (the other shards run them all).`
        : `Shard ${label}: ${share.length} of the batch's ${parsed.length} entries (${names.join(', ')}${more}); the other shards run the rest.`);
    return new Set(share);
}
/**
 * Checks the workspace files of the entries other shards run, a few at a time, closing them
 * again: a bad file anywhere in the batch refuses every shard. Returns one sentence per problem.
 */
async function checkOtherFiles(others, step, label) {
    const { checkEntryFiles, closeEntries } = await __webpack_require__.e(/* import() */ 618).then(__webpack_require__.bind(__webpack_require__, 618));
    const problems = [];
    for (let i = 0; i < others.length; i += OTHERS_AT_ONCE) {
        const chunk = others.slice(i, i + OTHERS_AT_ONCE);
        try {
            problems.push(...(await checkEntryFiles(chunk, step, label, () => undefined)));
        }
        finally {
            await closeEntries(chunk);
        }
    }
    return problems;
}
/** `results` with the share named in each entry (`"shard": "1/4"`), right after its name. */
function withShard(results, shard) {
    if (shard === undefined)
        return [...results];
    return results.map(({ name, ...rest }) => ({ name, shard: (0,_video_shard_js__WEBPACK_IMPORTED_MODULE_2__/* .shardLabel */ .$_)(shard), ...rest }));
}
/** The summary's line under the title: which share this is. */
function shardSummaryLine(shard, entries) {
    const label = (0,_video_shard_js__WEBPACK_IMPORTED_MODULE_2__/* .shardLabel */ .$_)(shard);
    return entries === 0
        ? `Shard ${label} of the batch: no entries fell to this share, so nothing was sent; the other shards run them all.`
        : `Shard ${label} of the batch: this job's share is ${entries} ${entries === 1 ? 'entry' : 'entries'}; the other shards have the rest.`;
}


/***/ }),

/***/ 5689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runBatchStep: () => (/* binding */ runBatchStep)
/* harmony export */ });
/* unused harmony exports batchText, batchEntries, outputDir, resultsOf, succeeded, batchFailure, collectAdvice */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _batch_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6557);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6264);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1437);
/* harmony import */ var _video_pipeline_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6652);
/* harmony import */ var _delivery_paths_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9208);
/* harmony import */ var _batch_shard_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(295);
/**
 * The step in batch mode: the `batch` list -> one entry per video, every problem of every
 * entry found before anything is sent -> the same pipeline a single step runs, N times ->
 * `results`, the summary, and one failure naming each entry that did not succeed.
 */








/** The most a batch file may be: thousands of entries' worth of YAML. */
const MAX_BATCH_FILE_BYTES = 1024 * 1024;
/** The `batch` input's text: inline YAML/JSON, or the content of the workspace file it names. */
async function batchText(value, roots) {
    const v = value.trim();
    const inline = v.includes('\n') || /^[[{-]/.test(v);
    if (inline)
        return v;
    const { openLocalFile } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 1436));
    const file = await openLocalFile(v, { workspace: roots.workspace, runnerTemp: roots.runnerTemp }, 'batch');
    try {
        const { size } = await file.handle.stat();
        if (size > MAX_BATCH_FILE_BYTES)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`Input \`batch\`: ${v} is ${size} bytes; a batch file may be at most 1 MB.`);
        const { readHead } = await __webpack_require__.e(/* import() */ 107).then(__webpack_require__.bind(__webpack_require__, 7107));
        return (await readHead(file.handle, size)).toString('utf8');
    }
    finally {
        await file.handle.close();
    }
}
/** One message listing every problem (GitHub shows an error as one annotation). */
function batchRefusal(problems, bad, total) {
    const head = `${bad} of ${total} batch ${total === 1 ? 'entry is' : 'entries are'} not valid, so nothing was sent:`;
    return [head, ...problems].join(' ');
}
/**
 * Every entry validated exactly as a single step would be, its workspace files included;
 * every problem of every entry is listed in one refusal.
 */
async function batchEntries(text, step, stepInput, env, log) {
    const parsed = await (0,_batch_file_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBatch */ .Gc)(text, 'batch', step.shard?.count);
    const mine = (0,_batch_shard_js__WEBPACK_IMPORTED_MODULE_7__/* .pickShare */ .Tk)(parsed, step.shard, log);
    const problems = [];
    const bad = new Set();
    const entries = [];
    // With `shard`, the other shards' entries are checked too (a bad entry anywhere stops every shard), then dropped.
    const others = [];
    const dir = outputDir(step);
    for (const [index, item] of parsed.entries()) {
        if (item.problems.length > 0) {
            bad.add(item.name);
            problems.push(...item.problems);
            continue;
        }
        try {
            const config = await (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .parseConfig */ .o4)((0,_batch_file_js__WEBPACK_IMPORTED_MODULE_1__/* .entryInput */ .NY)(item, stepInput), () => undefined, env, { entry: true });
            const name = item.name;
            (mine.has(index) ? entries : others).push({
                name,
                config,
                tag: `[${name}] `,
                wait: true,
                saveTo: dir !== undefined ? () => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, `${name}.mp4`) : undefined,
                tempFile: () => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(step.runnerTemp, `${(0,_delivery_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .safeFileName */ .Tx)(name)}.mp4`),
                assetName: () => `${name}.mp4`,
                checked: [],
                ...(item.after !== undefined ? { after: item.after } : {})
            });
        }
        catch (err) {
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz))
                throw err;
            bad.add(item.name);
            problems.push(`Batch entry "${item.name}": ${err.message}`);
        }
    }
    const { checkEntryFiles, closeEntries } = await __webpack_require__.e(/* import() */ 618).then(__webpack_require__.bind(__webpack_require__, 618));
    const label = (e) => `Batch entry "${e.name}": `;
    try {
        const found = [...(await checkEntryFiles(entries, step, label, log)), ...(await (0,_batch_shard_js__WEBPACK_IMPORTED_MODULE_7__/* .checkOtherFiles */ .QE)(others, step, label))];
        for (const p of found) {
            bad.add(/^Batch entry "([^"]+)"/.exec(p)?.[1] ?? '');
            problems.push(p);
        }
    }
    catch (err) {
        await closeEntries(entries);
        throw err;
    }
    if (problems.length > 0) {
        await closeEntries(entries);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(batchRefusal(problems, bad.size, parsed.length));
    }
    return entries;
}
/** In batch mode `output-path` is a folder that gets `<name>.mp4` for each entry. */
function outputDir(step) {
    if (step.outputPath === undefined)
        return undefined;
    return (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(step.outputPath) ? step.outputPath : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(step.workspace, step.outputPath);
}
/**
 * Runs the step in batch mode. Writes `results`, the summary, and the failure itself (naming
 * every entry that did not succeed, and after a cancel or timeout every task that goes on).
 * Throws only before any request is sent (bad input), for the caller's one-line failure.
 */
async function runBatchStep(ctx, value) {
    const { io, config: step, outputs } = ctx;
    const info = (line) => io.info(line);
    if (step.outputPath !== undefined && /\.(mp4|mov)$/i.test(step.outputPath)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('Input `output-path` must be a folder with `batch` (each video is saved as `<name>.mp4` in it), not a file name.');
    }
    const text = await batchText(value, step);
    const entries = await batchEntries(text, step, (name) => io.getInput(name), io.env, info);
    const { closeEntries, dryRun, findRelease, lookUpReuse, runEntries } = await __webpack_require__.e(/* import() */ 618).then(__webpack_require__.bind(__webpack_require__, 618));
    const { renderBatchSummary } = await __webpack_require__.e(/* import() */ 95).then(__webpack_require__.bind(__webpack_require__, 6095));
    if (entries.length === 0) {
        // Only a share can be empty (an empty list is refused): nothing to send or wait for, and that is a success.
        io.info('Nothing was sent: this shard has no entries of the batch.');
        outputs.set('results', '[]');
        return await ctx.summary(renderBatchSummary({ entries: [], requests: [], shard: step.shard }));
    }
    const requests = entries.map((e) => e.config.request?.body);
    const locals = entries.map((e) => e.config.request?.locals);
    const states = [];
    let atLeast = false;
    try {
        await lookUpReuse(entries, step, (line) => io.warning(line));
        // The bill before anything is sent: over `token-budget`, the whole batch stops here.
        const { priceEntries } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8786));
        const estimate = priceEntries(entries, step.tokenBudget, info);
        outputs.set('estimated-tokens', String(estimate.tokens));
        atLeast = estimate.atLeast;
        if (step.dryRun) {
            io.info(`Dry run: all ${entries.length} batch ${entries.length === 1 ? 'entry is' : 'entries are'} valid; nothing was sent.`);
            await dryRun(entries, step, info);
            return await ctx.summary(renderBatchSummary({ entries: entries.map((e) => ({ name: e.name, estimatedTokens: e.estimate?.tokens })), estimateAtLeast: estimate.atLeast, requests, locals, dryRun: true, shard: step.shard, next: ['Remove `dry-run` (and set `api-key`) to submit these requests.'] }));
        }
        const release = step.uploadToRelease ? await findRelease(step, entries.length, info, ctx.deadline, ctx.signal) : undefined;
        io.info(`Batch of ${entries.length} ${entries.length === 1 ? 'video' : 'videos'}, at most ${step.maxConcurrency} in flight at once.`);
        await runEntries({
            entries,
            step,
            maxConcurrency: step.maxConcurrency,
            deadline: ctx.deadline,
            signal: ctx.signal,
            release,
            logs: { info, warn: (line) => io.warning(line), debug: (line) => io.debug(line) },
            workspace: step.workspace,
            states
        });
    }
    finally {
        await closeEntries(entries);
    }
    for (const s of states)
        if (s.error !== undefined)
            s.status ??= 'failed';
    const assets = Object.assign({}, ...states.map((s) => s.assets ?? {}));
    if (Object.keys(assets).length > 0)
        outputs.set('assets', JSON.stringify(assets));
    outputs.set('results', JSON.stringify((0,_batch_shard_js__WEBPACK_IMPORTED_MODULE_7__/* .withShard */ .dN)(resultsOf(states), step.shard)));
    const { reportedTotal } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8786));
    const used = reportedTotal(states.map((s) => s.tokens));
    if (used !== undefined)
        outputs.set('tokens', String(used));
    outputs.set('estimated-tokens', String(states.reduce((sum, s) => sum + (s.estimatedTokens ?? 0), 0)));
    const shown = states.map((s) => ({ ...s, videoPath: s.videoPath && (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .displayPath */ .Gt)(s.videoPath, step.workspace) }));
    let failure = batchFailure(states);
    if (ctx.signal.aborted) {
        const advice = collectAdvice(states);
        for (const line of advice)
            io.info(line);
        const why = ctx.stopReason();
        failure = `${why}${advice.length > 0 ? `; ${states.filter((s) => s.taskId && s.status !== 'succeeded').length} tasks go on: collect them with batch entries that give their \`task-id\` (listed in the log)` : ''}. ${failure ?? ''}`.trim();
    }
    await ctx.summary(renderBatchSummary({ entries: shown, requests, locals, shard: step.shard, error: failure, estimateAtLeast: atLeast }));
    if (failure)
        io.setFailed(failure);
}
/** `results`: one object per entry, in entry order, with the fields that apply. */
function resultsOf(states) {
    return states.map((s) => {
        const { 'task-id': taskId, ...delivered } = (0,_video_pipeline_js__WEBPACK_IMPORTED_MODULE_5__/* .deliveredFields */ .wY)(s);
        return {
            name: s.name,
            ...(taskId !== undefined ? { 'task-id': taskId } : {}),
            status: s.status ?? 'unknown',
            ...delivered,
            ...(s.error !== undefined ? { error: s.error } : {}),
            'cache-hit': s.cacheHit === true,
            ...(s.tokens !== undefined ? { tokens: s.tokens } : {}),
            ...(s.estimatedTokens !== undefined ? { 'estimated-tokens': s.estimatedTokens } : {})
        };
    });
}
/** Did this entry deliver what was asked? */
function succeeded(s) {
    return s.status === 'succeeded' && s.error === undefined;
}
/** The step's failure: each entry that did not succeed, with its reason and task id. */
function batchFailure(states) {
    const failed = states.filter((s) => !succeeded(s));
    if (failed.length === 0)
        return undefined;
    const parts = failed.map((s) => `${s.name} (${s.taskId ? `task ${s.taskId}, ` : 'no task, '}${s.status ?? 'failed'}${s.error ? `: ${s.error.replace(/\.$/, '')}` : ''})`);
    return `${failed.length} of ${states.length} batch ${states.length === 1 ? 'entry' : 'entries'} did not succeed: ${parts.join('; ')}.`;
}
/** After a cancel or timeout: every created task, and the batch entries that collect them. */
function collectAdvice(states) {
    const live = states.filter((s) => s.taskId !== undefined && !succeeded(s));
    if (live.length === 0)
        return [];
    return [
        'These tasks go on; collect them later (within 7 days) with these batch entries:',
        ...live.map((s) => `  - { name: ${s.name}, task-id: ${s.taskId} }`)
    ];
}


/***/ })

};
