export const id = 618;
export const ids = [618];
export const modules = {

/***/ 618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkEntryFiles: () => (/* binding */ checkEntryFiles),
  closeEntries: () => (/* binding */ closeEntries),
  dryRun: () => (/* binding */ dryRun),
  findRelease: () => (/* binding */ findRelease),
  lookUpReuse: () => (/* binding */ lookUpReuse),
  runEntries: () => (/* binding */ runEntries)
});

// UNUSED EXPORTS: DOWNLOADS_AT_ONCE

;// CONCATENATED MODULE: ./src/step/dry-run.ts
/** What a dry run prints: the exact body, and a curl command that sends it. */
/** Shell single-quoting. */
function sq(s) {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
function curlCommand(baseUrl, bodyJson) {
    const marker = bodyJson.includes('\nJSON\n') ? 'SEEDANCE_JSON_BODY' : 'JSON';
    return [
        `curl -sS -X POST ${sq(`${baseUrl}/v1/videos`)} \\`,
        `  -H "Authorization: Bearer $POWERTOKENS_API_KEY" \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  --data-binary @- <<'${marker}'`,
        bodyJson,
        marker
    ].join('\n');
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/step/inputs.ts + 1 modules
var inputs = __webpack_require__(1437);
// EXTERNAL MODULE: ./src/video/chain.ts
var chain = __webpack_require__(3270);
// EXTERNAL MODULE: ./src/video/pipeline.ts + 1 modules
var pipeline = __webpack_require__(6652);
// EXTERNAL MODULE: ./src/abort.ts
var abort = __webpack_require__(6885);
;// CONCATENATED MODULE: ./src/video/slots.ts

/** A counting semaphore whose waits end on abort: `max-concurrency` tasks, and downloads one at a time. */
class Slots {
    free;
    waiting = [];
    constructor(size) {
        this.free = size;
    }
    async acquire(signal) {
        if (this.free > 0) {
            this.free--;
            return;
        }
        let grant;
        const granted = new Promise((resolve) => this.waiting.push((grant = resolve)));
        // A wait given up on leaves the queue, so a slot is never granted to nobody.
        await (0,abort/* untilAborted */.Eu)(granted, signal, () => {
            const i = this.waiting.indexOf(grant);
            if (i >= 0)
                this.waiting.splice(i, 1);
        });
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next();
        else
            this.free++;
    }
}

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/video/request.ts + 1 modules
var request = __webpack_require__(6683);
// EXTERNAL MODULE: ./src/api/url-policy.ts
var url_policy = __webpack_require__(9148);
;// CONCATENATED MODULE: ./src/video/run-entries.ts
/**
 * One scheduler for one video or many: every entry's workspace files checked, its identity
 * and cached video looked up, the key required only where something must be sent, one dry
 * run, one release lookup; then each entry's pipeline (pipeline.ts), at most `maxConcurrency`
 * tasks queued or running at once. A single step is a run of one entry.
 */









/**
 * Videos saved at once. A download runs at hundreds of MB/s (a 50 MB video in well under a
 * second), so one at a time costs no wall time worth counting, while parallel ones each hold
 * their socket and write buffers: ten 50 MB videos peak at 77 MB RSS one by one, 137 MB two by two.
 */
const DOWNLOADS_AT_ONCE = 1;
/**
 * Checks every entry's workspace files (they stay open until `closeEntries`). Returns one
 * sentence per entry whose files break a rule, each after `label(entry)`; checks them all.
 */
async function checkEntryFiles(entries, step, label, log) {
    const problems = [];
    const withFiles = entries.filter((e) => e.config.request && e.config.request.locals.length > 0);
    if (withFiles.length === 0)
        return problems;
    const { checkLocalMedia } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(381)]).then(__webpack_require__.bind(__webpack_require__, 381));
    for (const e of withFiles) {
        try {
            e.checked = await checkLocalMedia(e.config.request.locals, { workspace: step.workspace, runnerTemp: step.runnerTemp }, log);
        }
        catch (err) {
            if (!(err instanceof errors/* InputError */.dz))
                throw err;
            problems.push(`${label(e)}${err.message}`);
        }
    }
    return problems;
}
/** Closes the files `checkEntryFiles` opened. */
async function closeEntries(entries) {
    if (!entries.some((e) => e.checked.length > 0))
        return;
    const { closeLocalMedia } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(381)]).then(__webpack_require__.bind(__webpack_require__, 381));
    for (const e of entries)
        await closeLocalMedia(e.checked);
}
/**
 * Never pay twice (reuse.ts): each entry's identity (its workspace files by content), then its
 * cached video, before any upload. Then the key: refused before anything is sent unless every
 * entry came from the cache.
 */
