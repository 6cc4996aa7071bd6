export const id = 249;
export const ids = [249,579,809,630];
export const modules = {

/***/ 1579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  USER_AGENT: () => (/* binding */ USER_AGENT),
  VideoClient: () => (/* binding */ VideoClient)
});

// UNUSED EXPORTS: MAX_ANSWER_BYTES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
// EXTERNAL MODULE: ./src/http.ts
var http = __webpack_require__(6803);
// EXTERNAL MODULE: ./src/http-errors.ts
var http_errors = __webpack_require__(223);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/task.ts
var task = __webpack_require__(4150);
;// CONCATENATED MODULE: ./src/version.ts
/** The action's version, sent in the User-Agent. A test keeps it equal to package.json's. */
const ACTION_NAME = 'seedance-action';
const ACTION_VERSION = '1.0.0';

;// CONCATENATED MODULE: ./src/client.ts
/**
 * The PowerTokens video API: submit a task, read a task. The key is sent only to the
 * configured API origin, and redirects are never followed with it.
 *
 * A submit is re-sent only when the server said nothing was created (429) or the
 * connection was refused before the request went out; every other failure is final,
 * because a blind re-submit can create (and bill) a second task.
 */







const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION} (GitHub Action; node ${process.version})`;
/** A task object is a few kB; anything past this is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;
class VideoClient {
    options;
    constructor(options) {
        this.options = options;
    }
    /** `POST /v1/videos`. Throws ApiError; see the retry rule above. */
    async submit(body) {
        const result = await this.withRetries('submit', () => this.json('submit', 'POST', '/v1/videos', JSON.stringify(body)));
        if (result.task.id === undefined) {
            const what = result.task.badId === undefined ? 'has no task id' : `names a task id that is not a plain token ("${result.task.badId}")`;
            throw new errors/* ApiError */.hD(`PowerTokens accepted the request but its answer ${what}, so the task cannot be followed: check your PowerTokens dashboard before re-running.`, 'protocol');
        }
        return result;
    }
    /** `GET /v1/videos/{id}`, retrying transient failures. */
    async getTask(id) {
        return this.withRetries('poll', () => this.json('poll', 'GET', `/v1/videos/${encodeURIComponent(id)}`));
    }
    /** Absolute URL of an API path. */
    url(path) {
        return `${this.options.baseUrl}${path}`;
    }
    /** The API origin: the only place the key is ever sent. */
    get origin() {
        return new URL(this.options.baseUrl).origin;
    }
    /** The key, for requests to `origin` only (the transport enforces it). */
    credentials() {
        return { origin: this.origin, headers: { authorization: `Bearer ${this.options.apiKey}` } };
    }
    withRetries(phase, attempt) {
        const { maxRetries, log, sleep = retry/* sleep */.yy, random, signal, deadline } = this.options;
        return (0,retry/* withRetries */.LH)(attempt, {
            maxRetries,
            deadline,
            retryable: (err) => (0,http_errors/* isRetryable */.r3)(phase, err),
            sleep: (0,retry.abortableSleep)(signal, sleep),
            random,
            signal,
            onRetry: (err, delay, n) => log?.((0,retry/* retryLine */.Rn)((0,errors/* errorMessage */.gJ)(err), delay, n, maxRetries)),
            giveUp: (err, max) => {
                const e = err;
                const text = (0,retry/* gaveUpText */.MS)(max);
                return new errors/* ApiError */.hD(`${e.message} ${text[0]?.toUpperCase()}${text.slice(1)}${phase === 'submit' ? '; nothing was created' : ''}.`, e.kind, e.status, undefined, e.code);
            }
        });
    }
    async json(phase, method, path, body) {
        const url = this.url(path);
        const { timeoutMs, signal } = this.options;
        const headers = { 'user-agent': USER_AGENT, accept: 'application/json' };
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        const started = Date.now();
        this.options.debug?.(`${method} ${url}${body === undefined ? '' : ` (${body.length} bytes)`}`);
        let response;
        try {
            response = await (0,http/* exchange */.cv)({
                method,
                url,
                headers,
                credentials: this.credentials(),
                body,
                timeoutMs,
                idleTimeoutMs: timeoutMs,
                maxBytes: MAX_ANSWER_BYTES,
                signal
            });
        }
        catch (err) {
            this.options.debug?.(`${method} ${url} failed after ${Date.now() - started} ms: ${(0,errors/* errorMessage */.gJ)(err)}`);
            if (signal?.aborted)
                throw err;
            throw (0,http_errors/* classifyNetworkError */.LW)(phase, err, url, timeoutMs);
        }
        // A server may quote what it was sent: the key never goes further than this line.
        const raw = (0,redact/* redactSecrets */.fp)(response.text, [this.options.apiKey]);
        this.options.debug?.(`${method} ${url} -> HTTP ${response.status} in ${Date.now() - started} ms: ${(0,redact/* cleanText */.X5)(raw, 2000)}`);
        if (response.status < 200 || response.status > 299)
            throw (0,http_errors/* classifyResponse */.IJ)(phase, { ...response, text: raw });
        let data;
        try {
            data = JSON.parse(raw);
        }
        catch {
            const kind = phase === 'submit' ? 'unknown-outcome' : 'transient';
            const advice = phase === 'submit'
                ? ' A task may have been created: check your PowerTokens dashboard before re-running.'
                : '';
            throw new errors/* ApiError */.hD(`PowerTokens answered HTTP ${response.status} with something that is not JSON ("${(0,redact/* cleanText */.X5)(raw, 80)}").${advice}`, kind, response.status);
        }
        if (!(0,task/* isTaskShaped */.nW)(data)) {
            const advice = phase === 'submit' ? `: ${http_errors/* UNKNOWN_ADVICE */.ip}` : '.';
            throw new errors/* ApiError */.hD(`PowerTokens answered HTTP ${response.status} with ${(0,task/* shapeOf */.F5)(data)}, not a task object${advice}`, phase === 'submit' ? 'unknown-outcome' : 'transient', response.status);
        }
        const hint = Number(response.headers.get('openai-poll-after-ms'));
        return {
            task: (0,task.readTask)(data),
            raw,
            retryAfterMs: (0,retry/* parseRetryAfter */.mu)(response.headers.get('retry-after')),
            pollAfterMs: Number.isFinite(hint) && hint > 0 ? hint : undefined
        };
    }
}


/***/ }),

/***/ 1630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkLink: () => (/* binding */ checkLink),
/* harmony export */   deliver: () => (/* binding */ deliver)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1579);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6670);
/* harmony import */ var _task_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4150);
/* harmony import */ var _url_policy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5285);
/**
 * A finished task, delivered: its links, and with `output-path` or `upload-to-release` the
 * video (and last frame) saved and the video attached to the release. Each fact is handed to
 * `record` as soon as it is known, so a later failure loses nothing.
 */







async function deliver(o) {
    const { task, client } = o;
    const content = client.url(`/v1/videos/${encodeURIComponent(o.taskId)}/content`);
    const given = checkLink(task.videoUrl, 'video', o.warn);
    if (task.videoUrl !== undefined && given === undefined)
        o.warn(`Reading the video from ${content} instead.`);
    const videoUrl = given ?? content;
    o.record({ videoUrl });
    const lastFrameUrl = checkLink(task.lastFrameUrl, 'last frame', o.warn);
    if (lastFrameUrl)
        o.record({ lastFrameUrl });
    if (o.dest === undefined && o.release === undefined)
        return;
    const { download } = await __webpack_require__.e(/* import() */ 255).then(__webpack_require__.bind(__webpack_require__, 255));
    const common = {
        credentials: client.credentials(),
        userAgent: _client_js__WEBPACK_IMPORTED_MODULE_1__.USER_AGENT,
        maxRetries: o.maxRetries,
        timeoutMs: o.timeoutMs,
        deadline: o.deadline,
        log: o.log,
        signal: o.signal
    };
    const dest = o.dest ?? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(o.tempDir, `${o.taskId.replace(/[^\w.-]/g, '_')}.mp4`);
    const saved = await download({ ...common, url: videoUrl, dest, expect: 'mp4' });
    o.record({ videoPath: saved.path });
    o.log(`Saved the video to ${o.show(saved.path)} (${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(saved.bytes)}).`);
    if (lastFrameUrl && o.dest !== undefined) {
        try {
            const frame = await download({ ...common, url: lastFrameUrl, dest: o.lastFramePath(saved.path), expect: 'image' });
            o.record({ lastFramePath: frame.path });
            o.log(`Saved the last frame to ${o.show(frame.path)}.`);
        }
        catch (err) {
            // A refused last-frame link costs the paid-for video nothing: it is kept, and the step goes on.
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ApiError */ .hD && err.kind === 'unsafe-link'))
                throw err;
            o.warn(`The last frame was not saved: ${err.message}`);
        }
    }
    if (o.release) {
        const { defaultAssetName, uploadToRelease } = await __webpack_require__.e(/* import() */ 202).then(__webpack_require__.bind(__webpack_require__, 4202));
        const name = o.release.assetName ?? defaultAssetName(o.release.target, saved.path, `${o.taskId.replace(/[^\w.-]/g, '_')}.mp4`);
        const asset = await uploadToRelease({ token: o.release.token, file: saved.path, name, contentType: 'video/mp4', tag: o.release.tag, taskId: o.taskId, log: o.log, timeoutMs: o.timeoutMs, deadline: o.deadline, signal: o.signal }, o.release.target);
        o.record({ releaseAssetUrl: asset.url });
        o.log(`Attached ${name} to the release: ${asset.url}`);
    }
}
/**
 * A link from the task object, if it may be used: an https:// URL (http:// only on
 * loopback) of sane length. Anything else is named (cleaned) in a warning and not used.
 */
function checkLink(url, what, warn) {
    if (url === undefined || url.trim() === '')
        return undefined;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        parsed = undefined;
    }
    if (url.length > _task_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_LINK_LENGTH */ .jE)
        warn(`The task's ${what} link is ${url.length} characters long, more than a link can be; it is not used.`);
    else if (!parsed || !(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_5__/* .transportAllowed */ .Ec)(parsed))
        warn(`The task's ${what} link is not an https:// URL ("${(0,_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .cleanText */ .X5)(url, 60)}"); it is not used.`);
    else
        return parsed.href;
    return undefined;
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Js: () => (/* binding */ abortReason),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   MS: () => (/* binding */ gaveUpText),
/* harmony export */   Rn: () => (/* binding */ retryLine),
/* harmony export */   abortableSleep: () => (/* binding */ abortableSleep),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony exports BACKOFF, MAX_RETRY_AFTER_MS, backoffMs, retryDelayMs, DeadlineError */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6264);
/**
 * The one retry engine: when to try again, how long to wait first, and the wait itself.
 * Used by the API client, the Asset Library and the download. Time, randomness and the
 * sleep are passed in, so tests run it without waiting.
 */

