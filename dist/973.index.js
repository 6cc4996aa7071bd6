export const id = 973;
export const ids = [973,624];
export const modules = {

/***/ 6624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  USER_AGENT: () => (/* binding */ USER_AGENT),
  VideoClient: () => (/* binding */ VideoClient)
});

// UNUSED EXPORTS: MAX_ANSWER_BYTES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/api/retry.ts
var retry = __webpack_require__(7018);
// EXTERNAL MODULE: ./src/api/http.ts
var http = __webpack_require__(5330);
// EXTERNAL MODULE: ./src/api/http-errors.ts
var http_errors = __webpack_require__(6364);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/api/task.ts
var task = __webpack_require__(5347);
;// CONCATENATED MODULE: ./src/version.ts
/** The action's version, sent in the User-Agent. A test keeps it equal to package.json's. */
const ACTION_NAME = 'seedance-action';
const ACTION_VERSION = '1.0.0';

;// CONCATENATED MODULE: ./src/api/client.ts
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
            sleep: (0,retry/* abortableSleep */.Mf)(signal, sleep),
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

/***/ 8973:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkLink: () => (/* binding */ checkLink),
/* harmony export */   deliver: () => (/* binding */ deliver)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6624);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6264);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6670);
/* harmony import */ var _api_task_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5347);
/* harmony import */ var _api_url_policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9148);






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
    const { download } = await __webpack_require__.e(/* import() */ 433).then(__webpack_require__.bind(__webpack_require__, 7433));
    const common = {
        credentials: client.credentials(),
        userAgent: _api_client_js__WEBPACK_IMPORTED_MODULE_0__.USER_AGENT,
        maxRetries: o.maxRetries,
        timeoutMs: o.timeoutMs,
        deadline: o.deadline,
        log: o.log,
        signal: o.signal
    };
    const dest = o.dest ?? o.tempFile;
    const saved = await download({ ...common, url: videoUrl, dest, expect: 'mp4' });
    o.record({ videoPath: saved.path });
    o.log(`Saved the video to ${o.show(saved.path)} (${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(saved.bytes)}).`);
    if (lastFrameUrl && o.dest !== undefined) {
        try {
            const frame = await download({ ...common, url: lastFrameUrl, dest: o.lastFramePath(saved.path), expect: 'image' });
            o.record({ lastFramePath: frame.path });
            o.log(`Saved the last frame to ${o.show(frame.path)}.`);
        }
        catch (err) {
            // A refused last-frame link costs the paid-for video nothing: it is kept, and the step goes on.
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiError */ .hD && err.kind === 'unsafe-link'))
                throw err;
            o.warn(`The last frame was not saved: ${err.message}`);
        }
    }
    if (o.release) {
        const { uploadToRelease } = await __webpack_require__.e(/* import() */ 380).then(__webpack_require__.bind(__webpack_require__, 380));
        const name = await o.release.assetName(saved.path);
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
    if (url.length > _api_task_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_LINK_LENGTH */ .jE)
        warn(`The task's ${what} link is ${url.length} characters long, more than a link can be; it is not used.`);
    else if (!parsed || !(0,_api_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .transportAllowed */ .Ec)(parsed))
        warn(`The task's ${what} link is not an https:// URL ("${(0,_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .cleanText */ .X5)(url, 60)}"); it is not used.`);
    else
        return parsed.href;
    return undefined;
}


/***/ })

};