async function lookUpReuse(entries, step, warn) {
    if (step.dryRun)
        return;
    if (step.resume || step.cache) {
        const { requestIdentity } = await __webpack_require__.e(/* import() */ 916).then(__webpack_require__.bind(__webpack_require__, 9916));
        const { restoreResult } = await __webpack_require__.e(/* import() */ 396).then(__webpack_require__.bind(__webpack_require__, 5396));
        const byName = new Map(entries.map((e) => [e.name, e]));
        const identities = new Map();
        // An entry that follows another counts that entry's identity, never its link (new on every run).
        const identityOf = (e) => {
            let id = identities.get(e.name);
            if (id !== undefined)
                return id;
            const before = e.after !== undefined ? byName.get(e.after) : undefined;
            const after = before === undefined ? undefined : before.config.request ? identityOf(before) : `task:${before.config.taskId ?? ''}`;
            id = requestIdentity({ baseUrl: e.config.baseUrl, body: e.config.request.body, localFiles: new Map(e.checked.map((c) => [c.index, c.info.sha256])), after });
            identities.set(e.name, id);
            return id;
        };
        for (const e of entries) {
            if (!e.config.request)
                continue;
            e.reuse = {
                identity: identityOf(e),
                runId: step.runId,
                job: step.job,
                attempt: Number(step.runAttempt) || 1,
                entry: e.name,
                runnerTemp: step.runnerTemp,
                warn
            };
            if (step.cache)
                e.hit = await restoreResult(e.reuse);
        }
    }
    const missing = entries.filter((e) => !e.hit);
    if (step.apiKey === '' && missing.length > 0) {
        const which = entries.length === 1 ? 'this request' : `batch ${missing.length === 1 ? 'entry' : 'entries'} ${missing.map((e) => `"${e.name}"`).join(', ')}`;
        throw new errors/* InputError */.dz(`${inputs/* API_KEY_REQUIRED */.Pp.replace(/\.$/, '')}; the cache had no video for ${which}.`);
    }
}
/** The dry run: each entry's exact body and an equivalent curl; nothing is sent. */
async function dryRun(entries, step, info) {
    const place = placer(step, Date.now() + step.timeoutMs, new AbortController().signal, info);
    const linksSaid = new Set();
    for (const e of entries) {
        const log = (line) => info(`${e.tag}${line}`);
        if (e.config.taskId !== undefined) {
            log(`Dry run: would read task ${e.config.taskId} from ${step.baseUrl}/v1/videos/${e.config.taskId}; nothing was sent.`);
            continue;
        }
        await place(e);
        const asAsset = e.config.remoteMediaAs === 'asset';
        if (asAsset)
            (await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(720)]).then(__webpack_require__.bind(__webpack_require__, 5720))).planRemote(e.config.request.body, e.config.request, linksSaid, step.assetBaseUrl, log);
        if (e.after !== undefined) {
            const how = asAsset ? ', fetched and uploaded to the Asset Library' : '';
            log(`first frame: the last frame of \`${e.after}\`, once it has succeeded${how} (shown below as ${request/* CHAIN_PREFIX */.hX}${e.after}).`);
        }
        const body = e.config.request.body;
        const shown = JSON.stringify((0,redact/* shortenDataUrls */.ER)(body), null, 2);
        log(`${e.tag === '' ? 'Dry run: the request is valid; nothing was sent. Body' : 'body'} of POST ${step.baseUrl}/v1/videos:`);
        info(shown);
        log(e.tag === '' ? 'The same request with curl (export POWERTOKENS_API_KEY first):' : 'the same request with curl:');
        info(curlCommand(step.baseUrl, shown));
        if (shown !== JSON.stringify(body, null, 2))
            log('(Long data: URLs are shortened above; the real body carries them whole.)');
    }
}
/** The release the videos go to, found and proven writable before anything is paid for. */
async function findRelease(step, count, info, deadline, signal) {
    const { findRelease: find } = await __webpack_require__.e(/* import() */ 380).then(__webpack_require__.bind(__webpack_require__, 380));
    const target = await find({ token: step.githubToken, tag: step.releaseTag, timeoutMs: step.requestTimeoutMs, deadline, signal });
    info(`The ${count === 1 ? 'video' : 'videos'} will be attached to release ${target.release.tag_name ?? target.release.id}.`);
    return target;
}
/** Each entry's workspace files placed by one placer: a file named by many entries is uploaded once. */
function placer(step, deadline, signal, log) {
    let shared;
    const make = async () => {
        const { Placer } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(381)]).then(__webpack_require__.bind(__webpack_require__, 381));
        const { USER_AGENT } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(624)]).then(__webpack_require__.bind(__webpack_require__, 6624));
        const p = new Placer({
            imagesAs: step.localImagesAs,
            dryRun: step.dryRun,
            log,
            library: {
                baseUrl: step.assetBaseUrl,
                apiKey: step.apiKey,
                groupId: step.assetGroupId,
                userAgent: USER_AGENT,
                timeoutMs: step.requestTimeoutMs,
                maxRetries: step.maxRetries,
                deadline,
                signal
            }
        });
        return { place: (e) => p.place(e.config.request.body, e.checked) };
    };
    return async (entry) => {
        if (entry.checked.length === 0)
            return {};
        shared ??= make();
        return (await shared).place(entry);
    };
}
/** Runs every entry's pipeline; resolves when each has ended (they never throw). */
async function runEntries(o) {
    o.states.push(...o.entries.map((e) => ({ name: e.name, ...(e.estimate ? { estimatedTokens: e.estimate.tokens } : {}) })));
    const { VideoClient } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(624)]).then(__webpack_require__.bind(__webpack_require__, 6624));
    const { step } = o;
    const ctx = {
        deadline: o.deadline,
        signal: o.signal,
        release: o.release,
        slots: new Slots(Math.max(1, o.maxConcurrency)),
        downloads: new Slots(DOWNLOADS_AT_ONCE),
        client: (log) => new VideoClient({
            baseUrl: step.baseUrl,
            apiKey: step.apiKey,
            timeoutMs: step.requestTimeoutMs,
            maxRetries: step.maxRetries,
            // Retries are progress, not something the user must act on: info, not warnings.
            log,
            debug: o.logs.debug,
            signal: o.signal,
            deadline: o.deadline
        }),
        place: placer(step, o.deadline, o.signal, o.logs.info),
        workspace: o.workspace,
        info: o.logs.info,
        warn: o.logs.warn,
        changed: (state) => o.changed?.(state),
        remembering: [],
        frames: new Map(o.entries.map((e) => [e.name, new chain/* FramePromise */.RN()])),
        roots: { workspace: step.workspace, runnerTemp: step.runnerTemp }
    };
    const remote = await fetchRemote(o, ctx);
    try {
        // Every file (workspace or fetched) uploaded before any entry is submitted: a failed upload costs no
        // task. An entry that follows another places its frame when it starts; the rest place again at once.
        for (const e of o.entries) {
            if (!e.hit && e.after === undefined && e.config.taskId === undefined && e.checked.length > 0)
                await ctx.place(e);
        }
        await Promise.all(o.entries.map((entry, i) => (0,pipeline/* runEntry */.CN)(ctx, entry, o.states[i])));
        await Promise.all(ctx.remembering);
    }
    finally {
        await remote?.close();
    }
    return o.states;
}
/**
 * `remote-media-as: asset`: every entry's media links fetched (each link once for the step) and
 * checked before any entry starts, so a bad link fails the step before anything is paid for; the
 * Placer then uploads them with the workspace files. Chained entries get their last frame the same way.
 */