/** The one backoff setting: 1 s, doubling, at most 30 s, with jitter. */
const BACKOFF = { baseMs: 1000, capMs: 30_000 };
/** The longest a server's `Retry-After` is honoured for one wait. */
const MAX_RETRY_AFTER_MS = 300_000;
/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * parallel matrix jobs that hit a rate limit together do not come back together.
 * `attempt` counts from 0.
 */
function backoffMs(attempt, { baseMs, capMs, random = Math.random }) {
    const full = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
    return Math.round(full / 2 + (random() * full) / 2);
}
/** A `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`, or undefined. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v))
        return Math.round(Number(v) * 1000);
    const date = Date.parse(v);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/** The server's wish wins, within reason; otherwise back off. */
function retryDelayMs(attempt, retryAfterMs, backoff, maxMs = MAX_RETRY_AFTER_MS) {
    if (retryAfterMs !== undefined)
        return Math.min(retryAfterMs, maxMs);
    return backoffMs(attempt, backoff);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Why a signal aborted, as an Error (the reason the caller gave, else an AbortError). */
function abortReason(signal) {
    const reason = signal.reason;
    return reason instanceof Error ? reason : new DOMException('The operation was cancelled.', 'AbortError');
}
/**
 * A sleep that ends early, rejecting with the signal's reason, when the signal aborts.
 * `base` is the sleep to make abortable (a fake one in tests).
 */
function abortableSleep(signal, base = sleep) {
    if (!signal)
        return base;
    return (ms) => new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(abortReason(signal));
        let timer;
        const onAbort = () => {
            if (timer !== undefined)
                clearTimeout(timer);
            reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const done = (err) => {
            signal.removeEventListener('abort', onAbort);
            if (err === undefined)
                resolve();
            else
                reject(err);
        };
        if (base === sleep)
            timer = setTimeout(() => done(), ms);
        else
            base(ms).then(() => done(), (err) => done(err ?? new Error('sleep failed')));
    });
}
/** The `Retry-After` a failure carries, if any. */
function retryAfterOf(err) {
    const ms = err?.retryAfterMs;
    return typeof ms === 'number' ? ms : undefined;
}
/** A wait that would run past the deadline. */
class DeadlineError extends Error {
    name = 'DeadlineError';
}
/** Runs `attempt` until it succeeds, a failure is final, or the retries are used up. */
async function withRetries(attempt, o) {
    const now = o.now ?? Date.now;
    let failures = 0;
    for (;;) {
        try {
            return await attempt();
        }
        catch (err) {
            if (o.signal?.aborted)
                throw abortReason(o.signal);
            if (!o.retryable(err))
                throw err;
            if (o.progressed?.())
                failures = 0;
            if (failures >= o.maxRetries)
                throw o.giveUp ? o.giveUp(err, o.maxRetries) : err;
            const asked = retryAfterOf(err);
            // With a deadline the server's wish is honoured whole when it fits, and refused when it does not.
            const delay = o.deadline !== undefined && asked !== undefined ? asked : retryDelayMs(failures, asked, { ...BACKOFF, random: o.random });
            if (o.deadline !== undefined && now() + delay > o.deadline) {
                const message = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
                const wait = asked !== undefined ? `the server asked to wait ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(asked)}` : `the next try would wait ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delay)}`;
                throw new DeadlineError(`${message}; ${wait}, longer than \`timeout\` leaves (${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(Math.max(0, o.deadline - now()))}).`);
            }
            failures++;
            o.onRetry?.(err, delay, failures);
            await o.sleep(delay);
        }
    }
}
/** `<message> Retrying in 1.0 s (1/4).` */
function retryLine(message, delayMs, retry, maxRetries, verb = 'Retrying') {
    return `${message.replace(/\.?$/, '.')} ${verb} in ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delayMs, true)} (${retry}/${maxRetries}).`;
}
/** `Gave up after 2 retries (\`max-retries\`)`. */
function gaveUpText(maxRetries) {
    return maxRetries === 0 ? '`max-retries` is 0' : `gave up after ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .retries */ .ZI)(maxRetries)} (\`max-retries\`)`;
}


/***/ })

};