async function fetchRemote(o, ctx) {
    const todo = o.entries.filter((e) => e.config.remoteMediaAs === 'asset' && e.config.request && e.config.taskId === undefined && !e.hit);
    if (todo.length === 0)
        return undefined;
    const { RemoteMedia, remoteItems } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(720)]).then(__webpack_require__.bind(__webpack_require__, 5720));
    const { checkTotals } = await __webpack_require__.e(/* import() */ 583).then(__webpack_require__.bind(__webpack_require__, 5583));
    const { USER_AGENT } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(624)]).then(__webpack_require__.bind(__webpack_require__, 6624));
    const { step } = o;
    const remote = new RemoteMedia({
        runnerTemp: step.runnerTemp,
        userAgent: USER_AGENT,
        timeoutMs: step.requestTimeoutMs,
        maxRetries: step.maxRetries,
        deadline: o.deadline,
        signal: o.signal,
        allowLoopback: (0,url_policy/* isLoopbackHost */.cW)(new URL(step.baseUrl).hostname),
        log: o.logs.info
    });
    ctx.fetchFrame = (url, index) => remote.check({ index, url, type: 'first_frame', input: 'first-frame' });
    const problems = [];
    try {
        for (const e of todo) {
            try {
                for (const item of remoteItems(e.config.request))
                    e.checked.push(await remote.check(item));
                checkTotals(e.checked.map((c) => c.info)); // 15 s of reference clips in all, links and files together
            }
            catch (err) {
                if (!(err instanceof errors/* InputError */.dz) || o.signal.aborted)
                    throw err;
                problems.push(`${e.tag === '' ? '' : `Batch entry "${e.name}": `}${err.message}`);
            }
        }
    }
    catch (err) {
        await remote.close();
        throw err;
    }
    if (problems.length > 0) {
        await remote.close();
        const more = problems.length > 1 ? ` (${problems.length - 1} more ${problems.length === 2 ? 'link fails' : 'links fail'} too; nothing was submitted)` : '';
        throw new errors/* InputError */.dz(`${problems[0].replace(/\.$/, '')}${more}.`);
    }
    return remote;
}


/***/ })

};
